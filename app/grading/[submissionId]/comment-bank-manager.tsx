'use client';

/**
 * The comment bank's manager below the grading form: the instructor's own saved comments to edit
 * or delete, and the unit's starter comments. It reads and changes the bank through the page's
 * CommentBankProvider (comment-bank.tsx).
 */
import { useState } from 'react';
import { ConfirmDelete } from '../confirm-delete';
import { useCommentBank } from './comment-bank';

/** The instructor's own saved comments, to edit or delete, and the unit's starter comments. */
export function CommentBankManager() {
  const bank = useCommentBank();
  const [editing, setEditing] = useState<{ id: string; text: string; criterionId: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  if (!bank) return null;
  const own = bank.entries.filter((e) => !e.starter);
  const starters = bank.entries.filter((e) => e.starter);
  return (
    <section className="card comment-bank" aria-labelledby="comment-bank-heading">
      <h2 id="comment-bank-heading">Comment bank</h2>
      <p className="meta">
        Your saved comments for this course ({own.length}). Save a comment with “Save comment to bank” beside any comment field;
        insert one by typing in “Insert from comment bank”.
      </p>
      <div role="status" aria-live="polite">
        {message ? <p className="notice notice-info">{message}</p> : null}
      </div>
      {own.length === 0 ? <p>You have not saved any comments yet.</p> : null}
      <ul className="bank-entries">
        {own.map((entry) => (
          <li key={entry.id} className="bank-entry">
            {editing?.id === entry.id ? (
              <div className="bank-entry-edit">
                <label htmlFor={`bank-edit-${entry.id}`}>Saved comment</label>
                <textarea
                  id={`bank-edit-${entry.id}`}
                  rows={3}
                  value={editing.text}
                  onChange={(event) => setEditing({ ...editing, text: event.target.value })}
                />
                <label htmlFor={`bank-edit-criterion-${entry.id}`}>Criterion</label>
                <select
                  id={`bank-edit-criterion-${entry.id}`}
                  className="select"
                  value={editing.criterionId}
                  onChange={(event) => setEditing({ ...editing, criterionId: event.target.value })}
                >
                  <option value="">General (no criterion)</option>
                  {bank.rubric.criteria.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title}
                    </option>
                  ))}
                </select>
                <div className="item-actions">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={async () => {
                      const problem = await bank.edit(entry.id, editing.text, editing.criterionId || undefined);
                      setMessage(problem ?? 'Saved comment updated.');
                      if (!problem) setEditing(null);
                    }}
                  >
                    Save changes
                  </button>
                  <button type="button" className="button button-secondary button-small" onClick={() => setEditing(null)}>
                    Cancel
                  </button>
                </div>
              </div>
            ) : (
              <>
                <p className="bank-entry-text">{entry.text}</p>
                <p className="meta">{bank.criterionTitle(entry.criterionId)}</p>
                <div className="item-actions">
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={`Edit saved comment: ${entry.text.slice(0, 60)}`}
                    onClick={() => setEditing({ id: entry.id, text: entry.text, criterionId: entry.criterionId ?? '' })}
                  >
                    Edit
                  </button>
                  <ConfirmDelete
                    asking={confirming === entry.id}
                    onAsk={() => setConfirming(entry.id)}
                    onKeep={() => setConfirming(null)}
                    onDelete={async () => {
                      const problem = await bank.remove(entry.id);
                      setConfirming(null);
                      setMessage(problem ?? 'Saved comment deleted.');
                    }}
                    deleteLabel={`Delete saved comment: ${entry.text.slice(0, 60)}`}
                    confirmLabel="Yes, delete it"
                  />
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      {starters.length > 0 ? (
        <details className="bank-starters">
          <summary>Starter comments for this unit ({starters.length})</summary>
          <p className="meta">They come with the unit and appear in every instructor’s search.</p>
          <ul className="bank-entries">
            {starters.map((entry) => (
              <li key={entry.id} className="bank-entry">
                <p className="bank-entry-text">{entry.text}</p>
                <p className="meta">{bank.criterionTitle(entry.criterionId)}</p>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
