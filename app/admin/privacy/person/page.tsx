/**
 * One person's data (by platform and LMS user id): what Inkwell holds, a JSON
 * download of all of it, and erasure behind a typed confirmation.
 */
import type { Metadata } from 'next';
import { summarizePerson } from '../../../../services/privacy';
import type { PageSearchParams } from '../../../_lib/page-session';
import { hasAdminSession } from '../../_lib/admin-route';
import { adminPageMetadata, AuditNoteField, queryText, SignInProblem, SubjectHeader, TypedConfirmation, WhichOneProblem } from '../page-parts';
import { DataSummaryTable } from '../summary-table';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = adminPageMetadata('A person’s data');

export default async function PersonDataPage({ searchParams }: { searchParams: PageSearchParams }) {
  if (!(await hasAdminSession())) {
    return <SignInProblem />;
  }
  const params = await searchParams;
  const issuer = queryText(params.issuer);
  const userId = queryText(params.userId);
  if (!issuer || !userId) {
    return (
      <WhichOneProblem title="Which person?" asked="an LMS user ID" />
    );
  }
  const summary = await summarizePerson({ issuer, userId });
  const erasable = summary.filter((row) => row.erased).reduce((sum, row) => sum + row.count, 0);
  return (
    <main id="main" className="page admin">
      <SubjectHeader title="A person’s data" issuer={issuer} idLabel="LMS user ID" id={userId} />

      <section className="card admin-section" aria-labelledby="held-heading">
        <h2 id="held-heading">What Inkwell holds</h2>
        {summary.length === 0 ? (
          <p>Inkwell holds nothing about this person on this platform. Check the user ID: it is the LMS&apos;s ID, not a name.</p>
        ) : (
          <DataSummaryTable caption="Records about this person" rows={summary} showKept />
        )}
      </section>

      <section className="card admin-section" aria-labelledby="export-heading">
        <h2 id="export-heading">Export</h2>
        <p className="prose">
          One JSON file with everything listed above: essays and every kept version, grades and their versions, comments,
          and what the LMS told Inkwell about the person. The export is recorded in the privacy audit.
        </p>
        <form method="post" action="/admin/privacy/export" className="admin-form">
          <input type="hidden" name="issuer" value={issuer} />
          <input type="hidden" name="userId" value={userId} />
          <AuditNoteField id="export-reason" />
          <button type="submit" className="button">
            Download as JSON
          </button>
        </form>
      </section>

      <section className="card admin-section" aria-labelledby="erase-heading">
        <h2 id="erase-heading">Erase</h2>
        {erasable === 0 ? (
          <p>There is nothing to erase.</p>
        ) : (
          <form method="post" action="/admin/privacy/erase" className="admin-form">
            <input type="hidden" name="issuer" value={issuer} />
            <input type="hidden" name="userId" value={userId} />
            <div className="prose">
              <p>
                Erasing deletes the {erasable} record(s) marked “Erased” above: this person&apos;s essays and all their
                versions, grades, comments and statistics. It cannot be undone (backups taken before keep a copy until they
                are rotated). Grades already in the LMS gradebook stay there. The privacy audit records that an erasure
                happened, when and from where, not the data.
              </p>
            </div>
            <AuditNoteField id="erase-reason" />
            <TypedConfirmation id="erase-confirm" />
            <button type="submit" className="button button-danger">
              Erase this person’s data
            </button>
          </form>
        )}
      </section>
    </main>
  );
}
