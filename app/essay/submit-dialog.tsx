'use client';

/**
 * "Submit your essay?": what submitting means, and before you submit, which guiding questions the
 * essay appears to address (coverage-panel.tsx). The check runs when the dialog opens and never
 * holds the submit button back: the student can submit at once, whatever it finds or if it fails.
 * "Keep writing" (or Escape) closes the dialog and puts the cursor back in the essay.
 * The editor (essay-editor.tsx) does the saving and submitting; this is only the question.
 */
import { useImperativeHandle, useRef, type Ref } from 'react';
import { CoverageResult, useCoverageCheck } from './coverage-panel';

export interface SubmitDialogHandle {
  /** Opens the dialog and checks `text` against the guiding questions. */
  open(text: string): void;
  close(): void;
}

interface Props {
  ref: Ref<SubmitDialogHandle>;
  wordCount: number;
  /** Set when the assignment lets students reopen a submitted essay (until the due date, when there is one). */
  resubmission?: { until?: string };
  submitting: boolean;
  onSubmit(): void;
  /** After "Keep writing" or Escape, once the dialog has closed. */
  onKeepWriting(): void;
}

export function SubmitDialog({ ref, wordCount, resubmission, submitting, onSubmit, onKeepWriting }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  // Set by "Keep writing" and Escape, so the close that follows a submission leaves focus alone.
  const keepWritingRef = useRef(false);
  const { state: coverage, check: checkCoverage } = useCoverageCheck('submit');
  // An assignment with no guiding questions has nothing to check.
  const nothingToCheck = coverage.kind === 'done' && coverage.questions.length === 0;

  useImperativeHandle(
    ref,
    () => ({
      open(text: string) {
        keepWritingRef.current = false;
        dialogRef.current?.showModal();
        void checkCoverage(text);
      },
      close() {
        dialogRef.current?.close();
      },
    }),
    [checkCoverage],
  );

  function keepWriting() {
    keepWritingRef.current = true;
    dialogRef.current?.close();
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="submit-title"
      aria-describedby="submit-body"
      onCancel={() => {
        keepWritingRef.current = true;
      }}
      onClose={() => {
        // The dialog has given focus back to the Submit button by now; the student asked to write.
        if (keepWritingRef.current) onKeepWriting();
        keepWritingRef.current = false;
      }}
    >
      <h2 id="submit-title">Submit your essay?</h2>
      <p id="submit-body">
        You are submitting {wordCount} words.{' '}
        {resubmission
          ? `After you submit, you can reopen your essay to make changes${resubmission.until ? ' until the due date' : ''}, as long as it has not been graded.`
          : 'After you submit, you cannot change your essay.'}
      </p>
      <section className="submit-coverage" aria-labelledby="submit-coverage-title" hidden={nothingToCheck}>
        <h3 id="submit-coverage-title">Before you submit: the guiding questions</h3>
        <CoverageResult
          id="submit-coverage"
          state={coverage}
          failure="Inkwell could not check which questions your essay covers just now. You can still submit it."
        />
      </section>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={keepWriting}>
          Keep writing
        </button>
        <button type="button" className="button" onClick={onSubmit} disabled={submitting}>
          {submitting ? 'Submitting…' : 'Submit essay'}
        </button>
      </div>
    </dialog>
  );
}
