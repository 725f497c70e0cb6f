import { criterionMark, inReadingOrder } from '../../domain/inline-comments';
import { criterionMaxPoints } from '../../domain/rubric';
import type { ReleasedFeedback } from '../../services/feedback';
import { AnnotatedText, markerLabel, passageElementId, type NumberedComment } from '../_components/annotated-text';
import { DateTime } from '../_components/date-time';
import { PrintButton } from './print-button';

const pointsWord = (points: number) => (points === 1 ? 'point' : 'points');

/**
 * The instructor's released feedback, as the student reads (and prints) it: the score, the
 * overall comment, the whole rubric with every level's descriptor and the level reached marked
 * in words as well as colour, each criterion's comment, and the inline comments shown on the
 * text that was graded, with a numbered list beside it. Rendered only after release.
 */
export function GradeFeedback({ feedback }: { feedback: ReleasedFeedback }) {
  const { rubric, gradedText } = feedback;
  const numbered: NumberedComment[] = inReadingOrder(feedback.inlineComments).map((c, index) => ({ ...c, number: index + 1 }));
  return (
    <section className="card feedback" aria-labelledby="feedback">
      <div className="feedback-header">
        <h2 id="feedback">Feedback</h2>
        <PrintButton />
      </div>
      <p className="total">
        Score: {feedback.total} / {feedback.max}
      </p>
      <p className="meta">Graded on <DateTime value={feedback.gradedAt} /></p>
      {gradedText.changedSince ? (
        <p className="notice notice-info">
          This feedback is on the version you submitted on <DateTime value={gradedText.savedAt} />. Your essay has changed since;
          the graded version is shown below.
        </p>
      ) : null}

      {feedback.overallComment ? (
        <>
          <h3>Overall comment</h3>
          <p className="prose essay-readonly">{feedback.overallComment}</p>
        </>
      ) : null}

      <h3>Rubric</h3>
      <div className="feedback-rubric">
        {rubric.criteria.map((criterion) => {
          const reached = criterion.levels.find((l) => l.id === feedback.selections[criterion.id]);
          const comment = feedback.criterionComments[criterion.id];
          const headingId = `feedback-criterion-${criterion.id}`;
          return (
            <section key={criterion.id} className="feedback-criterion" aria-labelledby={headingId}>
              <h4 id={headingId}>
                {criterion.title}:{' '}
                {reached
                  ? `${reached.label}, ${reached.points} of ${criterionMaxPoints(criterion)} ${pointsWord(criterionMaxPoints(criterion))}`
                  : 'not graded'}
              </h4>
              <p className="meta">{criterion.description}</p>
              <ul className="feedback-levels" aria-label={`Levels for ${criterion.title}`}>
                {criterion.levels.map((level) => {
                  const isReached = level.id === reached?.id;
                  return (
                    <li key={level.id} className="feedback-level" data-reached={isReached || undefined}>
                      <span className="level-title">
                        {level.label} — {level.points} {pointsWord(level.points)}
                        {isReached ? <span className="reached-badge">✓ Your level</span> : null}
                      </span>
                      <span className="level-descriptor">{level.descriptor}</span>
                    </li>
                  );
                })}
              </ul>
              {comment ? (
                <p className="criterion-comment">
                  <strong>Comment:</strong> <span className="essay-readonly">{comment}</span>
                </p>
              ) : null}
            </section>
          );
        })}
      </div>

      <h3>Comments on your essay</h3>
      {numbered.length === 0 ? <p className="meta">Your instructor made no comments on passages of your essay.</p> : null}
      <div className={numbered.length > 0 ? 'feedback-annotated' : undefined}>
        <div className="essay-readonly essay-annotatable" role="region" tabIndex={0} aria-label="Your graded essay">
          <AnnotatedText text={gradedText.text} comments={numbered} rubric={rubric} idPrefix="feedback" focusablePassages />
        </div>
        {numbered.length > 0 ? (
          <ol className="inline-comment-list" aria-label="Comments on passages">
            {numbered.map((comment) => {
              const mark = criterionMark(rubric, comment.criterionId);
              return (
                <li key={comment.id} className="inline-comment">
                  <p className="inline-comment-head">
                    <span className={`comment-badge highlight-${mark?.colour ?? 'none'}`}>{comment.number}</span>
                    <strong>{mark?.label ?? 'General comment'}</strong>
                  </p>
                  <p className="inline-comment-quote">“{comment.quote.length > 140 ? `${comment.quote.slice(0, 139)}…` : comment.quote}”</p>
                  <p className="inline-comment-text">{comment.text}</p>
                  <p className="screen-only">
                    <a href={`#${passageElementId('feedback', comment.id)}`} aria-label={`Show in your essay: comment ${markerLabel(rubric, comment)}`}>
                      Show in your essay
                    </a>
                  </p>
                </li>
              );
            })}
          </ol>
        ) : null}
      </div>
    </section>
  );
}
