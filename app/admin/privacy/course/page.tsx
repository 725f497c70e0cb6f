/** One course's data (by platform and context id): what Inkwell holds, and deleting all of it behind a typed confirmation. */
import type { Metadata } from 'next';
import { summarizeCourse } from '../../../../services/privacy';
import { ProblemPage } from '../../../_components/problem-page';
import type { PageSearchParams } from '../../../_lib/page-session';
import { hasAdminSession } from '../../_lib/admin-route';
import { adminPageMetadata, queryText, SignInProblem } from '../page-parts';
import { ERASE_WORD } from '../../_lib/privacy-fields';
import { DataSummaryTable } from '../summary-table';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = adminPageMetadata('A course’s data');

export default async function CourseDataPage({ searchParams }: { searchParams: PageSearchParams }) {
  if (!(await hasAdminSession())) {
    return <SignInProblem />;
  }
  const params = await searchParams;
  const issuer = queryText(params.issuer);
  const contextId = queryText(params.contextId);
  if (!issuer || !contextId) {
    return (
      <ProblemPage title="Which course?">
        <p>
          Choose a platform and enter a course (context) ID on the <a href="/admin/privacy">admin page</a>.
        </p>
      </ProblemPage>
    );
  }
  const summary = await summarizeCourse({ issuer, contextId });
  const total = summary.reduce((sum, row) => sum + row.count, 0);
  return (
    <main id="main" className="page admin">
      <header className="page-header">
        <p className="eyebrow">
          <a href="/admin/privacy">Inkwell administration</a>
        </p>
        <h1>A course’s data</h1>
        <dl className="admin-facts">
          <div>
            <dt>Platform</dt>
            <dd>
              <code>{issuer}</code>
            </dd>
          </div>
          <div>
            <dt>Course (context) ID</dt>
            <dd>
              <code>{contextId}</code>
            </dd>
          </div>
        </dl>
      </header>

      <section className="card admin-section" aria-labelledby="held-heading">
        <h2 id="held-heading">What Inkwell holds</h2>
        {summary.length === 0 ? (
          <p>Inkwell holds nothing about this course on this platform.</p>
        ) : (
          <DataSummaryTable caption="Records of this course" rows={summary} />
        )}
      </section>

      {total > 0 ? (
        <section className="card admin-section" aria-labelledby="purge-heading">
          <h2 id="purge-heading">Delete the course’s data</h2>
          <form method="post" action="/admin/privacy/purge" className="admin-form">
            <input type="hidden" name="issuer" value={issuer} />
            <input type="hidden" name="contextId" value={contextId} />
            <p className="prose">
              Deletes all {total} record(s) above: the course&apos;s assignments and every student&apos;s essays, versions,
              grades and comments in them. It cannot be undone. Grades already in the LMS gradebook stay there. A launch
              from the course later starts it afresh.
            </p>
            <div className="field">
              <label htmlFor="purge-reason">
                Note for the audit <span className="optional">(optional)</span>
              </label>
              <input id="purge-reason" name="reason" type="text" maxLength={500} autoComplete="off" />
            </div>
            <div className="field field-small">
              <label htmlFor="purge-confirm">Type {ERASE_WORD} to confirm</label>
              <input id="purge-confirm" name="confirm" type="text" required pattern={ERASE_WORD} autoComplete="off" spellCheck={false} aria-describedby="purge-confirm-hint" />
              <p className="hint" id="purge-confirm-hint">
                In capitals.
              </p>
            </div>
            <button type="submit" className="button button-danger">
              Delete this course’s data
            </button>
          </form>
        </section>
      ) : null}
    </main>
  );
}
