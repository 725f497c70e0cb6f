'use client';

/**
 * Takes a submitted (not yet graded) essay back to a draft, when the
 * assignment allows resubmission and the due date has not passed. The page
 * then reloads into the editor; the student must submit again.
 */
import { ProblemAlert } from '../_components/problem-alert';
import { useSendThenReload } from '../_lib/send-then-reload';

export function ReopenEssay({ until }: { until?: React.ReactNode }) {
  const { busy, problem, send } = useSendThenReload();

  function reopen() {
    return send(
      '/api/essay/reopen',
      { method: 'POST' },
      {
        offline: 'You seem to be offline. Your essay is still submitted; try again when the connection is back.',
        failed: 'Your essay could not be reopened. Please try again.',
      },
    );
  }

  return (
    <div className="reopen">
      <p className="hint" id="reopen-explanation">
        You can still make changes{until ? <> until {until}</> : null}. Reopening turns your essay back into a draft:
        it will not count as submitted until you submit it again.
      </p>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void reopen()}
        disabled={busy}
        aria-describedby="reopen-explanation"
      >
        {busy ? 'Reopening…' : 'Reopen to make changes'}
      </button>
      <ProblemAlert problem={problem} />
    </div>
  );
}
