import { criterionMaxPoints, maxPoints, type Rubric } from '../../domain/rubric';

const points = (n: number) => `${n} ${n === 1 ? 'point' : 'points'}`;

/**
 * The assignment's rubric as the student reads it while writing: each criterion with every
 * level's descriptor, highest first (the order graders see them in).
 */
export function RubricPanel({ rubric }: { rubric: Rubric }) {
  return (
    // Not a region of its own: the panel it opens in is the "Rubric" region.
    <div className="rubric-panel">
      <h2 id="rubric-panel-heading">Rubric</h2>
      <p className="hint">
        How your essay will be graded: one level for each criterion, {points(maxPoints(rubric))} in all.
      </p>
      {rubric.criteria.map((criterion) => (
        <section key={criterion.id} className="rubric-panel-criterion" aria-labelledby={`rubric-criterion-${criterion.id}`}>
          <h3 id={`rubric-criterion-${criterion.id}`}>
            {criterion.title} <span className="meta-inline">(up to {points(criterionMaxPoints(criterion))})</span>
          </h3>
          {criterion.description.trim() !== '' ? <p className="meta">{criterion.description}</p> : null}
          <dl className="rubric-panel-levels">
            {criterion.levels.map((level) => (
              <div key={level.id}>
                <dt>
                  {level.label} <span className="meta-inline">· {points(level.points)}</span>
                </dt>
                <dd>{level.descriptor}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
