/** What the student-data pages share: their metadata, the sign-in notice and the reading of a query field. */
import type { Metadata } from 'next';
import { ProblemPage } from '../../_components/problem-page';

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
