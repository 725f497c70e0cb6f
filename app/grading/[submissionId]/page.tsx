import type { ComponentProps, ReactNode } from 'react';
import { isPastDue, rulesForStudent } from '../../../domain/essay';
import { isInkwellError } from '../../../domain/errors';
import { criterionMaxPoints } from '../../../domain/rubric';
import { describeForInstructor, isBeingWritten } from '../../../domain/submission-lifecycle';
import { getSubmissionForGrading } from '../../../services/grading';
import { getInlineComments } from '../../../services/inline-comments';
import { getCommentBank } from '../../../services/comment-bank';
import { ProblemPage } from '../../_components/problem-page';
import { SessionLink } from '../../_components/session-link';
import { SessionRecovery } from '../../_components/session-recovery';
import { SessionStart } from '../../_components/session-start';
import { DateTime } from '../../_components/date-time';
import { sessionFromSearchParams, type PageSearchParams } from '../../_lib/page-session';
import { AssistantProvider } from './assistant-context';
import { CommentBankProvider } from './comment-bank';
import { CommentBankManager } from './comment-bank-manager';
import { AssistantEssayNotes } from './fact-flags';
import { InlineComments } from './inline-comments';
import { ReturnForRevision } from './return-for-revision';
import { RubricGrader } from './rubric-grader';
import { WritingProcessSection } from './writing-process';

export const dynamic = 'force-dynamic';

export default async function GradeSubmissionPage({
  params,
  searchParams,
}: {
  params: Promise<{ submissionId: string }>;
  searchParams: PageSearchParams;
}) {
  const found = await sessionFromSearchParams(searchParams);
  if (!found) return <SessionRecovery />;
  const { submissionId } = await params;
  let data, inlineComments, bankEntries;
  try {
    // One check of the submission and one read of the assignment for the whole page: the
    // comments and the bank are read meanwhile and shown only once the grading view's check passed.
    const view = getSubmissionForGrading(found.session, submissionId);
    [data, inlineComments, bankEntries] = await Promise.all([
      view,
      getInlineComments(found.session, submissionId, view),
      getCommentBank(found.session, view.then((v) => v.assignment)),
    ]);
  } catch (error) {
    if (isInkwellError(error) && error.expose) {
      return (
        <ProblemPage title="This submission is not available">
          <p>{error.message}</p>
        </ProblemPage>
      );
    }
    throw error;
  }
  const { assignment, submission, studentName, neighbours, gradeRubric, regrade, sync, lifecycle, openReturn, gradedText } = data;
  const writing = isBeingWritten(lifecycle.state);
  // Submitted essays, and drafts the student reopened (returning one lifts the cutoff for them).
  const mayReturn = !writing || (lifecycle.state === 'draft' && submission.submittedAt !== undefined);
  const grade = submission.grade;
  const currentCriterionIds = new Set(assignment.rubric.criteria.map((c) => c.id));
  // Late by the student's own due date (an extension from the LMS counts), not the class's.
  const rules = rulesForStudent(assignment.unit.rules, submission.ownDates);
  const late = Boolean(submission.submittedAt && rules.dueAt && isPastDueSafely(rules, submission.submittedAt));

  return (
    <main id="main" className="page">
      <SessionStart issued={found.issued} />
      <nav className="pager" aria-label="Submissions">
        <SessionLink href="/grading">← All submissions</SessionLink>
        <span>
          {neighbours.previousId ? <SessionLink href={`/grading/${neighbours.previousId}`}>Previous student</SessionLink> : null}
          {neighbours.previousId && neighbours.nextId ? ' · ' : null}
          {neighbours.nextId ? <SessionLink href={`/grading/${neighbours.nextId}`}>Next student</SessionLink> : null}
        </span>
      </nav>
      <header className="page-header">
        <p className="eyebrow">{assignment.resourceLinkTitle ?? assignment.unit.title}</p>
        <h1>{studentName}</h1>
        {data.namesHidden ? <p className="meta">Anonymous grading: names are hidden until you reveal them in the submissions list.</p> : null}
        <p className="meta">
          {writing ? 'Not submitted (draft)' : <>Submitted {submission.submittedAt ? <DateTime value={submission.submittedAt} /> : null}</>} ·{' '}
          {submission.wordCount} words
          {late ? ' · Late' : null}
        </p>
        <p className="essay-state" data-state={lifecycle.state} role="status">
          <strong>{describeForInstructor(lifecycle, { everSubmitted: submission.submittedAt !== undefined })}</strong>
        </p>
        {submission.ownDates ? (
          <p className="meta">
            Own dates from the LMS:
            {submission.ownDates.dueAt ? <> due <DateTime value={submission.ownDates.dueAt} /></> : null}
            {submission.ownDates.cutoffAt ? <> · closes <DateTime value={submission.ownDates.cutoffAt} /></> : null}
          </p>
        ) : null}
      </header>

      <CommentBankProvider initialEntries={bankEntries} rubric={assignment.rubric}>
      {/* The rubric assistant is asked from the browser once the page is up (assistant-context.tsx says why);
          not while the student is writing, when there is nothing to grade. */}
      <MaybeAssistant enabled={!writing} submissionId={submission.id} rubric={assignment.rubric} text={submission.text} revision={submission.revision}>
      <div className="grading-layout">
        <section className="card essay-panel" aria-labelledby="essay-heading">
          <h2 id="essay-heading">Essay</h2>
          {openReturn ? (
            <div className="notice notice-info">
              <p>
                Returned for revision on <DateTime value={openReturn.returnedAt} />
                {openReturn.returnedByName ? ` by ${openReturn.returnedByName}` : ''}, with this note:
              </p>
              <p className="essay-readonly">{openReturn.note}</p>
              <p className="meta">Below is the student&apos;s draft as it stands.</p>
            </div>
          ) : null}
          {grade && lifecycle.gradeOutdated ? (
            <div className="notice notice-warn">
              <p>
                <strong>
                  {writing ? 'Changed since graded: the student is revising.' : 'Changed since graded — regrade before releasing.'}
                </strong>{' '}
                The grade ({grade.total} / {grade.max}) was given on an earlier version; below is the text as it is now.
              </p>
              {gradedText ? (
                <details>
                  <summary>
                    The version you graded (submitted <DateTime value={gradedText.savedAt} />, {gradedText.wordCount} words)
                  </summary>
                  <div className="essay-readonly" role="region" tabIndex={0} aria-label="The version that was graded">
                    {gradedText.text}
                  </div>
                </details>
              ) : null}
            </div>
          ) : grade ? (
            <p className="meta">This is the text the grade was given on.</p>
          ) : null}
          {submission.text.trim() === '' ? (
            <p className="meta">Nothing written yet.</p>
          ) : (
            <InlineComments
              submissionId={submission.id}
              rubric={assignment.rubric}
              text={submission.text}
              revision={submission.revision}
              initialComments={inlineComments}
              canComment={!writing}
            />
          )}
          {writing ? null : <AssistantEssayNotes />}
          <WritingProcessSection session={found.session} submissionId={submission.id} checked={data} />
        </section>

        <section className="card" aria-labelledby="rubric-heading">
          <h2 id="rubric-heading">Rubric</h2>
          {grade && regrade ? (
            <div className="notice notice-warn regrade-notice">
              <p>
                <strong>
                  Graded with rubric version {regrade.fromVersion}; the rubric is now version {assignment.rubricVersion}.
                </strong>
              </p>
              <p>
                Previous grade: {grade.total} / {grade.max}. Choices that still fit the current rubric are filled in;
                criteria that changed start empty.
              </p>
              {gradeRubric ? (
                <details>
                  <summary>Earlier choices (rubric version {regrade.fromVersion})</summary>
                  <ul>
                    {gradeRubric.criteria.map((criterion) => {
                      const level = criterion.levels.find((l) => l.id === grade.selections[criterion.id]);
                      return (
                        <li key={criterion.id}>
                          {criterion.title}: {level ? `${level.label} (${level.points} of ${criterionMaxPoints(criterion)})` : 'not graded'}
                        </li>
                      );
                    })}
                  </ul>
                </details>
              ) : null}
            </div>
          ) : grade ? (
            <p className="meta">Rubric version {assignment.rubricVersion}</p>
          ) : null}
          {writing ? (
            <p className="notice notice-info">
              You can grade this essay once the student has submitted it{lifecycle.state === 'returned' ? ' again' : ''}.
              {grade ? ` The earlier grade (${grade.total} / ${grade.max}) is kept.` : ''}
            </p>
          ) : (
            <RubricGrader
              submissionId={submission.id}
              rubric={assignment.rubric}
              basis={{ gradeVersion: grade?.version ?? 0, revision: submission.revision }}
              previousHref={neighbours.previousId ? `/grading/${neighbours.previousId}` : undefined}
              nextHref={neighbours.nextId ? `/grading/${neighbours.nextId}` : undefined}
              submitLabel={regrade ? 'Regrade with the current rubric' : lifecycle.gradeOutdated ? 'Regrade this version and send to LMS' : undefined}
              initialGrade={
                grade
                  ? {
                      selections: regrade ? regrade.selections : grade.selections,
                      criterionComments: regrade
                        ? Object.fromEntries(
                            Object.entries(grade.criterionComments).filter(([id]) => currentCriterionIds.has(id)),
                          )
                        : grade.criterionComments,
                      overallComment: grade.overallComment,
                      released: grade.released,
                      sync: sync ? { state: sync.state, message: sync.message } : undefined,
                    }
                  : undefined
              }
            />
          )}
          {mayReturn ? (
            <ReturnForRevision
              submissionId={submission.id}
              revision={submission.revision}
              reopenedDraft={writing}
            />
          ) : null}
        </section>
      </div>
      </MaybeAssistant>
      <CommentBankManager />
      </CommentBankProvider>
    </main>
  );
}

/** The rubric assistant around the grading layout, or the layout alone. */
function MaybeAssistant({ enabled, children, ...props }: { enabled: boolean; children: ReactNode } & Omit<ComponentProps<typeof AssistantProvider>, 'children'>) {
  return enabled ? <AssistantProvider {...props}>{children}</AssistantProvider> : <>{children}</>;
}

/** Whether a submission came after the due date; a malformed stored date means no rather than a broken page. */
function isPastDueSafely(rules: Parameters<typeof isPastDue>[0], at: Date): boolean {
  try {
    return isPastDue(rules, at);
  } catch {
    return false;
  }
}
