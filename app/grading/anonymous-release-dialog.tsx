/** Asked before grades go out while anonymous grading still hides the names (one grade, or all drafts). */
import type { RefObject } from 'react';

export function AnonymousReleaseDialog({
  dialogRef,
  idPrefix,
  many,
  onConfirm,
}: {
  dialogRef: RefObject<HTMLDialogElement | null>;
  /** Prefix of the title's and body's ids, unique on the page. */
  idPrefix: string;
  /** Releasing every draft rather than this grade. */
  many: boolean;
  onConfirm: () => void;
}) {
  return (
    <dialog ref={dialogRef} aria-labelledby={`${idPrefix}-title`} aria-describedby={`${idPrefix}-body`}>
      <h2 id={`${idPrefix}-title`}>Release while names are hidden?</h2>
      <p id={`${idPrefix}-body`}>
        This assignment is graded anonymously and the names have not been revealed. Releasing now sends{' '}
        {many ? 'the grades to the students' : 'this grade to the student'} and the LMS gradebook before you have seen whose{' '}
        {many ? 'they are' : 'it is'}.
      </p>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={() => dialogRef.current?.close()}>
          Not now
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            dialogRef.current?.close();
            onConfirm();
          }}
        >
          Release anyway
        </button>
      </div>
    </dialog>
  );
}
