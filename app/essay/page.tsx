import { countWords } from '../../domain/essay';
import { isInkwellError } from '../../domain/errors';
import { isBeingWritten } from '../../domain/submission-lifecycle';
import { getStudentEssay } from '../../services/essays';
import { releasedFeedbackOf } from '../../services/feedback';
import { ProblemPage } from '../_components/problem-page';
import { SessionRecovery } from '../_components/session-recovery';
import { SessionStart } from '../_components/session-start';
import { DateTime } from '../_components/date-time';
import { sessionFromSearchParams, type PageSearchParams } from '../_lib/page-session';
import { EssayEditor } from './essay-editor';
import { EssayWorkspace } from './essay-workspace';
import { GradeFeedback } from './grade-feedback';
import { ReopenEssay } from './reopen-essay';
import { RubricPanel } from './rubric-panel';
import { UnitBrief } from './unit-brief';

export const dynamic = 'force-dynamic';

export default async function EssayPage({ searchParams }: { searchParams: PageSearchParams }) {
  const found = await sessionFromSearchParams(searchParams);
  if (!found) return <SessionRecovery />;
  let essay;
  try {
    essay = await getStudentEssay(found.session);
  } catch (error) {
    if (isInkwellError(error) && error.expose) {
      return (
        <ProblemPage title="This essay is not available">
          <p>{error.message}</p>
        </ProblemPage>
      );
    }
    throw error;
  }
  const { assignment, submission, lifecycle, openReturn } = essay;
  // Null until the grade is released: before that the student sees nothing of it.
  const feedback = await releasedFeedbackOf(essay);
  // The student's own dates (an extension from the LMS) over the assignment's.
  const unit = { ...assignment.unit, rules: essay.rules };
  const reopenable = essay.canReopen;

  return (
    <main id="main" className="page page-essay">
      <SessionStart issued={found.issued} />
      <header className="page-header">
        <p className="eyebrow">{assignment.contextTitle ?? 'Essay assignment'}</p>
        <h1>{unit.title}</h1>
        <p className="meta">{unit.subtitle}</p>
      </header>

      <EssayWorkspace
        returning={submission.revision > 0}
        brief={<UnitBrief unit={unit} />}
        rubric={<RubricPanel rubric={assignment.rubric} />}
      >
        <section className="card" aria-labelledby="your-essay">
          <h2 id="your-essay">Your essay</h2>
          <p className="essay-state" data-state={lifecycle.state}>
            <strong>{essay.statusText}</strong>
          </p>
          {openReturn ? (
            <div className="notice notice-info return-note" role="note" aria-label="Note from your instructor">
              <p>
                Your instructor{openReturn.returnedByName ? ` (${openReturn.returnedByName})` : ''} returned your essay for
                revision on <DateTime value={openReturn.returnedAt} />:
              </p>
              <p className="essay-readonly">{openReturn.note}</p>
            </div>
          ) : null}
          {isBeingWritten(lifecycle.state) ? (
            <EssayEditor
              submissionId={submission.id}
              initialText={submission.text}
              initialRevision={submission.revision}
              initialSavedAt={submission.updatedAt.toISOString()}
              minWords={unit.rules.minWords}
              maxWords={unit.rules.maxWords}
              questionCount={unit.guidingQuestions.length}
              resubmission={essay.reopenAfterSubmit ? { until: unit.rules.dueAt } : undefined}
              coverageWhileWriting={unit.rules.coverageWhileWriting === true}
            />
          ) : (
            <>
              <p className="notice notice-ok" role="status">
                Submitted on <DateTime value={submission.submittedAt} />.
                {reopenable ? null : ' Your essay can no longer be changed.'}
              </p>
              {reopenable ? (
                <ReopenEssay
                  until={unit.rules.dueAt ? <DateTime value={unit.rules.dueAt} /> : undefined}
                />
              ) : null}
              <p className="meta">{countWords(submission.text)} words</p>
              <div className="essay-readonly" role="region" tabIndex={0} aria-label="Your submitted essay">
                {submission.text}
              </div>
            </>
          )}
        </section>
      </EssayWorkspace>

      {feedback ? <GradeFeedback feedback={feedback} /> : null}
    </main>
  );
}
