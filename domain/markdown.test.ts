import { describe, it, expect } from 'vitest';
import { markdownToBlocks, type Block, type Inline } from './markdown';

const text = (value: string): Inline => ({ kind: 'text', text: value });
const paragraph = (...inlines: Inline[]): Block => ({ kind: 'paragraph', inlines });

/** The inlines of a one-paragraph document. */
function inlinesOf(markdown: string): Inline[] {
  const blocks = markdownToBlocks(markdown);
  expect(blocks).toHaveLength(1);
  const [block] = blocks;
  if (block?.kind !== 'paragraph') throw new Error(`expected a paragraph, got ${JSON.stringify(block)}`);
  return block.inlines;
}

describe('markdownToBlocks: blocks', () => {
  it.each([
    ['nothing', '', []],
    ['only blank lines', '\n  \n\t\n', []],
    ['paragraphs separated by blank lines', 'One.\n\nTwo.', [paragraph(text('One.')), paragraph(text('Two.'))]],
    ['a paragraph over several lines', 'One\n  two\r\nthree', [paragraph(text('One\ntwo\nthree'))]],
    [
      'headings of three levels',
      '# Unit\n## Part\n### Step',
      [
        { kind: 'heading', level: 1, inlines: [text('Unit')] },
        { kind: 'heading', level: 2, inlines: [text('Part')] },
        { kind: 'heading', level: 3, inlines: [text('Step')] },
      ],
    ],
    ['a deeper heading as the third level', '#### Small', [{ kind: 'heading', level: 3, inlines: [text('Small')] }]],
    ['closing hashes on a heading', '## Sources ##', [{ kind: 'heading', level: 2, inlines: [text('Sources')] }]],
    ['hashes that are part of the heading', '## C# and F#', [{ kind: 'heading', level: 2, inlines: [text('C# and F#')] }]],
    ['a hash without a space as text', '#hashtag', [paragraph(text('#hashtag'))]],
    ['an empty heading as nothing', '#\n\nText', [paragraph(text('Text'))]],
    [
      'a heading that interrupts a paragraph',
      'Intro\n## Task\nDo it.',
      [
        paragraph(text('Intro')),
        { kind: 'heading', level: 2, inlines: [text('Task')] },
        paragraph(text('Do it.')),
      ],
    ],
    [
      'an unordered list with either marker',
      '- Lenin\n* Stalin',
      [{ kind: 'list', ordered: false, items: [[text('Lenin')], [text('Stalin')]] }],
    ],
    [
      'an ordered list whose numbers are ignored',
      '1. Thesis\n2. Evidence\n7. Conclusion',
      [{ kind: 'list', ordered: true, items: [[text('Thesis')], [text('Evidence')], [text('Conclusion')]] }],
    ],
    [
      'one ordered list despite blank lines between items',
      '1. Thesis\n\n2. Evidence',
      [{ kind: 'list', ordered: true, items: [[text('Thesis')], [text('Evidence')]] }],
    ],
    [
      'a wrapped list item',
      '- Treaty of Rapallo,\n  signed in 1922',
      [{ kind: 'list', ordered: false, items: [[text('Treaty of Rapallo,\nsigned in 1922')]] }],
    ],
    [
      'a paragraph after a list and a blank line',
      '- a\n\nAfter.',
      [{ kind: 'list', ordered: false, items: [[text('a')]] }, paragraph(text('After.'))],
    ],
    [
      'separate lists when the kind changes',
      '- a\n1. b',
      [
        { kind: 'list', ordered: false, items: [[text('a')]] },
        { kind: 'list', ordered: true, items: [[text('b')]] },
      ],
    ],
    ['a dash without a space as text', '-5 degrees', [paragraph(text('-5 degrees'))]],
    ['bold at the start of a line as bold, not a list', '**Note** here', [paragraph({ kind: 'strong', text: 'Note' }, text(' here'))]],
    [
      'a blockquote over several lines',
      '> It is impermissible\n> and foreign\n\nAfter.',
      [{ kind: 'quote', inlines: [text('It is impermissible\nand foreign')] }, paragraph(text('After.'))],
    ],
    ['escaped block markers as text', '\\# not a heading\n\n\\- not a list', [paragraph(text('# not a heading')), paragraph(text('- not a list'))]],
  ] satisfies [string, string, Block[]][])('parses %s', (_label, markdown, expected) => {
    expect(markdownToBlocks(markdown)).toEqual(expected);
  });
});

describe('markdownToBlocks: inline spans', () => {
  it.each([
    ['bold', 'a **b** c', [text('a '), { kind: 'strong', text: 'b' }, text(' c')]],
    ['bold with underscores', '__b__', [{ kind: 'strong', text: 'b' }]],
    ['italic with stars', '*i*', [{ kind: 'em', text: 'i' }]],
    ['italic with underscores', 'an _i_.', [text('an '), { kind: 'em', text: 'i' }, text('.')]],
    ['code', 'use `<p>` here', [text('use '), { kind: 'code', text: '<p>' }, text(' here')]],
    ['code holding a backtick', '``a ` b``', [{ kind: 'code', text: 'a ` b' }]],
    ['markers inside code as text', '`**x**`', [{ kind: 'code', text: '**x**' }]],
    ['markers inside bold as text', '**a *b* c**', [{ kind: 'strong', text: 'a *b* c' }]],
    ['an unclosed bold', '**bold', [text('**bold')]],
    ['an unclosed italic', 'a *b', [text('a *b')]],
    ['an unclosed code span', 'a `b', [text('a `b')]],
    ['a star followed by a space', 'a * b * c', [text('a * b * c')]],
    ['a closer after a space', '*a *', [text('*a *')]],
    ['mismatched markers', '**a*', [text('**a*')]],
    ['triple markers', '***a***', [text('***a***')]],
    ['underscores inside words', 'snake_case_name', [text('snake_case_name')]],
    ['backslash escapes', '\\*not\\* \\_em\\_ \\`x\\`', [text('*not* _em_ `x`')]],
    ['a backslash before a letter', 'C:\\Users', [text('C:\\Users')]],
    ['spans across a line break', '**a\nb**', [{ kind: 'strong', text: 'a\nb' }]],
  ] satisfies [string, string, Inline[]][])('parses %s', (_label, markdown, expected) => {
    expect(inlinesOf(markdown)).toEqual(expected);
  });
});

describe('markdownToBlocks: links', () => {
  it.each([
    ['https', '[Source](https://example.org/a?b=1#c)', 'https://example.org/a?b=1#c'],
    ['http', '[Source](http://example.org)', 'http://example.org'],
    ['mailto', '[Mail me](mailto:teacher@example.org)', 'mailto:teacher@example.org'],
    ['an upper-case scheme', '[Source](HTTPS://example.org)', 'HTTPS://example.org'],
    ['balanced parentheses in the URL', '[Rapallo](https://en.wikipedia.org/wiki/Rapallo_(1922))', 'https://en.wikipedia.org/wiki/Rapallo_(1922)'],
    ['spaces around the URL', '[Source]( https://example.org )', 'https://example.org'],
  ])('keeps a link with %s', (_label, markdown, href) => {
    const [link] = inlinesOf(markdown);
    expect(link).toMatchObject({ kind: 'link', href });
  });

  it.each([
    ['javascript:', '[x](javascript:alert(1))'],
    ['mixed-case javascript:', '[x](JaVaScRiPt:alert(1))'],
    ['javascript: behind an escaped colon', '[x](javascript\\:alert(1))'],
    ['data:', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['vbscript:', '[x](vbscript:msgbox(1))'],
    ['a relative URL', '[x](/admin)'],
    ['a protocol-relative URL', '[x](//evil.example)'],
    ['a fragment', '[x](#top)'],
    ['a scheme hidden behind an entity', '[x](&#106;avascript:alert(1))'],
    ['a control character in the URL', '[x](https://example.org/\u0001)'],
  ])('turns a link to %s into its text alone', (_label, markdown) => {
    expect(inlinesOf(markdown)).toEqual([text('x')]);
  });

  it.each([
    ['no URL', '[x]', '[x]'],
    ['a space between the parts', '[x] (https://example.org)', '[x] (https://example.org)'],
    ['an unclosed URL', '[x](https://example.org', '[x](https://example.org'],
    ['a URL with a title', '[x](https://example.org "title")', '[x](https://example.org "title")'],
    ['empty link text', '[](https://example.org)', '[](https://example.org)'],
    ['an angle-bracket autolink', '<https://example.org>', '<https://example.org>'],
  ])('leaves text with %s as it is', (_label, markdown, expected) => {
    expect(inlinesOf(markdown)).toEqual([text(expected)]);
  });

  it('links only the innermost bracket', () => {
    expect(inlinesOf('[see [notes](https://example.org)')).toEqual([
      text('[see '),
      { kind: 'link', text: 'notes', href: 'https://example.org' },
    ]);
  });

  it('keeps markers in link text as text', () => {
    expect(inlinesOf('[**x**](https://example.org)')).toEqual([{ kind: 'link', text: '**x**', href: 'https://example.org' }]);
  });
});

describe('markdownToBlocks: raw HTML', () => {
  it.each([
    ['<script>alert(1)</script>'],
    ['<img src=x onerror=alert(1)>'],
    ['<a href="javascript:alert(1)">x</a>'],
    ['&lt;b&gt; &amp;'],
  ])('keeps %s as literal text', (markdown) => {
    expect(markdownToBlocks(markdown)).toEqual([paragraph(text(markdown))]);
  });

  it('never produces anything but the documented kinds', () => {
    const blocks = markdownToBlocks('# <h1>x</h1>\n- <b>y</b>\n> <i>z</i>\n\n**<u>w</u>** [<em>v</em>](https://example.org)');
    const kinds = blocks.flatMap((block) => {
      const inlines = block.kind === 'list' ? block.items.flat() : block.inlines;
      return [block.kind, ...inlines.map((inline) => inline.kind)];
    });
    expect(new Set(kinds)).toEqual(new Set(['heading', 'list', 'quote', 'paragraph', 'text', 'strong', 'link']));
    expect(JSON.stringify(blocks)).toContain('<h1>x</h1>');
  });
});

describe('markdownToBlocks: hostile input', () => {
  const size = 200_000;
  it.each([
    ['unclosed bold markers', '**a '.repeat(size / 4)],
    ['unclosed italic markers', '*a '.repeat(size / 3)],
    ['underscores that never close', '_a '.repeat(size / 3)],
    ['backtick runs of growing length', Array.from({ length: 600 }, (_, n) => '`'.repeat(n + 1) + 'x').join(' ')],
    ['opening brackets', '['.repeat(size)],
    ['brackets before one closer', '['.repeat(size) + 'x]'],
    ['links that never close', '[a](x'.repeat(size / 5)],
    ['nested parentheses', '[a](' + '('.repeat(size)],
    ['brackets and parentheses', '[a](x[a](x'.repeat(size / 10)],
    ['escapes', '\\*'.repeat(size / 2)],
    ['spaces inside a heading', '# a' + ' '.repeat(size) + 'b'],
    ['one very long line of list markers', '- '.repeat(size / 2)],
    ['many short lines', 'a\n'.repeat(size / 2)],
  ])('parses %s in linear time', { timeout: 2_000 }, (_label, markdown) => {
    const started = performance.now();
    const blocks = markdownToBlocks(markdown);
    expect(blocks.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('keeps every character of unmatched markers', () => {
    const markdown = '**a *b `c [d](e _f';
    expect(inlinesOf(markdown)).toEqual([text(markdown)]);
  });
});
