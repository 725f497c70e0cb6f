/**
 * Instructors' Markdown, shown with React elements only: domain/markdown.ts
 * turns the text into plain data (paragraphs, headings, lists, quotes and
 * safe inline spans), and this renders that data. Nothing here produces raw
 * HTML, so an author cannot put script in front of students.
 *
 * No hooks, so it works in server components and in client components (the
 * editor's preview) alike.
 */
import { Fragment, type ReactNode } from 'react';
import { markdownToBlocks, type Block, type Inline } from '../../domain/markdown';

type HeadingLevel = 2 | 3 | 4 | 5 | 6;

function renderInlines(inlines: Inline[]): ReactNode[] {
  return inlines.map((inline, index) => {
    switch (inline.kind) {
      case 'text':
        return inline.text;
      case 'strong':
        return <strong key={index}>{inline.text}</strong>;
      case 'em':
        return <em key={index}>{inline.text}</em>;
      case 'code':
        return <code key={index}>{inline.text}</code>;
      case 'link':
        // Inside an LMS frame a link opens in a new tab, so the student does not lose the essay.
        return (
          <a key={index} href={inline.href} target="_blank" rel="noopener noreferrer">
            {inline.text}
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        );
    }
  });
}

function renderBlock(block: Block, index: number, firstHeading: HeadingLevel): ReactNode {
  switch (block.kind) {
    case 'paragraph':
      return <p key={index}>{renderInlines(block.inlines)}</p>;
    case 'heading': {
      const level = Math.min(6, firstHeading + block.level - 1) as HeadingLevel;
      const Tag = `h${level}` as const;
      return (
        <Tag key={index} className="markdown-heading">
          {renderInlines(block.inlines)}
        </Tag>
      );
    }
    case 'list': {
      const items = block.items.map((item, itemIndex) => <li key={itemIndex}>{renderInlines(item)}</li>);
      return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
    }
    case 'quote':
      return (
        <blockquote key={index}>
          <p>{renderInlines(block.inlines)}</p>
        </blockquote>
      );
  }
}

/**
 * Block Markdown (introduction, instructions, a question's background).
 * `firstHeading` is the level a `#` heading becomes, so the author's headings
 * sit below the page's own.
 */
export function Markdown({ source, firstHeading = 3 }: { source: string; firstHeading?: HeadingLevel }) {
  return <>{markdownToBlocks(source).map((block, index) => renderBlock(block, index, firstHeading))}</>;
}

/** One line of Markdown (a question's prompt): the spans only, with no paragraph around them. */
export function MarkdownInline({ source }: { source: string }) {
  // A prompt such as "1. Why…" or "# of…" is a sentence, not a list or a heading: escape its first marker.
  const escaped = source.replace(/^(\s*)(#|>|[-*](?=[ \t])|\d{1,9}(?=\.[ \t]))/, (_, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  );
  const blocks = markdownToBlocks(escaped);
  const parts: ReactNode[] = [];
  blocks.forEach((block, index) => {
    if (index > 0) parts.push(' ');
    const inlines = block.kind === 'list' ? block.items.flat() : block.inlines;
    parts.push(<Fragment key={index}>{renderInlines(inlines)}</Fragment>);
  });
  return <>{parts}</>;
}
