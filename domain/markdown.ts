// The small Markdown subset instructors write assignment text in, parsed into plain data for
// React to render. It never produces HTML: raw HTML stays literal text, and links are kept only
// for http:, https: and mailto: addresses, so nothing an author types can run script in a
// student's browser.
//
// Supported: paragraphs, headings (#, ##, ###; deeper ones count as ###), unordered lists
// (- or *), ordered lists (1.), blockquotes (>), **strong** / __strong__, *em* / _em_, `code`,
// [text](url) links and backslash escapes. Spans do not nest: markers inside a span are text.
// Every step scans forward with cached look-ups, so parsing takes time linear in the input.

export type Inline =
  | { kind: 'text' | 'strong' | 'em' | 'code'; text: string }
  | { kind: 'link'; text: string; href: string };

export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'heading'; level: 1 | 2 | 3; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'quote'; inlines: Inline[] };

/**
 * Parses Markdown into blocks. Lines inside a paragraph, list item or quote are joined with "\n",
 * which a renderer may show as a space or, with `white-space: pre-line`, as a line break.
 * @example
 * markdownToBlocks('Read **carefully**.');
 * // [{ kind: 'paragraph', inlines: [{ kind: 'text', text: 'Read ' }, { kind: 'strong', text: 'carefully' }, …] }]
 */
export function markdownToBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let open: OpenBlock | null = null;
  // A blank line ends a paragraph or quote at once, but a list only if what follows is not
  // another item of the same list, so "1. a\n\n2. b" stays one numbered list.
  let blankAfterList = false;

  const close = (): void => {
    if (open !== null) blocks.push(finishBlock(open));
    open = null;
    blankAfterList = false;
  };

  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = classifyLine(raw);
    const current: OpenBlock | null = open;

    if (line.kind === 'blank') {
      if (current?.kind === 'list') blankAfterList = true;
      else close();
      continue;
    }

    if (line.kind === 'heading') {
      close();
      if (line.text !== '') blocks.push({ kind: 'heading', level: line.level, inlines: parseInlines(line.text) });
    } else if (line.kind === 'item') {
      if (current?.kind === 'list' && current.ordered === line.ordered) {
        current.items.push([line.text]);
        blankAfterList = false;
      } else {
        close();
        open = { kind: 'list', ordered: line.ordered, items: [[line.text]] };
      }
    } else if (line.kind === 'quote') {
      if (current?.kind === 'quote') {
        current.lines.push(line.text);
      } else {
        close();
        open = { kind: 'quote', lines: [line.text] };
      }
    } else if (current !== null && !(current.kind === 'list' && blankAfterList)) {
      // A plain line directly after a paragraph, quote or list item continues it.
      if (current.kind === 'list') current.items[current.items.length - 1]?.push(line.text);
      else current.lines.push(line.text);
    } else {
      close();
      open = { kind: 'paragraph', lines: [line.text] };
    }
  }
  close();
  return blocks;
}

type OpenBlock =
  | { kind: 'paragraph' | 'quote'; lines: string[] }
  | { kind: 'list'; ordered: boolean; items: string[][] };

type Line =
  | { kind: 'blank' }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'item'; ordered: boolean; text: string }
  | { kind: 'quote'; text: string }
  | { kind: 'text'; text: string };

function finishBlock(block: OpenBlock): Block {
  switch (block.kind) {
    case 'paragraph':
    case 'quote':
      return { kind: block.kind, inlines: parseInlines(block.lines.join('\n')) };
    case 'list':
      return { kind: 'list', ordered: block.ordered, items: block.items.map((item) => parseInlines(item.join('\n'))) };
  }
}

// Each pattern is anchored and its parts cannot match the same characters, so none of them
// backtracks more than once over a line.
const HEADING_START = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
const UNORDERED_ITEM = /^[ \t]*[-*][ \t]+/;
const ORDERED_ITEM = /^[ \t]*\d{1,9}\.[ \t]+/;
const QUOTE_START = /^[ \t]*>[ \t]?/;

function classifyLine(raw: string): Line {
  const trimmed = raw.trim();
  if (trimmed === '') return { kind: 'blank' };

  const heading = HEADING_START.exec(raw);
  if (heading !== null) {
    const hashes = heading[1]?.length ?? 1;
    const level = hashes === 1 ? 1 : hashes === 2 ? 2 : 3;
    return { kind: 'heading', level, text: stripClosingHashes(raw.slice(heading[0].length).trim()) };
  }
  const unordered = UNORDERED_ITEM.exec(raw);
  if (unordered !== null) return { kind: 'item', ordered: false, text: raw.slice(unordered[0].length).trim() };
  const ordered = ORDERED_ITEM.exec(raw);
  if (ordered !== null) return { kind: 'item', ordered: true, text: raw.slice(ordered[0].length).trim() };
  const quote = QUOTE_START.exec(raw);
  if (quote !== null) return { kind: 'quote', text: raw.slice(quote[0].length).trim() };
  return { kind: 'text', text: trimmed };
}

/** "Title ##" → "Title"; "C#" and "Title#" keep their hashes. */
function stripClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end -= 1;
  if (end === text.length) return text;
  if (end === 0) return '';
  const before = text[end - 1];
  return before === ' ' || before === '\t' ? text.slice(0, end).trimEnd() : text;
}

const SAFE_LINK = /^(?:https?|mailto):/i;

function safeHref(url: string): string | null {
  return SAFE_LINK.test(url) && !hasSpaceOrControlCharacter(url) ? url : null;
}

// Browsers drop tabs and line breaks inside URLs and trim control characters around them, so a
// URL containing any of them might not mean what the scheme check saw.
function hasSpaceOrControlCharacter(url: string): boolean {
  for (let index = 0; index < url.length; index += 1) {
    const code = url.charCodeAt(index);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

function isWhitespace(char: string | undefined): boolean {
  return char === undefined || /\s/.test(char);
}

function isWordCharacter(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

function isAsciiPunctuation(code: number): boolean {
  return (
    (code >= 0x21 && code <= 0x2f) ||
    (code >= 0x3a && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  );
}

function parseInlines(source: string): Inline[] {
  return new InlineParser(source).parse();
}

class InlineParser {
  private readonly source: string;
  private readonly length: number;
  /** 1 at a punctuation character that a backslash turns into plain text. */
  private readonly escaped: Uint8Array;
  /** 1 at a backslash that escapes the next character, and so is not shown. */
  private readonly escaping: Uint8Array;
  private readonly inlines: Inline[] = [];
  private textStart = 0;

  // Caches that keep the parse linear; every one of them only ever moves forward.
  /** For each emphasis marker, a position from which no closing marker exists. */
  private readonly noCloserFrom = new Map<string, number>();
  private backtickRuns: Map<number, { starts: number[]; next: number }> | null = null;
  private nextCloseBracket = -1;
  private readonly linkTails = new Map<number, LinkTail | null>();

  constructor(source: string) {
    this.source = source;
    this.length = source.length;
    this.escaped = new Uint8Array(source.length);
    this.escaping = new Uint8Array(source.length);
    for (let index = 0; index < source.length - 1; index += 1) {
      if (source[index] === '\\' && isAsciiPunctuation(source.charCodeAt(index + 1))) {
        this.escaping[index] = 1;
        this.escaped[index + 1] = 1;
        index += 1;
      }
    }
  }

  parse(): Inline[] {
    let index = 0;
    while (index < this.length) {
      const char = this.source[index];
      if (this.escaped[index] === 1 || this.escaping[index] === 1) {
        index += 1;
      } else if (char === '`') {
        index = this.codeSpan(index);
      } else if (char === '*' || char === '_') {
        index = this.emphasis(index, char);
      } else if (char === '[') {
        index = this.link(index);
      } else {
        index += 1;
      }
    }
    this.flushText(this.length);
    return this.inlines;
  }

  /** Returns where scanning continues. */
  private codeSpan(start: number): number {
    let runEnd = start;
    while (this.source[runEnd] === '`') runEnd += 1;
    const closer = this.closingBacktickRun(runEnd, runEnd - start);
    if (closer < 0) return runEnd;
    this.flushText(start);
    this.push({ kind: 'code', text: this.source.slice(runEnd, closer) });
    return this.consumeTo(closer + (runEnd - start));
  }

  /** The start of the next run of exactly `length` backticks at or after `from`, or -1. */
  private closingBacktickRun(from: number, length: number): number {
    this.backtickRuns ??= collectBacktickRuns(this.source);
    const runs = this.backtickRuns.get(length);
    if (runs === undefined) return -1;
    while (runs.next < runs.starts.length && (runs.starts[runs.next] ?? Infinity) < from) runs.next += 1;
    return runs.starts[runs.next] ?? -1;
  }

  private emphasis(start: number, marker: '*' | '_'): number {
    let runEnd = start;
    while (this.source[runEnd] === marker && this.escaped[runEnd] !== 1) runEnd += 1;
    const runLength = runEnd - start;
    const opens =
      runLength <= 2 &&
      !isWhitespace(this.source[runEnd]) &&
      // snake_case_words and 2_000_000 keep their underscores.
      (marker === '*' || !isWordCharacter(this.source[start - 1]));
    if (!opens) return runEnd;

    const key = marker.repeat(runLength);
    const closer = this.findEmphasisCloser(key, marker, runEnd + 1);
    if (closer < 0) return runEnd;
    this.flushText(start);
    this.push({ kind: runLength === 2 ? 'strong' : 'em', text: this.unescape(runEnd, closer) });
    return this.consumeTo(closer + runLength);
  }

  /**
   * The next run of exactly the opener's markers that can close it: not escaped, not after
   * whitespace and, for underscores, not inside a word. Whether a run can close does not depend
   * on the opener, so once a search fails every later search for the same marker fails too.
   */
  private findEmphasisCloser(key: string, marker: '*' | '_', from: number): number {
    const failedFrom = this.noCloserFrom.get(key);
    if (failedFrom !== undefined && from >= failedFrom) return -1;

    let position = from;
    for (;;) {
      const candidate = this.source.indexOf(marker, position);
      if (candidate < 0) {
        this.noCloserFrom.set(key, Math.min(from, failedFrom ?? from));
        return -1;
      }
      if (this.escaped[candidate] === 1) {
        position = candidate + 1;
        continue;
      }
      let runEnd = candidate;
      while (this.source[runEnd] === marker && this.escaped[runEnd] !== 1) runEnd += 1;
      const closes =
        runEnd - candidate === key.length &&
        !isWhitespace(this.source[candidate - 1]) &&
        (marker === '*' || !isWordCharacter(this.source[runEnd]));
      if (closes) return candidate;
      position = runEnd;
    }
  }

  private link(start: number): number {
    const closeBracket = this.closeBracketAfter(start + 1);
    if (closeBracket < 0) return start + 1;
    const tail = this.linkTail(closeBracket);
    // Only the "[" nearest the "]" can open the link: "[see [notes](https://x)" links "notes".
    if (tail === null || tail.opener !== start) return start + 1;
    const text = this.unescape(start + 1, closeBracket).trim();
    if (text === '') return start + 1;

    this.flushText(start);
    const href = safeHref(tail.url);
    this.push(href === null ? { kind: 'text', text } : { kind: 'link', text, href });
    return this.consumeTo(tail.end);
  }

  /** The next unescaped "]" at or after `from`, or -1. */
  private closeBracketAfter(from: number): number {
    if (this.nextCloseBracket === Infinity) return -1;
    if (this.nextCloseBracket >= from) return this.nextCloseBracket;
    let position = from;
    for (;;) {
      const candidate = this.source.indexOf(']', position);
      if (candidate < 0) {
        this.nextCloseBracket = Infinity;
        return -1;
      }
      if (this.escaped[candidate] !== 1) {
        this.nextCloseBracket = candidate;
        return candidate;
      }
      position = candidate + 1;
    }
  }

  /** What follows a "]": "(url)" with at most one level of balanced parentheses inside. */
  private linkTail(closeBracket: number): LinkTail | null {
    const cached = this.linkTails.get(closeBracket);
    if (cached !== undefined) return cached;

    let tail: LinkTail | null = null;
    let opener = closeBracket - 1;
    while (opener >= 0 && !(this.source[opener] === '[' && this.escaped[opener] !== 1)) opener -= 1;
    if (opener >= 0 && this.source[closeBracket + 1] === '(') {
      let position = closeBracket + 2;
      while (this.source[position] === ' ' || this.source[position] === '\t') position += 1;
      const urlStart = position;
      let depth = 0;
      for (; position < this.length; position += 1) {
        const char = this.source[position];
        if (isWhitespace(char)) break;
        if (char === '(') {
          // Deeper nesting ends the URL, which keeps every scan short.
          if (depth === 1) break;
          depth += 1;
        } else if (char === ')') {
          if (depth === 0) break;
          depth -= 1;
        }
      }
      const urlEnd = position;
      while (this.source[position] === ' ' || this.source[position] === '\t') position += 1;
      if (urlEnd > urlStart && depth === 0 && this.source[position] === ')') {
        tail = { opener, url: this.unescape(urlStart, urlEnd), end: position + 1 };
      }
    }
    this.linkTails.set(closeBracket, tail);
    return tail;
  }

  private consumeTo(position: number): number {
    this.textStart = position;
    return position;
  }

  private flushText(end: number): void {
    if (end > this.textStart) this.push({ kind: 'text', text: this.unescape(this.textStart, end) });
    this.textStart = end;
  }

  private push(inline: Inline): void {
    const last = this.inlines[this.inlines.length - 1];
    if (inline.kind === 'text' && last?.kind === 'text') {
      last.text += inline.text;
    } else if (inline.kind !== 'text' || inline.text !== '') {
      this.inlines.push(inline);
    }
  }

  /** The source between two positions, without the backslashes of escapes. */
  private unescape(from: number, to: number): string {
    let result = '';
    let chunkStart = from;
    for (let index = from; index < to; index += 1) {
      if (this.escaping[index] === 1) {
        result += this.source.slice(chunkStart, index);
        chunkStart = index + 1;
      }
    }
    return result + this.source.slice(chunkStart, to);
  }
}

interface LinkTail {
  /** The "[" nearest before the "]". */
  opener: number;
  url: string;
  /** Just after the closing ")". */
  end: number;
}

function collectBacktickRuns(source: string): Map<number, { starts: number[]; next: number }> {
  const runs = new Map<number, { starts: number[]; next: number }>();
  let position = source.indexOf('`');
  while (position >= 0) {
    let end = position;
    while (source[end] === '`') end += 1;
    const length = end - position;
    const entry = runs.get(length) ?? { starts: [], next: 0 };
    entry.starts.push(position);
    runs.set(length, entry);
    position = source.indexOf('`', end);
  }
  return runs;
}
