'use client';

/**
 * The student's coverage check (issue #15 item 5): which guiding questions the text in the editor
 * appears to address, and a gentle pointer for one it seems to miss. Shown before submitting
 * (submit-dialog.tsx) and, where the assignment allows it, on request while writing. It only reads
 * the text it is given: nothing is saved, changed or scored, and a failed check never stands in the
 * way of submitting.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { sessionFetch } from '../_lib/session-client';
import { coverageSummary, parseCoverage, type QuestionCoverage } from './coverage-summary';

export type CoverageState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; questions: QuestionCoverage[] }
  | { kind: 'failed' };

/** Asks the server about a text; an answer to an earlier request is dropped once a newer one is under way. */
export function useCoverageCheck(purpose: 'submit' | 'writing') {
  const [state, setState] = useState<CoverageState>({ kind: 'idle' });
  const latestRef = useRef(0);

  useEffect(
    () => () => {
      latestRef.current += 1;
    },
    [],
  );

  const check = useCallback(
    async (text: string) => {
      const request = ++latestRef.current;
      setState({ kind: 'checking' });
      let questions: QuestionCoverage[] | null = null;
      try {
        const response = await sessionFetch('/api/essay/coverage', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ text, purpose }),
        });
        if (response.ok) questions = parseCoverage(await response.json());
      } catch {
        // Offline or the server unreachable: said calmly below.
      }
      if (request !== latestRef.current) return;
      setState(questions ? { kind: 'done', questions } : { kind: 'failed' });
    },
    [purpose],
  );

  return { state, check };
}

function announcement(state: CoverageState, failure: string): string {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'checking':
      return 'Checking which guiding questions your essay covers…';
    case 'failed':
      return failure;
    case 'done':
      return coverageSummary(state.questions) ?? '';
  }
}

/**
 * The result: a short summary in a live region (announced when it changes), then the questions.
 * The live region stays in the page from the start, so screen readers announce its first result.
 */
export function CoverageResult({ state, failure, id }: { state: CoverageState; failure: string; id: string }) {
  const questions = state.kind === 'done' ? state.questions : [];
  return (
    <div className="coverage-result">
      <p className="coverage-summary" role="status" id={`${id}-summary`}>
        {announcement(state, failure)}
      </p>
      {questions.length > 0 ? (
        <>
          <ul className="coverage-list">
            {questions.map((question) => (
              <li key={question.guidingQuestionId} data-addressed={question.addressed}>
                <span className="coverage-mark">{question.addressed ? 'Seems answered' : 'Seems missing'}</span>
                {question.addressed ? <span className="coverage-prompt">{question.prompt}</span> : null}
                {question.pointer ? <span className="coverage-pointer">{question.pointer}</span> : null}
              </li>
            ))}
          </ul>
          <p className="meta coverage-caveat">
            This looks for the events, people and ideas each question is about. It is not a grade, and it can miss things.
          </p>
        </>
      ) : null}
    </div>
  );
}

/** "Check which questions my essay covers" while writing, for assignments that allow it. */
export function CoverageOnRequest({ readText }: { readText: () => string }) {
  const { state, check } = useCoverageCheck('writing');
  return (
    <div className="coverage-check">
      <button type="button" className="button button-secondary" onClick={() => void check(readText())}>
        Check which questions my essay covers
      </button>
      <CoverageResult
        id="coverage-while-writing"
        state={state}
        failure="Inkwell could not check your essay just now. Your text is safe; try again in a moment."
      />
    </div>
  );
}
