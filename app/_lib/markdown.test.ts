import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown, MarkdownInline } from '../_components/markdown';
import { isSafeHref, parseMarkdown, parseMarkdownInline, type MarkdownNode } from './markdown';

const text = (value: string): MarkdownNode => ({ kind: 'text', text: value });
const paragraph = (...children: MarkdownNode[]): MarkdownNode => ({ kind: 'paragraph', children });
const item = (...children: MarkdownNode[]): MarkdownNode => ({ kind: 'item', children });

/** The spans of a one-paragraph document. */
function spansOf(markdown: string): MarkdownNode[] {
  const blocks = parseMarkdown(markdown);
  expect(blocks).toHaveLength(1);
  const [block] = blocks;
  if (block?.kind !== 'paragraph') throw new Error(`expected a paragraph, got ${JSON.stringify(block)}`);
  return block.children;
}

function html(markdown: string): string {
  return renderToStaticMarkup(createElement(Markdown, { source: markdown }));
}

describe('parseMarkdown: blocks', () => {
  it.each([
    ['nothing', '', []],
    ['only blank lines', '\n  \n\t\n', []],
    ['paragraphs separated by blank lines', 'One.\n\nTwo.', [paragraph(text('One.')), paragraph(text('Two.'))]],
    ['a paragraph over several lines', 'One\n  two\r\nthree', [paragraph(text('One\ntwo\nthree'))]],
    [
      'headings of three levels',
      '# Unit\n## Part\n### Step',
      [
        { kind: 'heading', level: 1, children: [text('Unit')] },
        { kind: 'heading', level: 2, children: [text('Part')] },
        { kind: 'heading', level: 3, children: [text('Step')] },
      ],
    ],
    ['a deeper heading as the third level', '#### Small', [{ kind: 'heading', level: 3, children: [text('Small')] }]],
    ['closing hashes on a heading', '## Sources ##', [{ kind: 'heading', level: 2, children: [text('Sources')] }]],
    ['hashes that are part of the heading', '## C# and F#', [{ kind: 'heading', level: 2, children: [text('C# and F#')] }]],
    ['a hash without a space as text', '#hashtag', [paragraph(text('#hashtag'))]],
    [
      'a heading that interrupts a paragraph',
      'Intro\n## Task\nDo it.',
      [paragraph(text('Intro')), { kind: 'heading', level: 2, children: [text('Task')] }, paragraph(text('Do it.'))],
    ],
    ['an unordered list with one marker', '- Lenin\n- Stalin', [{ kind: 'list', ordered: false, children: [item(text('Lenin')), item(text('Stalin'))] }]],
    [
      'an ordered list',
      '1. Thesis\n2. Evidence\n3. Conclusion',
      [{ kind: 'list', ordered: true, children: [item(text('Thesis')), item(text('Evidence')), item(text('Conclusion'))] }],
    ],
    [
      'a wrapped list item',
      '- Treaty of Rapallo,\n  signed in 1922',
      [{ kind: 'list', ordered: false, children: [item(text('Treaty of Rapallo,\nsigned in 1922'))] }],
    ],
    [
      'a paragraph after a list and a blank line',
      '- a\n\nAfter.',
      [{ kind: 'list', ordered: false, children: [item(text('a'))] }, paragraph(text('After.'))],
    ],
    ['a dash without a space as text', '-5 degrees', [paragraph(text('-5 degrees'))]],
    ['bold at the start of a line as bold, not a list', '**Note** here', [paragraph({ kind: 'strong', children: [text('Note')] }, text(' here'))]],
    [
      'a blockquote over several lines',
      '> It is impermissible\n> and foreign\n\nAfter.',
      [{ kind: 'quote', children: [paragraph(text('It is impermissible\nand foreign'))] }, paragraph(text('After.'))],
    ],
    ['escaped block markers as text', '\\# not a heading\n\n\\- not a list', [paragraph(text('# not a heading')), paragraph(text('- not a list'))]],
    ['an indented line as text, not code', '    indented', [paragraph(text('indented'))]],
    ['a rule-like line as text', 'Intro\n---', [paragraph(text('Intro\n---'))]],
  ] satisfies [string, string, MarkdownNode[]][])('parses %s', (_label, markdown, expected) => {
    expect(parseMarkdown(markdown)).toEqual(expected);
  });
});

describe('parseMarkdown: inline spans', () => {
  it.each([
    ['bold', 'a **b** c', [text('a '), { kind: 'strong', children: [text('b')] }, text(' c')]],
    ['bold with underscores', '__b__', [{ kind: 'strong', children: [text('b')] }]],
    ['italic with stars', '*i*', [{ kind: 'em', children: [text('i')] }]],
    ['italic with underscores', 'an _i_.', [text('an '), { kind: 'em', children: [text('i')] }, text('.')]],
    ['code', 'use `<p>` here', [text('use '), { kind: 'code', text: '<p>' }, text(' here')]],
    ['code holding a backtick', '``a ` b``', [{ kind: 'code', text: 'a ` b' }]],
    ['markers inside code as text', '`**x**`', [{ kind: 'code', text: '**x**' }]],
    ['an unclosed bold', '**bold', [text('**bold')]],
    ['an unclosed italic', 'a *b', [text('a *b')]],
    ['an unclosed code span', 'a `b', [text('a `b')]],
    ['a star followed by a space', 'a * b * c', [text('a * b * c')]],
    ['underscores inside words', 'snake_case_name', [text('snake_case_name')]],
    ['backslash escapes', '\\*not\\* \\_em\\_ \\`x\\`', [text('*not* _em_ `x`')]],
    ['a backslash before a letter', 'C:\\Users', [text('C:\\Users')]],
    ['spans across a line break', '**a\nb**', [{ kind: 'strong', children: [text('a\nb')] }]],
    ['entities as typed', '&lt;b&gt; &amp;', [text('&lt;b&gt; &amp;')]],
    ['an angle-bracket autolink as text', '<https://example.org>', [text('<https://example.org>')]],
    ['a bare address as text', 'see https://example.org', [text('see https://example.org')]],
    ['an image as text', '![map](https://example.org/a.png)', [text('!'), { kind: 'link', href: 'https://example.org/a.png', children: [text('map')] }]],
  ] satisfies [string, string, MarkdownNode[]][])('parses %s', (_label, markdown, expected) => {
    expect(spansOf(markdown)).toEqual(expected);
  });

  it('keeps every character of unmatched markers', () => {
    const markdown = '**a *b `c [d](e _f';
    expect(spansOf(markdown)).toEqual([text(markdown)]);
  });
});

describe('parseMarkdownInline', () => {
  it('reads a prompt as a sentence, not a list or a heading', () => {
    expect(parseMarkdownInline('1. Why did *Stalin* win?')).toEqual([
      text('1. Why did '),
      { kind: 'em', children: [text('Stalin')] },
      text(' win?'),
    ]);
    expect(parseMarkdownInline('# of deaths')).toEqual([text('# of deaths')]);
  });
});

describe('parseMarkdown: links', () => {
  it.each([
    ['https', '[Source](https://example.org/a?b=1#c)', 'https://example.org/a?b=1#c'],
    ['http', '[Source](http://example.org)', 'http://example.org'],
    ['mailto', '[Mail me](mailto:teacher@example.org)', 'mailto:teacher@example.org'],
    ['an upper-case scheme', '[Source](HTTPS://example.org)', 'HTTPS://example.org'],
    ['balanced parentheses in the URL', '[Rapallo](https://en.wikipedia.org/wiki/Rapallo_(1922))', 'https://en.wikipedia.org/wiki/Rapallo_(1922)'],
  ])('keeps a link with %s', (_label, markdown, href) => {
    const [link] = spansOf(markdown);
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
    ['a scheme hidden behind a percent escape', '[x](%6Aavascript:alert(1))'],
  ])('makes no link of a link to %s, leaving the text as typed', (_label, markdown) => {
    const spans = spansOf(markdown);
    expect(JSON.stringify(spans)).not.toContain('"link"');
    expect(spans.map((span) => (span.kind === 'text' ? span.text : '')).join('')).toBe(markdown.replace(/\\(?=:)/, ''));
  });

  it.each([
    ['https://example.org', true],
    ['mailto:a@example.org', true],
    ['javascript:alert(1)', false],
    ['https://example.org/\u0001', false],
    ['https://example.org/a b', false],
    [' https://example.org', false],
  ])('isSafeHref(%j) is %s', (url, safe) => {
    expect(isSafeHref(url)).toBe(safe);
  });

  it('renders links to open in a new tab without giving the page a handle on Inkwell', () => {
    expect(html('[Source](https://example.org)')).toBe(
      '<p><a href="https://example.org" target="_blank" rel="noopener noreferrer">Source<span class="visually-hidden"> (opens in a new tab)</span></a></p>',
    );
  });
});

describe('Markdown rendering: nothing an author types runs', () => {
  it.each([
    ['a script element', '<script>alert(1)</script>'],
    ['an event handler', '<img src=x onerror=alert(1)>'],
    ['an HTML link to javascript:', '<a href="javascript:alert(1)">x</a>'],
    ['a raw HTML block', '<div>\n<iframe src="https://evil.example"></iframe>\n</div>'],
  ])('keeps %s as literal text', (_label, markdown) => {
    const rendered = html(markdown);
    expect(rendered).not.toMatch(/<(script|img|a|div|iframe)\b/);
    expect(rendered).toContain('&lt;');
  });

  it('makes no link of javascript: in any form', () => {
    for (const markdown of ['[x](javascript:alert(1))', '[x](&#106;avascript:alert(1))', '[x](JAVASCRIPT:alert(1))', '<javascript:alert(1)>']) {
      expect(html(markdown)).not.toContain('<a ');
    }
  });

  it('cannot break out of an attribute', () => {
    const rendered = html('[x](https://example.org/"onmouseover="alert(1))');
    expect(rendered).not.toMatch(/\sonmouseover=/);
    const link = /<a [^>]*>/.exec(rendered)?.[0] ?? '';
    expect(link === '' || /^<a href="[^"]*" target="_blank" rel="noopener noreferrer">$/.test(link)).toBe(true);
  });

  it('keeps HTML inside headings, lists, quotes and spans as text', () => {
    const rendered = html('# <h1>x</h1>\n- <b>y</b>\n> <i>z</i>\n\n**<u>w</u>** [<em>v</em>](https://example.org)');
    expect(rendered).toContain('&lt;h1&gt;x&lt;/h1&gt;');
    expect(rendered).not.toMatch(/<(b|i|u|h1)>/);
    expect(rendered).toContain('<strong>&lt;u&gt;w&lt;/u&gt;</strong>');
  });

  it('renders a prompt with spans only', () => {
    expect(renderToStaticMarkup(createElement(MarkdownInline, { source: '1. Why *now*?' }))).toBe('1. Why <em>now</em>?');
  });
});

describe('parseMarkdown: hostile input', () => {
  it.each([
    ['unclosed bold markers', '**a '.repeat(5_000)],
    ['opening brackets', '['.repeat(20_000)],
    ['links that never close', '[a](x'.repeat(5_000)],
    ['nested parentheses', '[a](' + '('.repeat(20_000)],
    ['deeply nested lists', '- '.repeat(5_000) + 'a'],
  ])('parses %s and keeps the text', (_label, markdown) => {
    const all = JSON.stringify(parseMarkdown(markdown));
    expect(all.length).toBeGreaterThan(0);
    expect(all).toContain('a');
  });

  it('stops nesting quotes at a bounded depth instead of recursing without end', () => {
    let depth = 0;
    let nodes = parseMarkdown('>'.repeat(5_000) + ' a');
    while (nodes[0]?.kind === 'quote') {
      depth += 1;
      nodes = nodes[0].children;
    }
    expect(depth).toBeGreaterThan(3);
    expect(depth).toBeLessThanOrEqual(100);
  });
});
