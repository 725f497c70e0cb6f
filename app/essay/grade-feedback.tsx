import type { Rubric } from '../../domain/rubric';
import type { StoredGrade } from '../../services/grading';
import { formatDateTime } from '../_components/format';

/** The instructor's rubric feedback, as the student sees it. */
export function GradeFeedback({ rubric, grade }: { rubric: Rubric; grade: StoredGrade }) {
  return (
    <section className="card" aria-labelledby="feedback">
      <h2 id="feedback">Feedback</h2>
      <p className="total">
        Score: {grade.total} / {grade.max}
      </p>
      <p className="meta">Graded on {formatDateTime(grade.gradedAt)}</p>
      {grade.overallComment ? <p className="prose essay-readonly">{grade.overallComment}</p> : null}
      <ul className="prose">
        {rubric.criteria.map((criterion) => {
          const level = criterion.levels.find((l) => l.id === grade.selections[criterion.id]);
          const comment = grade.criterionComments[criterion.id];
          return (
            <li key={criterion.id}>
              <strong>{criterion.title}</strong>: {level ? `${level.label} (${level.points} points)` : 'not graded'}
              {comment ? <span className="essay-readonly"> — {comment}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
