import { isInkwellError } from '../../../domain/errors';
import { getCriterionWalk } from '../../../services/criterion-grading';
import { ProblemPage } from '../../_components/problem-page';
import { SessionLink } from '../../_components/session-link';
import { SessionRecovery } from '../../_components/session-recovery';
import { SessionStart } from '../../_components/session-start';
import { sessionFromSearchParams, type PageSearchParams } from '../../_lib/page-session';
import { AssistantProvider } from '../[submissionId]/assistant-context';
import { AssistantEssayText } from '../[submissionId]/assistant-essay-text';
import { AssistantEssayNotes } from '../[submissionId]/fact-flags';
import { CriterionGrader } from './criterion-grader';

export const dynamic = 'force-dynamic';

/** Where the walk on `criterionId` is at `submissionId`. */
function stepHref(criterionId: string, submissionId?: string): string {
  const query = new URLSearchParams({ criterion: criterionId });
  if (submissionId) query.set('submission', submissionId);
  return `/grading/by-criterion?${query.toString()}`;
}

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Grade by criterion: pick a criterion, then walk the class on it, one student at a time. */
export default async function GradeByCriterionPage({ searchParams }: { searchParams: PageSearchParams }) {
  const found = await sessionFromSearchParams(searchParams);
  if (!found) return <SessionRecovery />;
  const params = await searchParams;
  let walk;
  try {
    walk = await getCriterionWalk(found.session, single(params.criterion), single(params.submission));
  } catch (error) {
    if (isInkwellError(error) && error.expose) {
      return (
        <ProblemPage title="Grading by criterion is not available">
          <p>{error.message}</p>
        </ProblemPage>
      );
    }
    throw error;
  }
  const { assignment, criteria, students, criterion, step, nextCriterionId, namesHidden } = walk;
  const title = assignment.resourceLinkTitle ?? assignment.unit.title;
  const finishedHref = nextCriterionId ? stepHref(nextCriterionId) : '/grading/by-criterion?done=1';

  return (
    <main id="main" className="page">
      <SessionStart issued={found.issued} />
      <nav className="pager" aria-label="Grade by criterion">
        <SessionLink href="/grading">← All submissions</SessionLink>
        {criterion ? <SessionLink href="/grading/by-criterion">Choose another criterion</SessionLink> : null}
      </nav>
      <header className="page-header">
        <p className="eyebrow">{title} · Grade by criterion</p>
        {criterion ? (
          <>
            <h1>{criterion.title}</h1>
            <p className="meta">
              {step ? `${step.studentName} · student ${step.position} of ${students}` : 'No submitted essays to grade yet.'}
              {namesHidden ? ' · Anonymous grading: names are hidden' : null}
            </p>
          </>
        ) : (
          <>
            <h1>Grade by criterion</h1>
            <p className="meta">
              Mark the whole class on one criterion, then the next: the essay on one side, that criterion’s levels on the
              other. Your choices are saved into each student’s grade as a draft; release grades from the submission list.
            </p>
          </>
        )}
      </header>

      {criterion && step ? (
        // The rubric assistant's suggestion for this criterion, asked from the browser (assistant-context.tsx).
        <AssistantProvider key={step.submissionId} submissionId={step.submissionId} rubric={assignment.rubric} text={step.text} revision={step.revision}>
        <div className="criterion-walk">
          <section className="card criterion-walk-essay" aria-labelledby="walk-essay-heading">
            <h2 id="walk-essay-heading">Essay of {step.studentName}</h2>
            {step.text.trim() === '' ? (
              <p className="meta">Nothing written.</p>
            ) : (
              <AssistantEssayText text={step.text} rubric={assignment.rubric} />
            )}
            <AssistantEssayNotes slips={false} />
          </section>
          <section className="card criterion-walk-levels" aria-labelledby="walk-levels-heading">
            <h2 id="walk-levels-heading" className="visually-hidden">
              {criterion.title}: choose a level
            </h2>
            <CriterionGrader
              key={`${criterion.id}:${step.submissionId}`}
              submissionId={step.submissionId}
              criterion={criterion}
              basis={{ gradeVersion: step.gradeVersion, revision: step.revision }}
              initial={{ levelId: step.levelId, comment: step.comment, released: step.released }}
              previousHref={step.previousId ? stepHref(criterion.id, step.previousId) : undefined}
              nextHref={step.nextId ? stepHref(criterion.id, step.nextId) : finishedHref}
              nextLabel={step.nextId ? 'Next student' : nextCriterionId ? 'Next criterion' : 'Finish'}
            />
          </section>
        </div>
        </AssistantProvider>
      ) : null}

      <section className="card" aria-labelledby="criteria-heading">
        <h2 id="criteria-heading">{criterion ? 'All criteria' : 'Choose a criterion'}</h2>
        {single(params.done) ? (
          <p className="notice notice-ok" role="status">
            You have walked the class through the last criterion. Release the grades from the submission list when they are ready.
          </p>
        ) : null}
        <p className="meta">
          {students} submitted {students === 1 ? 'essay' : 'essays'}.
        </p>
        <ul className="criterion-picker">
          {criteria.map((item) => (
            <li key={item.id}>
              <SessionLink href={stepHref(item.id)}>{item.title}</SessionLink>{' '}
              <span className="meta">
                ({item.graded} of {students} graded){criterion?.id === item.id ? ' · current' : ''}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
