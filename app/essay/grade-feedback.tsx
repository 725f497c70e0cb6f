import type { Rubric } from '../../domain/rubric';
import type { StoredGrade } from '../../services/grading';
import type { KeptRevision } from '../../services/submission-state';
import { countWords } from '../../domain/essay';
import { DateTime } from '../_components/date-time';

/**
 * The instructor's rubric feedback, as the student sees it. When the essay changed after
 * grading, the feedback says so and shows the text it was given on.
 */
export function GradeFeedback({ rubric, grade, gradedText }: { rubric: Rubric; grade: StoredGrade; gradedText?: KeptRevision }) {
  return (
    <section className="card" aria-labelledby="feedback">
      <h2 id="feedback">Feedback</h2>
      <p className="total">
        Score: {grade.total} / {grade.max}
      </p>
      <p className="meta">Graded on <DateTime value={grade.gradedAt} /></p>
      {gradedText ? (
        <div className="notice notice-info">
          <p>
            This feedback is on the version you submitted on <DateTime value={gradedText.savedAt} />. Your essay has
            changed since.
          </p>
          <details>
            <summary>The version that was graded ({countWords(gradedText.text)} words)</summary>
            <div className="essay-readonly" role="region" tabIndex={0} aria-label="The graded version of your essay">
              {gradedText.text}
            </div>
          </details>
        </div>
      ) : null}
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
