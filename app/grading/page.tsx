import { isInkwellError } from '../../domain/errors';
import type { Submission } from '../../services/grading';
import { listSubmissions } from '../../services/grading';
import { ProblemPage } from '../_components/problem-page';
import { SessionLink } from '../_components/session-link';
import { SessionRecovery } from '../_components/session-recovery';
import { SessionStart } from '../_components/session-start';
import { DateTime } from '../_components/date-time';
import { sessionFromSearchParams, type PageSearchParams } from '../_lib/page-session';
import { BulkActions } from './bulk-actions';
import { PassbackStatus } from './passback-status';

export const dynamic = 'force-dynamic';

const STATUS_LABELS: Record<Submission['status'], string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  graded: 'Graded',
};

export default async function SubmissionsPage({ searchParams }: { searchParams: PageSearchParams }) {
  const found = await sessionFromSearchParams(searchParams);
  if (!found) return <SessionRecovery />;
  let data;
  try {
    data = await listSubmissions(found.session);
  } catch (error) {
    if (isInkwellError(error) && error.expose) {
      return (
        <ProblemPage title="Submissions are not available">
          <p>{error.message}</p>
        </ProblemPage>
      );
    }
    throw error;
  }
  const { assignment, rows, rosterNote } = data;
  const submissions = rows.flatMap((row) => (row.submission ? [row.submission] : []));
  const counts = {
    started: submissions.length,
    submitted: submissions.filter((s) => s.status !== 'draft').length,
    graded: submissions.filter((s) => s.status === 'graded').length,
  };

  return (
    <main id="main" className="page">
      <SessionStart issued={found.issued} />
      <header className="page-header">
        <p className="eyebrow">{assignment.contextTitle ?? 'Essay assignment'} · Instructor view</p>
        <h1>{assignment.resourceLinkTitle ?? assignment.unit.title}</h1>
        <p className="meta">
          {rows.length} {rows.length === 1 ? 'student' : 'students'} · {counts.started} started · {counts.submitted}{' '}
          submitted · {counts.graded} graded
        </p>
        <p className="header-links">
          <SessionLink href={`/assignments/${encodeURIComponent(assignment.id)}/edit`}>Edit assignment</SessionLink>
          <span className="meta"> — prompts, rubric, word limits and dates</span>
        </p>
      </header>

      <section className="card" aria-labelledby="submissions-heading">
        <h2 id="submissions-heading">Submissions</h2>
        {rosterNote ? <p className="notice notice-warn">{rosterNote}</p> : null}
        <BulkActions
          drafts={rows.filter((row) => row.sync?.state === 'not-released').length}
          failed={rows.filter((row) => row.sync?.state === 'failed').length}
        />
        {rows.length === 0 ? (
          <p>No student has opened this assignment yet. Submissions appear here as students start writing.</p>
        ) : (
          <div className="table-wrap">
            <table className="submissions">
              <caption className="visually-hidden">Students, their submission status and grade</caption>
              <thead>
                <tr>
                  <th scope="col">Student</th>
                  <th scope="col">Status</th>
                  <th scope="col">Submitted</th>
                  <th scope="col">Grade</th>
                  <th scope="col">LMS gradebook</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ userId, name, submission, sync }) =>
                  submission ? (
                    <tr key={userId}>
                      <th scope="row">
                        <SessionLink href={`/grading/${submission.id}`}>{name}</SessionLink>
                      </th>
                      <td>
                        <span className="status-tag" data-status={submission.status}>
                          {STATUS_LABELS[submission.status]}
                        </span>
                      </td>
                      <td>{submission.submittedAt ? <DateTime value={submission.submittedAt} /> : '—'}</td>
                      <td>
                        {submission.grade ? `${submission.grade.total} / ${submission.grade.max}` : '—'}
                        {/* A grade on text the student has changed since (returned or reopened, then rewritten). */}
                        {submission.grade && submission.status !== 'graded' ? <span className="meta"> (changed since graded)</span> : null}
                      </td>
                      <td>{submission.grade ? <PassbackStatus sync={sync} /> : '—'}</td>
                    </tr>
                  ) : (
                    <tr key={userId}>
                      <th scope="row">{name}</th>
                      <td>
                        <span className="status-tag" data-status="not-started">
                          Not started
                        </span>
                      </td>
                      <td>—</td>
                      <td>—</td>
                      <td>—</td>
                    </tr>
                  ),
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
