'use client';

/**
 * A read-only essay text in which the rubric assistant's passages can be marked and selected, for
 * grading views without inline comments (grade by criterion). The grading view proper marks them
 * in its comment text box (inline-comments.tsx).
 */
import { useMemo } from 'react';
import { anchorText } from '../../../domain/inline-comments';
import type { Rubric } from '../../../domain/rubric';
import { AnnotatedText } from '../../_components/annotated-text';
import { useAssistantPassages } from './assistant-context';
import { ESSAY_ID_PREFIX, ESSAY_TEXT_ID } from './essay-range';

export function AssistantEssayText({ text, rubric }: { text: string; rubric: Rubric }) {
  const passages = useAssistantPassages();
  const shown = useMemo(() => anchorText(text), [text]);
  return (
    <div id={ESSAY_TEXT_ID} className="essay-readonly" role="region" tabIndex={0} aria-label="Essay text">
      <AnnotatedText text={shown} comments={[]} rubric={rubric} idPrefix={ESSAY_ID_PREFIX} passages={passages} />
    </div>
  );
}
