/**
 * What the student-data pages share: their metadata, the sign-in and which-one notices, the reading
 * of a query field, the heading naming whose data it is, and the fields of their forms.
 */
import type { Metadata } from 'next';
import { ProblemPage } from '../../_components/problem-page';
import { ERASE_WORD } from '../_lib/privacy-fields';

/** Admin pages are never indexed and send no referrer beyond Inkwell. */
export function adminPageMetadata(title: string): Metadata {
  return { title: `${title} · Inkwell admin`, robots: { index: false, follow: false }, referrer: 'same-origin' };
}

/** Shown instead of a student-data page when there is no admin session. */
export function SignInProblem() {
  return (
    <ProblemPage title="Please sign in">
      <p>
        Your admin session has ended, or you are not signed in. <a href="/admin">Go to the admin page</a>.
      </p>
    </ProblemPage>
  );
}

/** One query-string field, trimmed and bounded; '' when absent or repeated. */
export const queryText = (value: string | string[] | undefined) => (typeof value === 'string' ? value.trim().slice(0, 2000) : '');

/** Shown instead of a person's or a course's page when the query does not say which. */
export function WhichOneProblem({ title, asked }: { title: string; asked: string }) {
  return (
    <ProblemPage title={title}>
      <p>
        Choose a platform and enter {asked} on the <a href="/admin/privacy">admin page</a>.
      </p>
    </ProblemPage>
  );
}

/** The page's heading and whose data it shows: the platform and the person's or course's id. */
export function SubjectHeader({ title, issuer, idLabel, id }: { title: string; issuer: string; idLabel: string; id: string }) {
  return (
    <header className="page-header">
      <p className="eyebrow">
        <a href="/admin/privacy">Inkwell administration</a>
      </p>
      <h1>{title}</h1>
      <dl className="admin-facts">
        <div>
          <dt>Platform</dt>
          <dd>
            <code>{issuer}</code>
          </dd>
        </div>
        <div>
          <dt>{idLabel}</dt>
          <dd>
            <code>{id}</code>
          </dd>
        </div>
      </dl>
    </header>
  );
}

/** The optional note a privacy action records in the audit (`reason`). */
export function AuditNoteField({ id }: { id: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>
        Note for the audit <span className="optional">(optional)</span>
      </label>
      <input id={id} name="reason" type="text" maxLength={500} autoComplete="off" />
    </div>
  );
}

/** The typed confirmation (`confirm`) a deletion asks for. */
export function TypedConfirmation({ id }: { id: string }) {
  return (
    <div className="field field-small">
      <label htmlFor={id}>Type {ERASE_WORD} to confirm</label>
      <input id={id} name="confirm" type="text" required pattern={ERASE_WORD} autoComplete="off" spellCheck={false} aria-describedby={`${id}-hint`} />
      <p className="hint" id={`${id}-hint`}>
        In capitals.
      </p>
    </div>
  );
}
