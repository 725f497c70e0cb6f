/**
 * One criterion's levels as a radio group, each with its points and descriptor: the grading
 * view and the by-criterion walk show the same choice. Digits 1–9 choose a level through the
 * fieldset's key handler (chooseLevelByNumber); the radios announce them as shortcuts.
 */
import type { Criterion } from '../../domain/rubric';

export function CriterionLevels({
  criterion,
  name,
  chosen,
  onChoose,
}: {
  criterion: Criterion;
  /** The radio group's name. */
  name: string;
  chosen: string | undefined;
  onChoose: (levelId: string) => void;
}) {
  return (
    <div className="levels">
      {criterion.levels.map((level, index) => (
        <label key={level.id} className="level">
          <input
            type="radio"
            name={name}
            value={level.id}
            aria-keyshortcuts={index < 9 ? String(index + 1) : undefined}
            checked={chosen === level.id}
            onChange={() => onChoose(level.id)}
          />
          <span>
            <span className="level-title">
              {level.label} — {level.points} {level.points === 1 ? 'point' : 'points'}
            </span>
            <span className="level-descriptor">{level.descriptor}</span>
          </span>
        </label>
      ))}
    </div>
  );
}
