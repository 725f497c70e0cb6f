import { isInkwellError } from '../../domain/errors';
import type { Submission } from '../../services/grading';
import { listClass } from '../../services/class-overview';
import { describeLateness } from '../../domain/lateness';
import { ProblemPage } from '../_components/problem-page';
import { SessionLink } from '../_components/session-link';
import { SessionRecovery } from '../_components/session-recovery';
import { SessionStart } from '../_components/session-start';
import { sessionFromSearchParams, type PageSearchParams } from '../_lib/page-session';
import { namesHiddenIn } from '../../services/anonymity';
import { AnonymityPanel } from './anonymity-panel';
import { BulkActions } from './bulk-actions';
import { PassbackStatus } from './passback-status';
import { SubmissionTable, type TableRow } from './submission-table';

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
    data = await listClass(found.session);
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

  const tableRows: TableRow[] = rows.map(({ userId, name, submission, sync, progress, lateByMs }) => {
    const row: TableRow = {
      key: userId,
      name,
      status: submission ? submission.status : 'not-started',
      statusLabel: submission ? STATUS_LABELS[submission.status] : 'Not started',
      needsGrading: progress === 'submitted',
      notSubmitted: progress === 'not-submitted',
      changedSinceGraded: Boolean(submission?.grade && submission.status !== 'graded'),
      lms: submission?.grade ? <PassbackStatus sync={sync} /> : '—',
    };
    if (!submission) return row;
    row.submissionId = submission.id;
    row.words = submission.wordCount;
    if (submission.submittedAt) {
      row.submittedAtMs = submission.submittedAt.getTime();
      row.submittedAtIso = submission.submittedAt.toISOString();
    }
    if (lateByMs !== undefined) {
      row.lateByMs = lateByMs;
      row.lateText = describeLateness(lateByMs);
    }
    if (submission.grade) row.grade = { total: submission.grade.total, max: submission.grade.max };
    return row;
  });

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
        <p className="header-links">
          <SessionLink href="/grading/overview">Class overview</SessionLink>
          <span className="meta"> — score distribution, levels per criterion, CSV download</span>
        </p>
        <p className="header-links">
          <SessionLink href="/grading/by-criterion">Grade by criterion</SessionLink>
          <span className="meta"> — one criterion across the whole class, then the next</span>
        </p>
      </header>

      <section className="card" aria-labelledby="submissions-heading">
        <h2 id="submissions-heading">Submissions</h2>
        {rosterNote ? <p className="notice notice-warn">{rosterNote}</p> : null}
        {assignment.unit.rules.anonymousGrading ? (
          <AnonymityPanel
            hidden={namesHiddenIn(assignment)}
            revealed={
              assignment.namesRevealed
                ? { at: new Date(assignment.namesRevealed.at).toISOString(), ...(assignment.namesRevealed.byName ? { byName: assignment.namesRevealed.byName } : {}) }
                : undefined
            }
          />
        ) : null}
        <BulkActions
          drafts={rows.filter((row) => row.sync?.state === 'not-released').length}
          failed={rows.filter((row) => row.sync?.state === 'failed').length}
        />
        {rows.length === 0 ? (
          <p>No student has opened this assignment yet. Submissions appear here as students start writing.</p>
        ) : (
          <SubmissionTable rows={tableRows} />
        )}
      </section>
    </main>
  );
}
