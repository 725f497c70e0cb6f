import type { listRegistrationLinks } from '../../services/registration';
import { DateTime } from '../_components/date-time';
import { SimpleTable } from '../_components/simple-table';
import { DEFAULT_LINK_DAYS, MAX_LINK_DAYS } from './_lib/form-fields';

type RegistrationLinkRow = Awaited<ReturnType<typeof listRegistrationLinks>>[number];
type LinkStatus = 'unused' | 'used' | 'expired';

const LINK_STATUS_LABELS: Record<LinkStatus, string> = { unused: 'Unused', used: 'Used', expired: 'Expired' };

function statusOf(link: RegistrationLinkRow, now: Date): LinkStatus {
  if (link.usedAt) return 'used';
  return link.expiresAt.getTime() < now.getTime() ? 'expired' : 'unused';
}

/** Where the LMS registration came from, without the rest of its configuration URL. */
function usedByHost(usedBy: string | undefined): string {
  if (!usedBy) return '';
  try {
    return new URL(usedBy).host;
  } catch {
    return usedBy;
  }
}

/** Inkwell's LTI URLs, built here because app/ does not reach into lti/. */
function ltiUrls(baseUrl: string) {
  return [
    { term: 'Login (OIDC initiation) URL', url: `${baseUrl}/lti/login` },
    { term: 'Launch (redirect) URL', url: `${baseUrl}/lti/launch` },
    { term: 'Public keyset (JWKS) URL', url: `${baseUrl}/lti/keys` },
    { term: 'Dynamic registration URL', url: `${baseUrl}/lti/register` },
    { term: 'Canvas developer key (JSON) URL', url: `${baseUrl}/lti/canvas.json` },
  ];
}

export function InstallSection({
  baseUrl,
  links,
  openRegistration,
  now,
}: {
  baseUrl: string;
  links: RegistrationLinkRow[];
  openRegistration: boolean;
  now: Date;
}) {
  return (
    <section className="card admin-section" aria-labelledby="install-heading">
      <h2 id="install-heading">Install in an LMS</h2>
      <div className="prose">
        <p>
          The easiest way is LTI Dynamic Registration: create a registration link below and give it to the LMS
          administrator, who pastes it into the LMS (Moodle: Manage tools → Tool URL;
          Canvas: Developer Keys → LTI Registration). For a manual setup, the LMS needs these URLs.
        </p>
      </div>
      <dl className="admin-facts">
        {ltiUrls(baseUrl).map(({ term, url }) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>
              <code>{url}</code>
            </dd>
          </div>
        ))}
      </dl>
      {openRegistration ? (
        <p className="notice notice-warn">
          Open registration is on (INKWELL_OPEN_REGISTRATION): any LMS that knows the registration URL can register
          without a link.
        </p>
      ) : (
        <p className="meta">Registration needs a one-time link: the registration URL alone is refused.</p>
      )}

      <h3 id="links-heading" className="admin-subheading">Registration links</h3>
      <form method="post" action="/admin/registration-links" className="admin-form">
        <div className="field-row">
          <div className="field">
            <label htmlFor="link-note">Note (optional)</label>
            <p className="hint" id="link-note-hint">
              For you only, for example who the link is for.
            </p>
            <input id="link-note" name="note" type="text" maxLength={200} aria-describedby="link-note-hint" />
          </div>
          <div className="field field-small">
            <label htmlFor="link-days">Valid for (days)</label>
            <p className="hint" id="link-days-hint">
              1 to {MAX_LINK_DAYS}.
            </p>
            <input
              id="link-days"
              name="validDays"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_LINK_DAYS}
              step={1}
              required
              defaultValue={DEFAULT_LINK_DAYS}
              aria-describedby="link-days-hint"
            />
          </div>
        </div>
        <button type="submit" className="button">
          Create registration link
        </button>
      </form>

      {links.length === 0 ? (
        <p>No registration links yet.</p>
      ) : (
        <SimpleTable
          caption="Recent registration links (the links themselves are not stored, so they cannot be shown again)"
          columns={['Created', 'Note', 'Status', 'Expires', 'Used by']}
        >
          {links.map((link) => {
            const status = statusOf(link, now);
            return (
              <tr key={link.id}>
                <td><DateTime value={link.createdAt} /></td>
                <td>{link.note ?? '—'}</td>
                <td>
                  <span className="status-tag" data-status={status}>
                    {LINK_STATUS_LABELS[status]}
                  </span>
                </td>
                <td><DateTime value={link.expiresAt} /></td>
                <td>{link.usedAt ? <>{usedByHost(link.usedBy)}, <DateTime value={link.usedAt} /></> : '—'}</td>
              </tr>
            );
          })}
        </SimpleTable>
      )}
    </section>
  );
}
