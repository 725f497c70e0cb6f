/**
 * The content picker an instructor sees when adding Inkwell from the LMS
 * (Deep Linking): the built-in unit, or one of this course's assignments,
 * each added as it is or edited as a copy first. Every choice is a plain
 * form post to /deep-link/place, so it works without JavaScript.
 */
import { isInkwellError } from '../../domain/errors';
import { maxPoints, type Rubric } from '../../domain/rubric';
import { builtInRubric } from '../../domain/rubric';
import { builtInUnit } from '../../domain/unit';
import { getPicker } from '../../services/deep-linking';
import { DateTime } from '../_components/date-time';
import { ProblemPage } from '../_components/problem-page';
import { SessionField } from '../_components/session-field';
import { SessionRecovery } from '../_components/session-recovery';
import { SessionStart } from '../_components/session-start';
import { MarkdownInline } from '../_components/markdown';
import { sessionFromSearchParams, type PageSearchParams } from '../_lib/page-session';

export const dynamic = 'force-dynamic';

function rubricSummary(rubric: Rubric): string {
  const criteria = rubric.criteria.length;
  return `${criteria} ${criteria === 1 ? 'criterion' : 'criteria'}, ${maxPoints(rubric)} points in total`;
}

/** "Add to course" and "Edit a copy first" for one source; the hidden words name it for screen readers. */
function PlaceForm({ token, source, title }: { token: string; source: string; title: string }) {
  return (
    <form method="post" action="/deep-link/place" className="picker-actions">
      <SessionField initialToken={token} />
      <input type="hidden" name="source" value={source} />
      <button type="submit" name="then" value="add" className="button">
        Add to course<span className="visually-hidden">: {title}</span>
      </button>
      <button type="submit" name="then" value="edit" className="button button-secondary">
        Edit a copy first<span className="visually-hidden">: {title}</span>
      </button>
    </form>
  );
}

export default async function DeepLinkPickerPage({ searchParams }: { searchParams: PageSearchParams }) {
  const found = await sessionFromSearchParams(searchParams);
  if (!found) return <SessionRecovery />;
  let picker;
  try {
    picker = await getPicker(found.session);
  } catch (error) {
    if (isInkwellError(error) && error.expose) {
      return (
        <ProblemPage title="Inkwell assignments cannot be added here">
          <p>{error.message}</p>
        </ProblemPage>
      );
    }
    throw error;
  }
  const { request, courseAssignments } = picker;
  const token = found.issued.token;

  return (
    <main id="main" className="page page-narrow">
      <SessionStart issued={found.issued} />
      <header className="page-header">
        <p className="eyebrow">{request.contextTitle ?? 'Your course'}</p>
        <h1>Add an Inkwell assignment</h1>
        <p className="meta">
          Choose what students will write. <strong>Add to course</strong> adds it as it is;{' '}
          <strong>Edit a copy first</strong> lets you change the prompts, rubric and rules before adding it. Editing a
          copy never changes the original.
        </p>
      </header>

      <section className="card" aria-labelledby="builtin-heading">
        <h2 id="builtin-heading">Use the built-in unit</h2>
        <h3>{builtInUnit.title}</h3>
        <p className="meta">{builtInUnit.subtitle}</p>
        <p className="picker-label">Guiding questions</p>
        <ol className="picker-questions">
          {builtInUnit.guidingQuestions.map((question) => (
            <li key={question.id}>
              <MarkdownInline source={question.prompt} />
            </li>
          ))}
        </ol>
        <p>
          <span className="picker-label">Rubric:</span> {rubricSummary(builtInRubric)}
        </p>
        <PlaceForm token={token} source="builtin" title={builtInUnit.title} />
      </section>

      <section className="card" aria-labelledby="reuse-heading">
        <h2 id="reuse-heading">Reuse an assignment from this course</h2>
        {courseAssignments.length === 0 ? (
          <p>This course has no Inkwell assignments yet. Assignments you add appear here, ready to reuse.</p>
        ) : (
          <ul className="picker-list">
            {courseAssignments.map((assignment) => {
              const questions = assignment.unit.guidingQuestions.length;
              const title = assignment.unit.title;
              return (
                <li key={assignment.id} className="picker-item">
                  <h3>{title}</h3>
                  {assignment.resourceLinkTitle && assignment.resourceLinkTitle !== title ? (
                    <p className="meta">In the course as “{assignment.resourceLinkTitle}”</p>
                  ) : null}
                  <p className="meta">
                    Created <DateTime value={assignment.createdAt} style="date" /> · {questions} guiding{' '}
                    {questions === 1 ? 'question' : 'questions'} · rubric {maxPoints(assignment.rubric)} points
                  </p>
                  <PlaceForm token={token} source={assignment.id} title={title} />
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </main>
  );
}
