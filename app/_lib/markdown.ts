/**
 * The Markdown instructors write assignment text in, parsed by markdown-it into a small tree of
 * plain data that app/_components/markdown.tsx renders as React elements. Presentation, not a
 * classroom rule, so it lives in app/ rather than domain/.
 *
 * Safe by construction: markdown-it runs with `html: false` and only the rules below, and the
 * tree is rendered as React elements, never as an HTML string, so raw HTML an author types stays
 * literal text. Links are kept only for http:, https: and mailto: addresses; any other link stays
 * the text the author typed.
 *
 * Supported: paragraphs, headings (#, ##, ###; deeper ones count as ###), unordered and ordered
 * lists, blockquotes, **strong** / __strong__, *em* / _em_, `code`, [text](url) links and
 * backslash escapes. No images, tables, code blocks, autolinks or typographic replacements.
 */
import MarkdownIt from 'markdown-it';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

export type MarkdownNode =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong' | 'em' | 'paragraph' | 'quote' | 'item'; children: MarkdownNode[] }
  | { kind: 'link'; href: string; children: MarkdownNode[] }
  | { kind: 'heading'; level: 1 | 2 | 3; children: MarkdownNode[] }
  | { kind: 'list'; ordered: boolean; children: MarkdownNode[] };

const SAFE_LINK = /^(?:https?|mailto):/i;

/** A link destination Inkwell will put in an href; markdown-it has already decoded escapes and entities. */
export function isSafeHref(url: string): boolean {
  // Browsers drop tabs and line breaks inside URLs and trim control characters around them, so a
  // URL containing any of them might not mean what the scheme check saw.
  return SAFE_LINK.test(url) && !/[\u0000-\u0020\u007f]/.test(url);
}

const parser = new MarkdownIt('zero', { html: false, linkify: false, typographer: false }).enable([
  'heading',
  'list',
  'blockquote',
  'emphasis',
  'backticks',
  'link',
  'escape',
  'newline',
]);
parser.validateLink = isSafeHref;

/**
 * Block Markdown (introduction, instructions, a question's background) as a tree. Lines inside a
 * paragraph are joined with "\n", which a renderer may show as a space or as a line break.
 * @example
 * parseMarkdown('Read **carefully**.');
 * // [{ kind: 'paragraph', children: [{ kind: 'text', text: 'Read ' }, { kind: 'strong', children: […] }, …] }]
 */
export function parseMarkdown(source: string): MarkdownNode[] {
  return remembered(blockTrees, source, () => buildTree(parser.parse(source, {})));
}

/** One line of Markdown (a question's prompt): only the spans, so "1. Why…" or "# of…" stays a sentence. */
export function parseMarkdownInline(source: string): MarkdownNode[] {
  return remembered(inlineTrees, source, () => buildTree(parser.parseInline(source, {})));
}

/**
 * Every student's page parses the same few texts of its assignment: trees are kept by source
 * text (a pure function of it, so never stale), the most recently used few hundred. Callers
 * share a tree and must not change it.
 */
const REMEMBERED_TREES = 300;
const blockTrees = new Map<string, MarkdownNode[]>();
const inlineTrees = new Map<string, MarkdownNode[]>();

function remembered(trees: Map<string, MarkdownNode[]>, source: string, parse: () => MarkdownNode[]): MarkdownNode[] {
  let tree = trees.get(source);
  if (tree) {
    trees.delete(source);
  } else {
    tree = parse();
    if (trees.size >= REMEMBERED_TREES) trees.delete(trees.keys().next().value!);
  }
  trees.set(source, tree);
  return tree;
}

interface Open {
  node: Extract<MarkdownNode, { children: MarkdownNode[] }> | null;
  children: MarkdownNode[];
}

/** Turns markdown-it's flat token stream (open, content, close) into nested nodes. */
function buildTree(tokens: Token[]): MarkdownNode[] {
  const root: Open = { node: null, children: [] };
  const stack: Open[] = [root];
  const top = (): Open => stack[stack.length - 1] ?? root;

  const visit = (token: Token): void => {
    if (token.nesting === 1) {
      const node = openNode(token);
      // A tight list's paragraphs are hidden: their spans belong straight to the list item.
      stack.push({ node, children: node?.children ?? top().children });
      return;
    }
    if (token.nesting === -1) {
      const closed = stack.pop();
      if (closed?.node) top().children.push(closed.node);
      return;
    }
    switch (token.type) {
      case 'inline':
        for (const child of token.children ?? []) visit(child);
        return;
      case 'text':
        pushText(top().children, token.content);
        return;
      case 'softbreak':
      case 'hardbreak':
        pushText(top().children, '\n');
        return;
      case 'code_inline':
        top().children.push({ kind: 'code', text: token.content });
        return;
    }
  };
  for (const token of tokens) visit(token);
  return root.children;
}

function openNode(token: Token): Open['node'] {
  const children: MarkdownNode[] = [];
  switch (token.type) {
    case 'paragraph_open':
      return token.hidden ? null : { kind: 'paragraph', children };
    case 'heading_open': {
      const depth = Number(token.tag.slice(1));
      return { kind: 'heading', level: depth === 1 ? 1 : depth === 2 ? 2 : 3, children };
    }
    case 'bullet_list_open':
      return { kind: 'list', ordered: false, children };
    case 'ordered_list_open':
      return { kind: 'list', ordered: true, children };
    case 'list_item_open':
      return { kind: 'item', children };
    case 'blockquote_open':
      return { kind: 'quote', children };
    case 'strong_open':
      return { kind: 'strong', children };
    case 'em_open':
      return { kind: 'em', children };
    case 'link_open':
      return { kind: 'link', href: String(token.attrGet('href') ?? ''), children };
    default:
      // Nothing else is enabled; should a token slip through, its content still shows as text.
      return null;
  }
}

function pushText(siblings: MarkdownNode[], text: string): void {
  const last = siblings[siblings.length - 1];
  if (last?.kind === 'text') last.text += text;
  else if (text !== '') siblings.push({ kind: 'text', text });
}
