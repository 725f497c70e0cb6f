import { CLASS_PROGRESS_LABELS, CLASS_PROGRESS_ORDER, formatPoints } from '../../../domain/class-statistics';
import { isInkwellError } from '../../../domain/errors';
import { assistantAgreement } from '../../../services/assistant';
import { getClassOverview } from '../../../services/class-overview';
import { ProblemPage } from '../../_components/problem-page';
import { SessionLink } from '../../_components/session-link';
import { SessionRecovery } from '../../_components/session-recovery';
import { SessionStart } from '../../_components/session-start';
import { sessionFromSearchParams, type PageSearchParams } from '../../_lib/page-session';
import { AssistantAgreement } from './assistant-agreement';
import { ColumnChart, RowChart } from './bar-chart';

export const dynamic = 'force-dynamic';

function plural(count: number, singular: string, pluralWord = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralWord}`;
}

/** The class at a glance: where every essay stands, the scores, and the levels reached per criterion. */
export default async function ClassOverviewPage({ searchParams }: { searchParams: PageSearchParams }) {
  const found = await sessionFromSearchParams(searchParams);
  if (!found) return <SessionRecovery />;
  let overview;
  let agreement;
  try {
    [overview, agreement] = await Promise.all([getClassOverview(found.session), assistantAgreement(found.session)]);
  } catch (error) {
    if (isInkwellError(error) && error.expose) {
      return (
        <ProblemPage title="The class overview is not available">
          <p>{error.message}</p>
        </ProblemPage>
      );
    }
    throw error;
  }
  const { assignment, rows, progress, scores, distribution, criteria, earlierRubricGrades, late, rosterNote } = overview;
  const max = formatPoints(scores.max);

  return (
    <main id="main" className="page overview">
      <SessionStart issued={found.issued} />
      <nav className="pager" aria-label="Submissions">
        <SessionLink href="/grading">← All submissions</SessionLink>
      </nav>
      <header className="page-header">
        <p className="eyebrow">{assignment.resourceLinkTitle ?? assignment.unit.title}</p>
        <h1>Class overview</h1>
        <p className="header-links">
          <SessionLink href="/grading/overview/csv">Download CSV</SessionLink>
          <span className="meta"> — one row per student: status, submission time, lateness, words, levels, total and LMS status</span>
        </p>
      </header>

      <section className="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading">Where the class stands</h2>
        {rosterNote ? <p className="notice notice-warn">{rosterNote}</p> : null}
        <ul className="stat-list">
          <li>
            <span className="stat-value">{rows.length}</span> <span className="stat-label">{rows.length === 1 ? 'student' : 'students'}</span>
          </li>
          {CLASS_PROGRESS_ORDER.map((stage) => (
            <li key={stage} data-stage={stage}>
              <span className="stat-value">{progress[stage]}</span> <span className="stat-label">{CLASS_PROGRESS_LABELS[stage]}</span>
            </li>
          ))}
          <li>
            <span className="stat-value">{late}</span> <span className="stat-label">Submitted late</span>
          </li>
        </ul>
      </section>

      <section className="card" aria-labelledby="scores-heading">
        <h2 id="scores-heading">Scores</h2>
        {scores.count === 0 ? (
          <p>No essay has been graded yet. Scores appear here once grades are saved on submitted essays.</p>
        ) : (
          <>
            <ul className="stat-list">
              <li>
                <span className="stat-value">{scores.average === null ? '—' : formatPoints(scores.average)}</span>{' '}
                <span className="stat-label">Average (out of {max})</span>
              </li>
              <li>
                <span className="stat-value">{scores.median === null ? '—' : formatPoints(scores.median)}</span>{' '}
                <span className="stat-label">Median (out of {max})</span>
              </li>
              <li>
                <span className="stat-value">{scores.count}</span> <span className="stat-label">{scores.count === 1 ? 'grade' : 'grades'} counted</span>
              </li>
            </ul>
            <p className="meta">
              Grades on the essays as now submitted, released or not. A grade given on text the student has changed since is
              not counted until it is regraded.
            </p>
            <ColumnChart
              id="score-chart"
              title="Score distribution"
              data={distribution.map((band) => ({ label: band.label, count: band.count }))}
              categoryLabel="Total points"
              valueLabel="Students"
            />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="criteria-heading">
        <h2 id="criteria-heading">Levels reached per criterion</h2>
        {scores.count === 0 ? (
          <p>Nothing to show yet: no essay has been graded.</p>
        ) : (
          <>
            {earlierRubricGrades > 0 ? (
              <p className="notice notice-info">
                {plural(earlierRubricGrades, 'grade was', 'grades were')} given with an earlier version of the rubric: counted in the
                scores above, not per criterion below.
              </p>
            ) : null}
            <div className="criteria-charts">
              {criteria.map((criterion, index) => (
                <div key={criterion.criterionId} className="criterion-chart">
                  <h3>{criterion.title}</h3>
                  <RowChart
                    id={`criterion-chart-${index + 1}`}
                    title={`${criterion.title}: students per level`}
                    data={criterion.levels.map((level) => ({ label: `${level.label} (${formatPoints(level.points)})`, count: level.count }))}
                    categoryLabel="Level (points)"
                    valueLabel="Students"
                  />
                  {criterion.notAssessed > 0 ? (
                    <p className="meta">{plural(criterion.notAssessed, 'draft grade has', 'draft grades have')} no level for this criterion yet.</p>
                  ) : null}
                </div>
              ))}
            </div>
          </>
        )}
      </section>

      <AssistantAgreement agreement={agreement} />
    </main>
  );
}
