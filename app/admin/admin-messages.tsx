import { MESSAGE_ANCHOR } from './_lib/admin-route';

/**
 * The result of the last form post, at the top of the page where its
 * redirect lands (`#admin-message`): a status, an alert, or a new
 * registration link to copy.
 */
export function AdminMessages({ notice, error, newLink }: { notice?: string; error?: string; newLink?: string }) {
  if (!notice && !error) return null;
  return (
    <div id={MESSAGE_ANCHOR} tabIndex={-1} className="admin-messages">
      {error ? (
        <div role="alert" className="notice notice-danger">
          <p>{error}</p>
        </div>
      ) : null}
      {notice ? (
        <div role="status" className="notice notice-ok">
          <p>{notice}</p>
          {newLink ? (
            <p className="admin-new-link">
              <label htmlFor="new-registration-link">New registration link</label>
              <input id="new-registration-link" type="text" readOnly value={newLink} spellCheck={false} />
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
