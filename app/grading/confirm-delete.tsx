/**
 * A small "Delete" button that asks once more in place, with "Yes, delete …" and "Keep it"
 * (the saved comments of the comment bank and the inline comments on an essay).
 */
export function ConfirmDelete({
  asking,
  onAsk,
  onKeep,
  onDelete,
  deleteLabel,
  confirmLabel,
  busy = false,
}: {
  /** Whether the question is showing (instead of the Delete button). */
  asking: boolean;
  onAsk: () => void;
  onKeep: () => void;
  onDelete: () => void;
  /** The Delete button's accessible name, naming what it deletes. */
  deleteLabel: string;
  /** The confirming button's text ("Yes, delete …"). */
  confirmLabel: string;
  busy?: boolean;
}) {
  if (!asking) {
    return (
      <button type="button" className="button button-secondary button-small button-remove" aria-label={deleteLabel} onClick={onAsk}>
        Delete
      </button>
    );
  }
  return (
    <>
      <button type="button" className="button button-small button-danger" disabled={busy} onClick={onDelete}>
        {confirmLabel}
      </button>
      <button type="button" className="button button-secondary button-small" onClick={onKeep}>
        Keep it
      </button>
    </>
  );
}
