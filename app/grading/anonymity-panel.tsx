'use client';

/**
 * The submission list's word on anonymous grading: names hidden, with "Reveal names" (asked
 * once more, since it cannot be undone here), or who revealed them and when.
 */
import { useRef } from 'react';
import { DateTime } from '../_components/date-time';
import { ProblemAlert } from '../_components/problem-alert';
import { useSendThenReload } from '../_lib/send-then-reload';

interface Props {
  hidden: boolean;
  /** When (ISO 8601) and by whom; absent while hidden. */
  revealed?: { at: string; byName?: string };
}

export function AnonymityPanel({ hidden, revealed }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const { busy, problem, send } = useSendThenReload();

  async function reveal() {
    try {
      await send(
        '/api/grading/reveal-names',
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' },
        { offline: 'You seem to be offline. The names are still hidden; try again when the connection is back.', failed: 'The names could not be revealed. Please try again.' },
      );
    } finally {
      dialogRef.current?.close();
    }
  }

  if (!hidden) {
    return revealed ? (
      <p className="meta anonymity-note">
        Anonymous grading: names revealed <DateTime value={revealed.at} />
        {revealed.byName ? ` by ${revealed.byName}` : ''}.
      </p>
    ) : null;
  }
  return (
    <div className="notice notice-info anonymity-note">
      <p>
        <strong>Anonymous grading: names are hidden.</strong> Students appear as “Student 1”, “Student 2”… in an order
        that stays the same while you grade. Grades are released once you reveal the names (or if you confirm releasing
        while they are hidden).
      </p>
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => dialogRef.current?.showModal()}>
        Reveal names…
      </button>
      <ProblemAlert problem={problem} />
      <dialog ref={dialogRef} aria-labelledby="reveal-title" aria-describedby="reveal-body">
        <h2 id="reveal-title">Reveal the students’ names?</h2>
        <p id="reveal-body">
          Every instructor of this assignment will see the names from now on. This is recorded with your name and the time.
        </p>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={() => dialogRef.current?.close()}>
            Keep names hidden
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void reveal()}>
            Reveal names
          </button>
        </div>
      </dialog>
    </div>
  );
}
