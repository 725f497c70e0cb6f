'use client';

/**
 * One criterion of one student's grade, in the grade-by-criterion walk: the criterion's levels
 * as radio buttons, an optional comment, "Save and next". The choice is saved over the grade
 * version this page opened (every other criterion stays as stored). When another grader saved
 * meanwhile, their level for this criterion is shown and nothing is overwritten until the
 * instructor chooses. Leaving with an unsaved choice asks first.
 */
import { useRef, useState } from 'react';
import type { GradeConflictChoices } from '../../../domain/errors';
import type { Criterion } from '../../../domain/rubric';
import { SessionLink } from '../../_components/session-link';
import { sessionFetch } from '../../_lib/session-client';
import { chooseLevelByNumber, KeyboardShortcuts, useGradingShortcuts } from '../grading-shortcuts';
import { CriterionLevels } from '../criterion-levels';
import { LeaveWarningDialog, useLeaveWarning } from '../leave-warning';
import { useAssistant } from '../[submissionId]/assistant-context';
import { acceptedMessage, AssistantSuggestion, suggestionDescriptionId, suggestionFor } from '../[submissionId]/assistant-suggestion';

interface Props {
  submissionId: string;
  criterion: Criterion;
  basis: { gradeVersion: number; revision: number };
  initial: { levelId?: string; comment: string; released: boolean };
  previousHref?: string;
  /** The next student, the next criterion's first, or the end of the walk. */
  nextHref: string;
  nextLabel: string;
}

type Outcome = { kind: 'ok' | 'warn' | 'danger'; text: string } | null;

export function CriterionGrader({ submissionId, criterion, basis, initial, previousHref, nextHref, nextLabel }: Props) {
  const [levelId, setLevelId] = useState<string | undefined>(initial.levelId);
  const [comment, setComment] = useState(initial.comment);
  const [saved, setSaved] = useState({ levelId: initial.levelId, comment: initial.comment });
  const [baseVersion, setBaseVersion] = useState(basis.gradeVersion);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [conflict, setConflict] = useState<GradeConflictChoices | null>(null);
  const conflictHeading = useRef<HTMLHeadingElement>(null);
  const unsaved = levelId !== saved.levelId || comment.trim() !== saved.comment.trim();
  const leaveWarning = useLeaveWarning(unsaved);
  useGradingShortcuts({
    onNext: () => leaveWarning.requestLeave(nextHref),
    onPrevious: previousHref ? () => leaveWarning.requestLeave(previousHref) : undefined,
    onSaveAndNext: () => void (saving ? undefined : save(true)),
  });

  const assistant = useAssistant();
  const suggested = suggestionFor(assistant, criterion) !== undefined;

  const levelTitle = (id: string | undefined) => {
    const level = criterion.levels.find((candidate) => candidate.id === id);
    return level ? `${level.label} (${level.points} ${level.points === 1 ? 'point' : 'points'})` : 'no level';
  };

  async function save(thenNext: boolean) {
    if (!unsaved) {
      if (thenNext) leaveWarning.leaveNow(nextHref);
      else setOutcome({ kind: 'ok', text: 'Nothing to save: no changes.' });
      return;
    }
    setSaving(true);
    setOutcome({ kind: 'ok', text: 'Saving…' });
    try {
      const response = await sessionFetch(`/api/grading/submissions/${submissionId}/criteria/${criterion.id}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ levelId: levelId ?? null, comment, baseVersion, revision: basis.revision }),
      }).catch(() => null);
      if (!response) {
        setOutcome({ kind: 'danger', text: 'You seem to be offline. Nothing was saved; try again when the connection is back.' });
        return;
      }
      const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
      if (response.status === 409 && body?.code === 'GRADE_CONFLICT' && body.currentGrade) {
        setConflict(body.currentGrade as GradeConflictChoices);
        setOutcome({ kind: 'danger', text: 'Not saved: someone else saved this student’s grade after you opened it.' });
        setTimeout(() => conflictHeading.current?.focus(), 0);
        return;
      }
      if (!response.ok) {
        const message = typeof body?.message === 'string' ? body.message : 'The choice could not be saved. Please try again.';
        setOutcome({ kind: 'danger', text: `Not saved: ${message}` });
        return;
      }
      setSaved({ levelId, comment });
      if (typeof body?.version === 'number') setBaseVersion(body.version);
      setConflict(null);
      if (thenNext) {
        setOutcome({ kind: 'ok', text: 'Saved. Opening the next one…' });
        leaveWarning.leaveNow(nextHref);
        return;
      }
      setOutcome({
        kind: 'ok',
        text: `Saved: ${levelTitle(levelId)}. ${body?.released === true ? 'The change follows the released grade to the LMS.' : 'The grade stays a draft until you release it.'}`,
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      onSubmit={(event) => {
        // Enter on a level submits a form implicitly; saving takes its button or shortcut.
        event.preventDefault();
      }}
      noValidate
    >
      {conflict ? (
        <div className="notice notice-warn" role="alert">
          <h3 ref={conflictHeading} tabIndex={-1}>
            {conflict.gradedByName ?? 'Another grader'} saved this grade meanwhile
          </h3>
          <p>
            Their level for {criterion.title}: <strong>{levelTitle(conflict.selections[criterion.id])}</strong>. Yours:{' '}
            <strong>{levelTitle(levelId)}</strong>. Their choices on the other criteria are kept either way.
          </p>
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                setBaseVersion(conflict.version);
                setConflict(null);
                setOutcome({ kind: 'warn', text: 'Your choice is kept. Save to put it over their grade for this criterion.' });
              }}
            >
              Keep my choice
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                const theirs = conflict.selections[criterion.id];
                const theirComment = conflict.criterionComments[criterion.id] ?? '';
                setLevelId(theirs);
                setComment(theirComment);
                setSaved({ levelId: theirs, comment: theirComment });
                setBaseVersion(conflict.version);
                setConflict(null);
                setOutcome({ kind: 'ok', text: 'The form now shows their choice.' });
              }}
            >
              Use theirs
            </button>
          </div>
        </div>
      ) : null}
      <fieldset
        className="criterion"
        aria-describedby={`walk-criterion-description${suggested ? ` ${suggestionDescriptionId(criterion.id)}` : ''}`}
        onKeyDown={(event) => chooseLevelByNumber(event, criterion.levels.map((level) => level.id), setLevelId)}
      >
        <legend>{criterion.title}</legend>
        <p className="description" id="walk-criterion-description">
          {criterion.description}
        </p>
        <AssistantSuggestion
          criterion={criterion}
          selectedLevelId={levelId}
          onAccept={(accepted) => {
            // Chosen in the form only; "Save" or "Save and next" saves it.
            setLevelId(accepted[0]?.levelId);
            setOutcome({ kind: 'ok', text: acceptedMessage({ criteria: [criterion] }, accepted) });
          }}
        />
        <CriterionLevels criterion={criterion} name={`level-${criterion.id}`} chosen={levelId} onChoose={setLevelId} />
        <label htmlFor="walk-comment">Comment on {criterion.title.toLowerCase()} (optional)</label>
        <textarea id="walk-comment" rows={2} value={comment} onChange={(event) => setComment(event.target.value)} />
      </fieldset>
      <div className="total-bar">
        <button type="button" className="button" disabled={saving} aria-keyshortcuts="Alt+Enter" onClick={() => void save(true)}>
          {saving ? 'Saving…' : `Save and ${nextLabel === 'Finish' ? 'finish' : nextLabel.toLowerCase()}`}
        </button>
        <button type="button" className="button button-secondary" disabled={saving} onClick={() => void save(false)}>
          Save
        </button>
      </div>
      <nav className="pager" aria-label="Students">
        {/* With an unsaved choice, the leave warning catches these links and asks first. */}
        {previousHref ? <SessionLink href={previousHref}>Previous student</SessionLink> : <span />}
        <SessionLink href={nextHref}>{nextLabel}</SessionLink>
      </nav>
      <div role="status" aria-live="polite">
        {outcome ? <p className={`notice notice-${outcome.kind}`}>{outcome.text}</p> : null}
      </div>
      <KeyboardShortcuts
        items={[
          { keys: '1–9', action: 'On the levels: choose the first, second… level as listed' },
          { keys: 'Alt+Enter (⌥+Enter)', action: `Save and ${nextLabel.toLowerCase()}` },
          { keys: 'Alt+N (⌥+N)', action: `${nextLabel} (asks first when the choice is not saved)` },
          ...(previousHref ? [{ keys: 'Alt+P (⌥+P)', action: 'Previous student (asks first when the choice is not saved)' }] : []),
        ]}
      />
      <LeaveWarningDialog warning={leaveWarning} what="this criterion" />
    </form>
  );
}
