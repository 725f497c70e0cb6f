'use client';

/**
 * Grading with the rubric: one radio group per criterion, optional comments,
 * a running total, and a save that also sends the grade to the LMS gradebook.
 * The outcome (saved, sent, or why not sent) is announced.
 */
import { useMemo, useState } from 'react';
import type { Rubric } from '../../../domain/rubric';

interface PassbackView {
  status: 'sent' | 'failed' | 'unavailable';
  at: string;
  message: string;
}

interface Props {
  sessionToken: string;
  submissionId: string;
  rubric: Rubric;
  /** The save button's words; a regrade against a newer rubric version says so. */
  submitLabel?: string;
  initialGrade?: {
    selections: Record<string, string>;
    criterionComments: Record<string, string>;
    overallComment: string;
    passback?: PassbackView;
  };
}

type Outcome = { kind: 'ok' | 'warn' | 'danger'; text: string } | null;

export function RubricGrader({ sessionToken, submissionId, rubric, submitLabel, initialGrade }: Props) {
  const [selections, setSelections] = useState<Record<string, string>>(initialGrade?.selections ?? {});
  const [comments, setComments] = useState<Record<string, string>>(initialGrade?.criterionComments ?? {});
  const [overallComment, setOverallComment] = useState(initialGrade?.overallComment ?? '');
  const [saving, setSaving] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome>(
    initialGrade?.passback
      ? {
          kind: initialGrade.passback.status === 'sent' ? 'ok' : 'warn',
          text:
            initialGrade.passback.status === 'sent'
              ? 'This grade is in the LMS gradebook.'
              : `Saved in Inkwell, but not in the LMS gradebook: ${initialGrade.passback.message}`,
        }
      : null,
  );

  const { total, max } = useMemo(() => {
    let sum = 0;
    let maximum = 0;
    for (const criterion of rubric.criteria) {
      maximum += Math.max(0, ...criterion.levels.map((l) => l.points));
      const level = criterion.levels.find((l) => l.id === selections[criterion.id]);
      if (level) sum += level.points;
    }
    return { total: sum, max: maximum };
  }, [rubric, selections]);
  const gradedCount = rubric.criteria.filter((c) => selections[c.id]).length;

  async function save() {
    const notChosen = rubric.criteria.filter((c) => !selections[c.id]).map((c) => c.id);
    setMissing(notChosen);
    if (notChosen.length > 0) {
      setOutcome({
        kind: 'danger',
        text: `Choose a level for every criterion before saving (${notChosen.length} left).`,
      });
      document.getElementById(`criterion-${notChosen[0]}`)?.focus();
      return;
    }
    setSaving(true);
    setOutcome({ kind: 'ok', text: 'Saving the grade…' });
    try {
      const response = await fetch(`/api/grading/submissions/${submissionId}/grade`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${sessionToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ selections, criterionComments: comments, overallComment }),
      }).catch(() => null);
      if (!response) {
        setOutcome({ kind: 'danger', text: 'You seem to be offline. The grade was not saved; try again when the connection is back.' });
        return;
      }
      const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
      if (!response.ok) {
        const message = typeof body?.message === 'string' ? body.message : 'The grade could not be saved. Please try again.';
        setOutcome({ kind: 'danger', text: `Not saved: ${message}` });
        return;
      }
      const passback = body?.passback as PassbackView | undefined;
      if (passback?.status === 'sent') {
        setOutcome({ kind: 'ok', text: `Grade saved (${String(body?.total)} / ${String(body?.max)}) and sent to the LMS gradebook.` });
      } else {
        setOutcome({
          kind: 'warn',
          text: `Grade saved in Inkwell, but not sent to the LMS gradebook: ${passback?.message ?? 'unknown reason'}`,
        });
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      noValidate
    >
      {rubric.criteria.map((criterion) => {
        const isMissing = missing.includes(criterion.id) && !selections[criterion.id];
        return (
          <fieldset
            key={criterion.id}
            className="criterion"
            id={`criterion-${criterion.id}`}
            tabIndex={-1}
            aria-describedby={`criterion-${criterion.id}-description${isMissing ? ` criterion-${criterion.id}-error` : ''}`}
          >
            <legend>{criterion.title}</legend>
            <p className="description" id={`criterion-${criterion.id}-description`}>
              {criterion.description}
            </p>
            {isMissing ? (
              <p className="notice notice-danger" id={`criterion-${criterion.id}-error`}>
                Choose a level for this criterion.
              </p>
            ) : null}
            <div className="levels">
              {criterion.levels.map((level) => (
                <label key={level.id} className="level">
                  <input
                    type="radio"
                    name={criterion.id}
                    value={level.id}
                    checked={selections[criterion.id] === level.id}
                    onChange={() => setSelections((current) => ({ ...current, [criterion.id]: level.id }))}
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
            <label htmlFor={`comment-${criterion.id}`}>Comment on {criterion.title.toLowerCase()} (optional)</label>
            <textarea
              id={`comment-${criterion.id}`}
              rows={2}
              value={comments[criterion.id] ?? ''}
              onChange={(event) => setComments((current) => ({ ...current, [criterion.id]: event.target.value }))}
            />
          </fieldset>
        );
      })}

      <label htmlFor="overall-comment">Overall comment for the student (optional)</label>
      <textarea id="overall-comment" rows={4} value={overallComment} onChange={(event) => setOverallComment(event.target.value)} />

      <div className="total-bar">
        <span className="total" aria-live="polite" aria-atomic="true">
          Total: {total} / {max}
          <span className="meta"> ({gradedCount} of {rubric.criteria.length} criteria graded)</span>
        </span>
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Saving…' : (submitLabel ?? 'Save grade and send to LMS')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {outcome ? <p className={`notice notice-${outcome.kind}`}>{outcome.text}</p> : null}
      </div>
    </form>
  );
}
