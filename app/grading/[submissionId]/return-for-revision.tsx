'use client';

/**
 * "Return for revision": sends a submitted essay back to the student with a
 * note. The essay becomes a draft again for the student; a grade already given
 * stays, marked as given on the earlier text, and cannot be released until the
 * new version is graded.
 */
import { useState } from 'react';
import { ProblemAlert } from '../../_components/problem-alert';
import { useSendThenReload } from '../../_lib/send-then-reload';

interface Props {
  submissionId: string;
  revision: number;
  /** The student reopened the essay themselves; returning it lets them submit even after the deadline. */
  reopenedDraft?: boolean;
}

export function ReturnForRevision({ submissionId, revision, reopenedDraft = false }: Props) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const { busy, problem, setProblem, send: sendAndReload } = useSendThenReload();

  async function send() {
    if (note.trim() === '') {
      setProblem('Write a note telling the student what to revise.');
      document.getElementById('return-note')?.focus();
      return;
    }
    await sendAndReload(
      `/api/grading/submissions/${submissionId}/return`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ note, revision }) },
      {
        offline: 'You seem to be offline. The essay was not returned; try again when the connection is back.',
        failed: 'The essay could not be returned. Please try again.',
      },
    );
  }

  if (!open) {
    return (
      <div className="return-for-revision">
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
          Return for revision…
        </button>
      </div>
    );
  }
  return (
    <div className="return-for-revision">
      <label htmlFor="return-note">Note for the student: what should they revise?</label>
      <textarea
        id="return-note"
        rows={3}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        aria-describedby="return-explanation"
        aria-invalid={problem !== null && note.trim() === '' ? true : undefined}
      />
      <p className="hint" id="return-explanation">
        {reopenedDraft
          ? 'The student sees your note above their draft and may submit it again, even after the deadline.'
          : 'The student gets their essay back as a draft with your note, and must submit it again, even after the deadline.'}{' '}
        A grade you already gave stays, but cannot be released until you grade the new version.
      </p>
      <button type="button" className="button" onClick={() => void send()} disabled={busy}>
        {busy ? 'Returning…' : 'Return to the student'}
      </button>{' '}
      <button type="button" className="button button-secondary" onClick={() => setOpen(false)} disabled={busy}>
        Cancel
      </button>
      <ProblemAlert problem={problem} />
    </div>
  );
}
