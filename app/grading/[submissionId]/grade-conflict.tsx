'use client';

/**
 * Shown when another grader saved this submission's grade after this page
 * opened it: their choices beside this grader's, and two ways on. Nothing was
 * overwritten on either side; saving again replaces their grade only after
 * this grader has seen it.
 */
import { useEffect, useRef } from 'react';
import type { GradeConflictChoices } from '../../../domain/errors';
import type { Rubric } from '../../../domain/rubric';
import { formatInLocalZone } from '../../_lib/date-time-format';

/** The stored grade a conflict answer carries. */
export type OtherGrade = GradeConflictChoices;

interface Props {
  rubric: Rubric;
  other: OtherGrade;
  mine: Record<string, string>;
  /** Replace this form's choices with theirs. */
  onUseTheirs: () => void;
  /** Keep this form's choices; the next save replaces theirs. */
  onKeepMine: () => void;
}

export function GradeConflict({ rubric, other, mine, onUseTheirs, onKeepMine }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Move focus here so keyboard and screen-reader users land on the explanation (it is also an alert).
  useEffect(() => heading.current?.focus(), [other.version]);
  const who = other.gradedByName ?? 'Another grader';
  const levelOf = (criterionId: string, levelId: string | undefined) => {
    const criterion = rubric.criteria.find((c) => c.id === criterionId);
    const level = criterion?.levels.find((l) => l.id === levelId);
    return level ? `${level.label} (${level.points})` : 'not graded';
  };
  return (
    <section className="notice notice-warn grade-conflict" role="alert" aria-labelledby="grade-conflict-heading">
      <h3 id="grade-conflict-heading" tabIndex={-1} ref={heading}>
        Not saved: {who} saved a grade for this essay after you opened it
      </h3>
      <p>
        Their grade ({other.total} / {other.max}, {other.released ? 'released' : 'a draft'}, saved{' '}
        {formatInLocalZone(other.gradedAt)}) is kept. Your choices are still in the form. Compare them, then
        choose.
      </p>
      <table className="conflict-table">
        <caption className="visually-hidden">Their choices beside yours</caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">{who}</th>
            <th scope="col">You</th>
          </tr>
        </thead>
        <tbody>
          {rubric.criteria.map((criterion) => {
            const theirs = levelOf(criterion.id, other.selections[criterion.id]);
            const yours = levelOf(criterion.id, mine[criterion.id]);
            return (
              <tr key={criterion.id} data-differs={theirs !== yours ? 'true' : undefined}>
                <th scope="row">{criterion.title}</th>
                <td>
                  {theirs}
                  {other.criterionComments[criterion.id] ? <span className="meta"> — {other.criterionComments[criterion.id]}</span> : null}
                </td>
                <td>
                  {yours}
                  {theirs !== yours ? <strong> (differs)</strong> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {other.overallComment ? (
        <p>
          Their overall comment: <span className="essay-readonly">{other.overallComment}</span>
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={onUseTheirs}>
          Start from their grade
        </button>
        <button type="button" className="button button-secondary" onClick={onKeepMine}>
          Keep my choices (the next save replaces theirs)
        </button>
      </div>
    </section>
  );
}
