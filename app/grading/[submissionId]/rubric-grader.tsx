'use client';

/**
 * Grading with the rubric: one radio group per criterion, optional comments,
 * a running total. A grade is saved as a draft or released; a released grade
 * is queued for the LMS gradebook and this form follows it there, announcing
 * the outcome (sent, still trying, or why not sent, with a retry).
 * Releasing takes the release button or Ctrl+Enter (⌘+Enter), never a bare
 * Enter; leaving with unsaved changes asks first. A draft may leave criteria
 * unchosen; "Save and next" saves and opens the next student. Shortcuts are
 * listed on the page (grading-shortcuts.tsx). The rubric assistant's suggestions
 * (assistant-suggestion.tsx) can be accepted into the choices; they are saved only with the rest.
 * Why one file of ~400 lines: the choices, the saved snapshot, the grade version and the sync
 * follow-up are one form's state; the shortcuts, the leave warning and the conflict view are apart.
 */
import { useMemo, useRef, useState } from 'react';
import { findLevel, scoreRubric, type Rubric } from '../../../domain/rubric';
import { sessionFetch } from '../../_lib/session-client';
import { chooseLevelByNumber, KeyboardShortcuts, useGradingShortcuts } from '../grading-shortcuts';
import { AnonymousReleaseDialog } from '../anonymous-release-dialog';
import { CriterionLevels } from '../criterion-levels';
import { LeaveWarningDialog, useLeaveWarning } from '../leave-warning';
import { useAssistant } from './assistant-context';
import { acceptedMessage, AssistantSuggestion, AssistantSummary, suggestionDescriptionId, suggestionFor, type AcceptedLevel } from './assistant-suggestion';
import { appendComment, BankTools } from './comment-bank';
import { GradeConflict, type OtherGrade } from './grade-conflict';

/** The LMS status of the grade, as the sync API returns it. */
export interface SyncView {
  state: 'not-released' | 'queued' | 'sending' | 'retrying' | 'sent' | 'failed' | 'unavailable';
  message: string;
}

const FOLLOW_FOR_MS = 20_000;

/** What the form holds, comparable with what was last saved. */
function snapshotOf(selections: Record<string, string>, comments: Record<string, string>, overallComment: string): string {
  const nonEmpty = Object.fromEntries(Object.entries(comments).filter(([, comment]) => comment !== ''));
  return JSON.stringify([selections, nonEmpty, overallComment]);
}

interface Props {
  submissionId: string;
  rubric: Rubric;
  /** The save button's words; a regrade against a newer rubric version says so. */
  submitLabel?: string;
  /** What this page was opened on: the grade version (0: none yet) and the essay revision shown. */
  basis: { gradeVersion: number; revision: number };
  /** The grading pages of the students before and after this one in the class order. */
  previousHref?: string;
  nextHref?: string;
  initialGrade?: {
    selections: Record<string, string>;
    criterionComments: Record<string, string>;
    overallComment: string;
    released: boolean;
    sync?: SyncView;
  };
}

type Outcome = { kind: 'ok' | 'warn' | 'danger'; text: string } | null;

export function RubricGrader({ submissionId, rubric, submitLabel, basis, previousHref, nextHref, initialGrade }: Props) {
  const [selections, setSelections] = useState<Record<string, string>>(initialGrade?.selections ?? {});
  const [comments, setComments] = useState<Record<string, string>>(initialGrade?.criterionComments ?? {});
  const [overallComment, setOverallComment] = useState(initialGrade?.overallComment ?? '');
  const [saving, setSaving] = useState(false);
  const [missing, setMissing] = useState<string[]>([]);
  const [released, setReleased] = useState(initialGrade?.released ?? false);
  const [failed, setFailed] = useState(initialGrade?.sync?.state === 'failed');
  const [outcome, setOutcome] = useState<Outcome>(initialGrade?.sync ? describeSync(initialGrade.sync, null) : null);
  const current = snapshotOf(selections, comments, overallComment);
  const [savedSnapshot, setSavedSnapshot] = useState(current);
  const unsaved = current !== savedSnapshot;
  const leaveWarning = useLeaveWarning(unsaved);
  const primaryLabel = submitLabel ?? (released ? 'Save and update the LMS' : 'Save grade and send to LMS');
  // The grade version the next save is based on: another grader's newer save makes it a conflict.
  const [baseVersion, setBaseVersion] = useState(basis.gradeVersion);
  const [conflict, setConflict] = useState<OtherGrade | null>(null);
  // Set while the instructor is asked to confirm a release with names hidden (anonymous grading).
  const anonymousReleaseRef = useRef<HTMLDialogElement>(null);
  useGradingShortcuts({
    onNext: nextHref ? () => leaveWarning.requestLeave(nextHref) : undefined,
    onPrevious: previousHref ? () => leaveWarning.requestLeave(previousHref) : undefined,
    onSaveAndNext: nextHref ? () => void (saving ? undefined : save(false, { thenGoTo: nextHref })) : undefined,
  });

  // Only choices that name a level of this rubric count, so an out-of-date choice cannot break the page.
  const { total, max } = useMemo(() => {
    const fitting = Object.fromEntries(
      Object.entries(selections).filter(([criterionId, levelId]) => findLevel(rubric, criterionId, levelId) !== undefined),
    );
    return scoreRubric(rubric, fitting);
  }, [rubric, selections]);
  const gradedCount = rubric.criteria.filter((c) => selections[c.id]).length;
  const assistant = useAssistant();

  /** The rubric assistant's levels, chosen by the instructor's click: in the form only, not saved. */
  function acceptSuggestions(accepted: AcceptedLevel[]) {
    setSelections((current) => ({ ...current, ...Object.fromEntries(accepted.map((a) => [a.criterionId, a.levelId])) }));
    setOutcome({ kind: 'ok', text: acceptedMessage(rubric, accepted) });
  }

  /** Follows a released grade until the LMS has it, or says where it stands. */
  async function follow(score: string | null) {
    const deadline = Date.now() + FOLLOW_FOR_MS;
    for (;;) {
      const response = await sessionFetch(`/api/grading/submissions/${submissionId}/sync`).catch(() => null);
      const body = (await response?.json().catch(() => null)) as { sync?: SyncView | null } | null;
      const sync = body?.sync ?? null;
      const settled = sync && ['sent', 'failed', 'unavailable'].includes(sync.state);
      if (sync && (settled || Date.now() > deadline)) {
        setFailed(sync.state === 'failed');
        setOutcome(describeSync(sync, score));
        return;
      }
      if (Date.now() > deadline) {
        setOutcome({ kind: 'warn', text: 'The grade is saved and queued for the LMS; the submissions list shows when it arrives.' });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
  }

  async function save(release: boolean, options: { thenGoTo?: string; releaseWhileAnonymous?: boolean } = {}) {
    const notChosen = rubric.criteria.filter((c) => !selections[c.id]).map((c) => c.id);
    // Only what the student and the LMS will see must be whole; a draft may wait for the rest.
    const mustBeComplete = release || released;
    setMissing(mustBeComplete ? notChosen : []);
    if (mustBeComplete && notChosen.length > 0) {
      setOutcome({
        kind: 'danger',
        text: `Choose a level for every criterion before releasing the grade (${notChosen.length} left). You can save it as a draft meanwhile.`,
      });
      document.getElementById(`criterion-${notChosen[0]}`)?.focus();
      return;
    }
    setSaving(true);
    setOutcome({ kind: 'ok', text: 'Saving the grade…' });
    const sending = snapshotOf(selections, comments, overallComment);
    try {
      const response = await sessionFetch(`/api/grading/submissions/${submissionId}/grade`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          selections,
          criterionComments: comments,
          overallComment,
          release,
          baseVersion,
          revision: basis.revision,
          ...(options.releaseWhileAnonymous ? { releaseWhileAnonymous: true } : {}),
        }),
      }).catch(() => null);
      if (!response) {
        setOutcome({ kind: 'danger', text: 'You seem to be offline. The grade was not saved; try again when the connection is back.' });
        return;
      }
      const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
      if (response.status === 409 && body?.code === 'GRADE_CONFLICT' && body.currentGrade) {
        setConflict(body.currentGrade as OtherGrade);
        setOutcome({ kind: 'danger', text: 'Not saved: someone else saved a grade for this essay after you opened it. See their choices above.' });
        return;
      }
      if (response.status === 409 && body?.code === 'NAMES_HIDDEN') {
        setOutcome({ kind: 'warn', text: 'Not released yet: names are hidden (anonymous grading). Confirm to release anyway.' });
        anonymousReleaseRef.current?.showModal();
        return;
      }
      if (!response.ok) {
        const message = typeof body?.message === 'string' ? body.message : 'The grade could not be saved. Please try again.';
        setOutcome({ kind: 'danger', text: `Not saved: ${message}` });
        return;
      }
      setSavedSnapshot(sending);
      if (typeof body?.version === 'number') setBaseVersion(body.version);
      setConflict(null);
      const score = `${String(body?.total)} / ${String(body?.max)}`;
      if (options.thenGoTo) {
        setOutcome({ kind: 'ok', text: `Saved (${score}). Opening the next student…` });
        leaveWarning.leaveNow(options.thenGoTo);
        return;
      }
      if (body?.released !== true) {
        const left = notChosen.length > 0 ? ` ${notChosen.length} of ${rubric.criteria.length} criteria still to grade.` : '';
        setOutcome({ kind: 'ok', text: `Draft saved (${score}).${left} The student and the LMS see it once you release it.` });
        return;
      }
      setReleased(true);
      setOutcome({ kind: 'ok', text: `Grade saved (${score}). Sending it to the LMS gradebook…` });
      await follow(score);
    } finally {
      setSaving(false);
    }
  }

  async function retry() {
    setSaving(true);
    setOutcome({ kind: 'ok', text: 'Sending the grade to the LMS gradebook again…' });
    try {
      await sessionFetch('/api/grading/retry-failed', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ submissionId }),
      }).catch(() => null);
      await follow(null);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      onSubmit={(event) => {
        // Enter on a level or in a field submits a form implicitly; that must never release a grade.
        event.preventDefault();
      }}
      onKeyDown={(event) => {
        // The release shortcut: Ctrl+Enter (⌘+Enter on a Mac), from anywhere in the form.
        if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
        event.preventDefault();
        if (!saving) void save(true);
      }}
      noValidate
    >
      {conflict ? (
        <GradeConflict
          rubric={rubric}
          other={conflict}
          mine={selections}
          onUseTheirs={() => {
            setSelections(conflict.selections);
            setComments(conflict.criterionComments);
            setOverallComment(conflict.overallComment);
            setReleased(conflict.released);
            setBaseVersion(conflict.version);
            setConflict(null);
            setOutcome({ kind: 'ok', text: 'The form now shows their grade. Change it and save if you disagree.' });
          }}
          onKeepMine={() => {
            setBaseVersion(conflict.version);
            setReleased(conflict.released);
            setConflict(null);
            setOutcome({ kind: 'warn', text: 'Your choices are kept. Saving now replaces their grade.' });
          }}
        />
      ) : null}
      <AssistantSummary rubric={rubric} selections={selections} onAccept={acceptSuggestions} />
      {rubric.criteria.map((criterion) => {
        const isMissing = missing.includes(criterion.id) && !selections[criterion.id];
        const suggested = suggestionFor(assistant, criterion) !== undefined;
        return (
          <fieldset
            key={criterion.id}
            className="criterion"
            id={`criterion-${criterion.id}`}
            tabIndex={-1}
            onKeyDown={(event) =>
              chooseLevelByNumber(event, criterion.levels.map((level) => level.id), (levelId) =>
                setSelections((current) => ({ ...current, [criterion.id]: levelId })),
              )
            }
            aria-describedby={`criterion-${criterion.id}-description${isMissing ? ` criterion-${criterion.id}-error` : ''}${suggested ? ` ${suggestionDescriptionId(criterion.id)}` : ''}`}
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
            {/* Before the levels, so Tab from a level still goes straight to its comment. */}
            <AssistantSuggestion criterion={criterion} selectedLevelId={selections[criterion.id]} onAccept={acceptSuggestions} />
            <CriterionLevels
              criterion={criterion}
              name={criterion.id}
              chosen={selections[criterion.id]}
              onChoose={(levelId) => setSelections((current) => ({ ...current, [criterion.id]: levelId }))}
            />
            <label htmlFor={`comment-${criterion.id}`}>Comment on {criterion.title.toLowerCase()} (optional)</label>
            <textarea
              id={`comment-${criterion.id}`}
              rows={2}
              value={comments[criterion.id] ?? ''}
              onChange={(event) => setComments((current) => ({ ...current, [criterion.id]: event.target.value }))}
            />
            <BankTools
              label={criterion.title.toLowerCase()}
              criterionId={criterion.id}
              fieldId={`comment-${criterion.id}`}
              text={comments[criterion.id] ?? ''}
              onInsert={(text) => setComments((current) => ({ ...current, [criterion.id]: appendComment(current[criterion.id] ?? '', text) }))}
            />
          </fieldset>
        );
      })}

      <label htmlFor="overall-comment">Overall comment for the student (optional)</label>
      <textarea id="overall-comment" rows={4} value={overallComment} onChange={(event) => setOverallComment(event.target.value)} />
      <BankTools
        label="overall comment"
        fieldId="overall-comment"
        text={overallComment}
        onInsert={(text) => setOverallComment((current) => appendComment(current, text))}
      />

      <div className="total-bar">
        <span className="total" aria-live="polite" aria-atomic="true">
          Total: {total} / {max}
          <span className="meta"> ({gradedCount} of {rubric.criteria.length} criteria graded)</span>
        </span>
        <button
          type="button"
          className="button"
          disabled={saving}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          onClick={() => void save(true)}
        >
          {saving ? 'Saving…' : primaryLabel}
        </button>
        {released ? null : (
          <button type="button" className="button button-secondary" disabled={saving} onClick={() => void save(false)}>
            Save as draft
          </button>
        )}
        {nextHref ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={saving}
            aria-keyshortcuts="Alt+Enter"
            onClick={() => void save(false, { thenGoTo: nextHref })}
          >
            Save and next
          </button>
        ) : null}
      </div>
      <p className="hint">Shortcut for “{primaryLabel}”: Ctrl+Enter (⌘+Enter on a Mac).</p>
      <div role="status" aria-live="polite">
        {outcome ? <p className={`notice notice-${outcome.kind}`}>{outcome.text}</p> : null}
      </div>
      {failed ? (
        <button type="button" className="button button-secondary" disabled={saving} onClick={() => void retry()}>
          Retry sending to the LMS
        </button>
      ) : null}
      <KeyboardShortcuts
        items={[
          { keys: '1–9', action: 'On a criterion’s levels: choose the first, second… level as listed' },
          { keys: 'Ctrl+Enter (⌘+Enter)', action: primaryLabel },
          ...(nextHref ? [{ keys: 'Alt+Enter (⌥+Enter)', action: 'Save and next' }] : []),
          ...(nextHref ? [{ keys: 'Alt+N (⌥+N)', action: 'Next student (asks first when changes are not saved)' }] : []),
          ...(previousHref ? [{ keys: 'Alt+P (⌥+P)', action: 'Previous student (asks first when changes are not saved)' }] : []),
        ]}
      />
      <LeaveWarningDialog warning={leaveWarning} what="this grade" />
      <AnonymousReleaseDialog
        dialogRef={anonymousReleaseRef}
        idPrefix="anonymous-release"
        many={false}
        onConfirm={() => void save(true, { releaseWhileAnonymous: true })}
      />
    </form>
  );
}

/** Words for where a grade stands with the LMS. */
function describeSync(sync: SyncView, score: string | null): Outcome {
  const saved = score ? `Grade saved (${score})` : 'The grade is saved';
  switch (sync.state) {
    case 'sent':
      return { kind: 'ok', text: score ? `${saved} and sent to the LMS gradebook.` : 'This grade is in the LMS gradebook.' };
    case 'not-released':
      return { kind: 'ok', text: 'Draft grade: the student and the LMS see it once you release it.' };
    case 'failed':
      return { kind: 'warn', text: `${saved} in Inkwell, but not sent to the LMS gradebook: ${sync.message}` };
    case 'unavailable':
      return { kind: 'warn', text: `${saved} in Inkwell. ${sync.message}` };
    case 'retrying':
      return { kind: 'warn', text: `${saved}; the LMS has not taken it yet and Inkwell keeps trying. ${sync.message}` };
    default:
      return { kind: 'ok', text: `${saved}. It is waiting to be sent to the LMS gradebook.` };
  }
}
