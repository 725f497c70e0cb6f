/**
 * Instructors' Markdown, shown with React elements only: app/_lib/markdown.ts turns the text into
 * a tree of plain data (markdown-it, no raw HTML, safe links only), and this renders that tree.
 * Nothing here produces an HTML string, so an author cannot put script in front of students.
 *
 * No hooks, so it works in server components and in client components (the editor's preview) alike.
 */
import type { ReactNode } from 'react';
import { parseMarkdown, parseMarkdownInline, type MarkdownNode } from '../_lib/markdown';

type HeadingLevel = 2 | 3 | 4 | 5 | 6;

function renderNodes(nodes: MarkdownNode[], firstHeading: HeadingLevel): ReactNode[] {
  return nodes.map((node, index) => renderNode(node, index, firstHeading));
}

function renderNode(node: MarkdownNode, key: number, firstHeading: HeadingLevel): ReactNode {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'code':
      return <code key={key}>{node.text}</code>;
    case 'strong':
      return <strong key={key}>{renderNodes(node.children, firstHeading)}</strong>;
    case 'em':
      return <em key={key}>{renderNodes(node.children, firstHeading)}</em>;
    case 'link':
      // Inside an LMS frame a link opens in a new tab, so the student does not lose the essay.
      return (
        <a key={key} href={node.href} target="_blank" rel="noopener noreferrer">
          {renderNodes(node.children, firstHeading)}
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      );
    case 'paragraph':
      return <p key={key}>{renderNodes(node.children, firstHeading)}</p>;
    case 'heading': {
      const level = Math.min(6, firstHeading + node.level - 1) as HeadingLevel;
      const Tag = `h${level}` as const;
      return (
        <Tag key={key} className="markdown-heading">
          {renderNodes(node.children, firstHeading)}
        </Tag>
      );
    }
    case 'list': {
      const items = renderNodes(node.children, firstHeading);
      return node.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
    }
    case 'item':
      return <li key={key}>{renderNodes(node.children, firstHeading)}</li>;
    case 'quote':
      return <blockquote key={key}>{renderNodes(node.children, firstHeading)}</blockquote>;
  }
}

/**
 * Block Markdown (introduction, instructions, a question's background).
 * `firstHeading` is the level a `#` heading becomes, so the author's headings
 * sit below the page's own.
 */
export function Markdown({ source, firstHeading = 3 }: { source: string; firstHeading?: HeadingLevel }) {
  return <>{renderNodes(parseMarkdown(source), firstHeading)}</>;
}

/** One line of Markdown (a question's prompt): the spans only, with no paragraph around them. */
export function MarkdownInline({ source }: { source: string }) {
  return <>{renderNodes(parseMarkdownInline(source), 3)}</>;
}
