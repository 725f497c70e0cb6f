/** One course's data (by platform and context id): what Inkwell holds, and deleting all of it behind a typed confirmation. */
import type { Metadata } from 'next';
import { summarizeCourse } from '../../../../services/privacy';
import type { PageSearchParams } from '../../../_lib/page-session';
import { hasAdminSession } from '../../_lib/admin-route';
import { adminPageMetadata, AuditNoteField, queryText, SignInProblem, SubjectHeader, TypedConfirmation, WhichOneProblem } from '../page-parts';
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
      <WhichOneProblem title="Which course?" asked="a course (context) ID" />
    );
  }
  const summary = await summarizeCourse({ issuer, contextId });
  const total = summary.reduce((sum, row) => sum + row.count, 0);
  return (
    <main id="main" className="page admin">
      <SubjectHeader title="A course’s data" issuer={issuer} idLabel="Course (context) ID" id={contextId} />

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
            <AuditNoteField id="purge-reason" />
            <TypedConfirmation id="purge-confirm" />
            <button type="submit" className="button button-danger">
              Delete this course’s data
            </button>
          </form>
        </section>
      ) : null}
    </main>
  );
}
