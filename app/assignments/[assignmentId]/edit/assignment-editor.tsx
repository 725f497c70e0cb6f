'use client';

/**
 * The instructor's assignment editor: texts (Markdown), guiding questions,
 * the rubric and the submission rules, with a preview of the student's view.
 *
 * - Saving sends the whole draft (PUT /api/assignments/:id). The server checks
 *   it and names each field to fix; those errors appear beside their fields
 *   and in a summary at the top whose links move focus to them.
 * - After a save the editor reloads the draft, so new items carry the ids the
 *   server gave them and a second save does not count as a rubric change.
 * - Lists are reordered with Move up / Move down buttons; focus follows the
 *   moved item and every change is announced.
 * - Leaving with unsaved changes asks first. In the LMS content picker flow
 *   (`placing`), "Add to course" waits until everything is saved.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ASSIGNMENT_LIMITS, type AssignmentDraft } from '../../../../domain/assignment';
import { SessionField } from '../../../_components/session-field';
import { sessionFetch } from '../../../_lib/session-client';
import { UnitBrief } from '../../../essay/unit-brief';
import { useIsBrowser } from '../../../essay/local-date-time';
import { describedBy, FieldError, ItemActions, TextField } from './fields';
import {
  criterionHighest,
  criterionKey,
  fieldsInOrder,
  fromDraft,
  idOf,
  isoToLocalInput,
  levelKey,
  localInputToIso,
  newKey,
  previewUnit,
  questionKey,
  rubricTotal,
  stableKeyOf,
  toDraft,
  type CriterionState,
  type EditorState,
  type FieldErrorMap,
  type LevelState,
  type QuestionState,
} from './editor-model';

const L = ASSIGNMENT_LIMITS;

interface Props {
  sessionToken: string;
  assignmentId: string;
  initialDraft: AssignmentDraft;
  initialRubricVersion: number;
  initialHasGrades: boolean;
  /** In the LMS content picker: offer "Add to course" once saved. */
  placing: boolean;
}

type Outcome = { kind: 'ok' | 'warn' | 'danger'; lines: string[] } | null;

const MARKDOWN_HINT = 'Formatting: **bold**, *italic*, - lists, [links](https://…). Leave a blank line between paragraphs.';

function moveItem<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const next = [...list];
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(index + delta, 0, item);
  return next;
}

function points(n: number): string {
  return `${n} ${n === 1 ? 'point' : 'points'}`;
}

function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The smallest whole number of points no level of the criterion uses yet. */
function unusedPoints(levels: readonly LevelState[]): string {
  const used = new Set(levels.map((level) => Number(level.points)));
  let candidate = 0;
  while (used.has(candidate)) candidate += 1;
  return String(candidate);
}

export function AssignmentEditor({ sessionToken, assignmentId, initialDraft, initialRubricVersion, initialHasGrades, placing }: Props) {
  const [initial] = useState(() => fromDraft(initialDraft));
  const [state, setState] = useState<EditorState>(initial);
  const [baseline, setBaseline] = useState(() => JSON.stringify(initial));
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [saving, setSaving] = useState(false);
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');
  const [announcement, setAnnouncement] = useState('');
  const [rubricVersion, setRubricVersion] = useState(initialRubricVersion);
  const [hasGrades, setHasGrades] = useState(initialHasGrades);
  /** Criteria whose guiding question was removed, so they fell back to the whole essay. */
  const [unlinked, setUnlinked] = useState<Record<string, true>>({});
  // Bumped with every focus request, so the focus effect runs even when nothing else changed.
  const [, setFocusRequests] = useState(0);
  const inBrowser = useIsBrowser();

  const dirty = JSON.stringify(state) !== baseline;
  const stateRef = useRef(state);
  stateRef.current = state;
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const focusAfterRender = useRef<string | null>(null);

  useEffect(() => {
    const id = focusAfterRender.current;
    if (!id) return;
    focusAfterRender.current = null;
    const element = document.getElementById(id);
    if (element) {
      element.focus();
      element.scrollIntoView({ block: 'center' });
    }
  });

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirtyRef.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  const focusSoon = (id: string) => {
    focusAfterRender.current = id;
    setFocusRequests((n) => n + 1);
  };

  const announce = (text: string) => {
    // Clearing first makes a repeated message ("Question 2 moved up…") be read again.
    setAnnouncement('');
    window.setTimeout(() => setAnnouncement(text), 50);
  };

  const patch = (change: Partial<EditorState>) => setState((current) => ({ ...current, ...change }));

  const patchQuestion = (key: string, change: Partial<QuestionState>) =>
    setState((current) => ({
      ...current,
      questions: current.questions.map((q) => (q.key === key ? { ...q, ...change } : q)),
    }));

  const patchCriterion = (key: string, change: Partial<CriterionState>) =>
    setState((current) => ({
      ...current,
      criteria: current.criteria.map((c) => (c.key === key ? { ...c, ...change } : c)),
    }));

  const setLevels = (criterion: string, update: (levels: LevelState[]) => LevelState[]) =>
    setState((current) => ({
      ...current,
      criteria: current.criteria.map((c) => (c.key === criterion ? { ...c, levels: update(c.levels) } : c)),
    }));

  const patchLevel = (criterion: string, level: string, change: Partial<LevelState>) =>
    setLevels(criterion, (levels) => levels.map((l) => (l.key === level ? { ...l, ...change } : l)));

  // ---- guiding questions ----------------------------------------------------------------------

  function addQuestion() {
    const key = newKey('q');
    const index = state.questions.length;
    setState((current) => ({ ...current, questions: [...current.questions, { key, id: key, prompt: '', context: '' }] }));
    focusSoon(idOf(`guidingQuestions.${index}.prompt`));
    announce(`Question ${index + 1} added.`);
  }

  function removeQuestion(index: number) {
    const removed = state.questions[index];
    if (!removed) return;
    const affected = state.criteria.filter((c) => c.assesses === removed.id);
    setState((current) => ({
      ...current,
      questions: current.questions.filter((q) => q.key !== removed.key),
      criteria: current.criteria.map((c) => (c.assesses === removed.id ? { ...c, assesses: '' } : c)),
    }));
    if (affected.length > 0) {
      setUnlinked((current) => ({ ...current, ...Object.fromEntries(affected.map((c) => [c.key, true as const])) }));
    }
    const remaining = state.questions.length - 1;
    focusSoon(remaining === 0 ? 'add-question' : idOf(`guidingQuestions.${Math.min(index, remaining - 1)}.prompt`));
    const names = affected.map((c, i) => `“${c.title || `untitled criterion ${i + 1}`}”`).join(', ');
    announce(
      `Question ${index + 1} removed.` +
        (affected.length === 0
          ? ''
          : ` ${affected.length === 1 ? 'Criterion' : 'Criteria'} ${names} assessed it and now ${affected.length === 1 ? 'assesses' : 'assess'} the whole essay.`),
    );
  }

  function moveQuestion(index: number, delta: -1 | 1) {
    setState((current) => ({ ...current, questions: moveItem(current.questions, index, delta) }));
    const to = index + delta;
    const direction = to === 0 ? 'down' : to === state.questions.length - 1 ? 'up' : delta === -1 ? 'up' : 'down';
    focusSoon(`${idOf(`guidingQuestions.${to}`)}-${direction}`);
    announce(`Question ${index + 1} moved ${delta === -1 ? 'up' : 'down'} to position ${to + 1}.`);
  }

  // ---- criteria -------------------------------------------------------------------------------

  function addCriterion() {
    const key = newKey('c');
    const index = state.criteria.length;
    const scale = state.criteria[state.criteria.length - 1]?.levels ?? [
      { label: 'Met', points: '1' },
      { label: 'Not yet met', points: '0' },
    ];
    const levels = scale.map((level) => {
      const levelKeyValue = newKey('l');
      return { key: levelKeyValue, id: levelKeyValue, label: level.label, descriptor: '', points: level.points };
    });
    setState((current) => ({
      ...current,
      criteria: [...current.criteria, { key, id: key, title: '', description: '', assesses: '', levels }],
    }));
    focusSoon(idOf(`rubric.criteria.${index}.title`));
    announce(`Criterion ${index + 1} added, with the same levels as the one before it.`);
  }

  function removeCriterion(index: number) {
    const removed = state.criteria[index];
    if (!removed) return;
    setState((current) => ({ ...current, criteria: current.criteria.filter((c) => c.key !== removed.key) }));
    const remaining = state.criteria.length - 1;
    focusSoon(remaining === 0 ? 'add-criterion' : idOf(`rubric.criteria.${Math.min(index, remaining - 1)}.title`));
    announce(`Criterion ${index + 1}${removed.title ? ` “${removed.title}”` : ''} removed.`);
  }

  function moveCriterion(index: number, delta: -1 | 1) {
    setState((current) => ({ ...current, criteria: moveItem(current.criteria, index, delta) }));
    const to = index + delta;
    const direction = to === 0 ? 'down' : to === state.criteria.length - 1 ? 'up' : delta === -1 ? 'up' : 'down';
    focusSoon(`${idOf(`rubric.criteria.${to}`)}-${direction}`);
    announce(`Criterion ${index + 1} moved ${delta === -1 ? 'up' : 'down'} to position ${to + 1}.`);
  }

  // ---- levels ---------------------------------------------------------------------------------

  function addLevel(criterionIndex: number) {
    const criterion = state.criteria[criterionIndex];
    if (!criterion) return;
    const key = newKey('l');
    const index = criterion.levels.length;
    setLevels(criterion.key, (levels) => [...levels, { key, id: key, label: '', descriptor: '', points: unusedPoints(levels) }]);
    focusSoon(idOf(`rubric.criteria.${criterionIndex}.levels.${index}.label`));
    announce(`Level ${index + 1} added to criterion ${criterionIndex + 1}.`);
  }

  function removeLevel(criterionIndex: number, index: number) {
    const criterion = state.criteria[criterionIndex];
    const removed = criterion?.levels[index];
    if (!criterion || !removed) return;
    setLevels(criterion.key, (levels) => levels.filter((l) => l.key !== removed.key));
    const remaining = criterion.levels.length - 1;
    focusSoon(idOf(`rubric.criteria.${criterionIndex}.levels.${Math.min(index, remaining - 1)}.label`));
    announce(`Level ${index + 1} of criterion ${criterionIndex + 1} removed.`);
  }

  function moveLevel(criterionIndex: number, index: number, delta: -1 | 1) {
    const criterion = state.criteria[criterionIndex];
    if (!criterion) return;
    setLevels(criterion.key, (levels) => moveItem(levels, index, delta));
    const to = index + delta;
    const direction = to === 0 ? 'down' : to === criterion.levels.length - 1 ? 'up' : delta === -1 ? 'up' : 'down';
    focusSoon(`${idOf(`rubric.criteria.${criterionIndex}.levels.${to}`)}-${direction}`);
    announce(`Level ${index + 1} of criterion ${criterionIndex + 1} moved ${delta === -1 ? 'up' : 'down'} to position ${to + 1}.`);
  }

  // ---- saving ---------------------------------------------------------------------------------

  const reload = useCallback(async (): Promise<{ draft: AssignmentDraft; rubricVersion: number; hasGrades: boolean } | null> => {
    const response = await sessionFetch(`/api/assignments/${encodeURIComponent(assignmentId)}`, {
      cache: 'no-store',
    }).catch(() => null);
    if (!response?.ok) return null;
    const body = (await response.json().catch(() => null)) as { draft?: AssignmentDraft; rubricVersion?: number; hasGrades?: boolean } | null;
    if (!body?.draft || typeof body.rubricVersion !== 'number') return null;
    return { draft: body.draft, rubricVersion: body.rubricVersion, hasGrades: body.hasGrades === true };
  }, [assignmentId]);

  function showErrors(found: FieldErrorMap) {
    setErrors(found);
    setMode('edit');
    focusSoon('error-summary');
  }

  async function save() {
    if (saving) return;
    setOutcome(null);
    const sent = state;
    const built = toDraft(sent);
    if (!built.ok) {
      showErrors(built.errors);
      return;
    }
    setSaving(true);
    try {
      const response = await sessionFetch(`/api/assignments/${encodeURIComponent(assignmentId)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(built.draft),
      }).catch(() => null);
      if (!response) {
        setOutcome({ kind: 'danger', lines: ['You seem to be offline. Nothing was saved; your changes are still here. Try again when the connection is back.'] });
        return;
      }
      const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
      const fieldErrors = body?.fieldErrors as Record<string, string> | undefined;
      if (response.status === 422 && fieldErrors && Object.keys(fieldErrors).length > 0) {
        const mapped: FieldErrorMap = {};
        for (const [path, message] of Object.entries(fieldErrors)) {
          const key = stableKeyOf(path, sent);
          if (!(key in mapped)) mapped[key] = message;
        }
        showErrors(mapped);
        return;
      }
      if (!response.ok) {
        const message = typeof body?.message === 'string' ? body.message : 'The assignment could not be saved. Please try again.';
        setOutcome({ kind: 'danger', lines: [`Not saved: ${message}`] });
        return;
      }

      setBaseline(JSON.stringify(sent));
      setErrors({});
      setUnlinked({});
      const savedVersion = typeof body?.rubricVersion === 'number' ? body.rubricVersion : rubricVersion;
      const gradebook = body?.gradebook as { status?: string; message?: string } | undefined;
      const lines = ['Saved.'];
      if (body?.newRubricVersion === true) {
        lines.push(`Grading had begun, so this is rubric version ${savedVersion}; earlier grades keep their version.`);
      }
      if ((gradebook?.status === 'updated' || gradebook?.status === 'failed') && gradebook.message) lines.push(gradebook.message);
      setOutcome({ kind: gradebook?.status === 'failed' ? 'warn' : 'ok', lines });
      setRubricVersion(savedVersion);

      // New items get their permanent ids from the server; edits made meanwhile stay unsaved.
      const fresh = await reload();
      if (fresh && stateRef.current === sent) {
        const next = fromDraft(fresh.draft);
        setState(next);
        setBaseline(JSON.stringify(next));
        setRubricVersion(fresh.rubricVersion);
        setHasGrades(fresh.hasGrades);
      }
    } finally {
      setSaving(false);
    }
  }

  // ---- rendering ------------------------------------------------------------------------------

  const fields = fieldsInOrder(state);
  const known = new Set(fields.map((field) => field.key));
  const summary = [
    ...fields.filter((field) => errors[field.key]).map((field) => ({ ...field, message: errors[field.key]! })),
    // Errors for items removed since are gone; anything else the page has no field for is listed without a link.
    ...Object.entries(errors)
      .filter(([key]) => !known.has(key) && !key.startsWith('q/') && !key.startsWith('c/'))
      .map(([key, message]) => ({ key, id: '', label: 'Assignment', message })),
  ];
  const total = rubricTotal(state);
  const timeZone = inBrowser ? Intl.DateTimeFormat().resolvedOptions().timeZone : '';

  function goToField(id: string) {
    setMode('edit');
    focusSoon(id);
  }

  const questionLabel = (question: QuestionState, index: number) =>
    `Question ${index + 1}${question.prompt.trim() ? `: ${shorten(question.prompt, 70)}` : ''}`;

  return (
    <div className="editor">
      <div className="editor-toolbar">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            const next = mode === 'edit' ? 'preview' : 'edit';
            setMode(next);
            if (next === 'preview') focusSoon('preview-heading');
          }}
        >
          {mode === 'edit' ? 'Preview as a student' : 'Back to editing'}
        </button>
        <span className="save-state" data-state={dirty ? 'unsaved' : 'saved'}>
          {dirty ? 'Unsaved changes' : 'All changes saved'}
        </span>
        {hasGrades || rubricVersion > 1 ? <span className="meta">Rubric version {rubricVersion}</span> : null}
      </div>

      {hasGrades ? (
        <div className="notice notice-info">
          <p>
            Students have been graded with rubric version {rubricVersion}. If you change the rubric, saving makes version{' '}
            {rubricVersion + 1}: earlier grades keep their version, and you can regrade them from the grading view.
          </p>
        </div>
      ) : null}

      {summary.length > 0 ? (
        <div className="error-summary" id="error-summary" tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">
            {summary.length === 1 ? 'One thing needs fixing' : `${summary.length} things need fixing`} before the assignment
            can be saved
          </h2>
          <ul>
            {summary.map((item) => (
              <li key={item.key}>
                {item.id ? (
                  <a
                    href={`#${item.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      goToField(item.id);
                    }}
                  >
                    {item.label}: {item.message}
                  </a>
                ) : (
                  <span>
                    {item.label}: {item.message}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {mode === 'preview' ? (
        <section className="card editor-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading" tabIndex={-1}>
            Student preview
          </h2>
          <p className="hint">This is how students see the assignment, including changes you have not saved yet.</p>
          <div className="preview-frame">
            <p className="eyebrow">Essay assignment</p>
            <p className="preview-title">{state.title || 'Untitled assignment'}</p>
            {state.subtitle ? <p className="meta">{state.subtitle}</p> : null}
            <UnitBrief unit={previewUnit(state)} headingLevel={3} />
          </div>
        </section>
      ) : null}

      <form
        id="assignment-form"
        hidden={mode === 'preview'}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <section className="card" aria-labelledby="section-assignment">
          <h2 id="section-assignment">Assignment</h2>
          <TextField id={idOf('title')} label="Title" value={state.title} error={errors.title} onChange={(title) => patch({ title })} />
          <TextField
            id={idOf('subtitle')}
            label={
              <>
                Subtitle <span className="optional">(optional)</span>
              </>
            }
            value={state.subtitle}
            error={errors.subtitle}
            onChange={(subtitle) => patch({ subtitle })}
          />
          <TextField
            id={idOf('introduction')}
            label="Introduction"
            hint={MARKDOWN_HINT}
            multiline
            rows={7}
            value={state.introduction}
            error={errors.introduction}
            onChange={(introduction) => patch({ introduction })}
          />
          <TextField
            id={idOf('instructions')}
            label="Instructions (what to write)"
            hint={MARKDOWN_HINT}
            multiline
            rows={5}
            value={state.instructions}
            error={errors.instructions}
            onChange={(instructions) => patch({ instructions })}
          />
        </section>

        <section className="card" aria-labelledby="section-questions">
          <h2 id="section-questions">Guiding questions</h2>
          <p className="hint" id="questions-hint">
            Students answer every question in one essay. Between {L.minGuidingQuestions} and {L.maxGuidingQuestions} questions.
          </p>
          <FieldError id={`${idOf('guidingQuestions')}-error`} message={errors.guidingQuestions} />
          <ol
            className="editor-list"
            id={idOf('guidingQuestions')}
            tabIndex={-1}
            aria-describedby={describedBy('questions-hint', errors.guidingQuestions && `${idOf('guidingQuestions')}-error`)}
          >
            {state.questions.map((question, index) => {
              const path = `guidingQuestions.${index}`;
              return (
                <li key={question.key}>
                  <fieldset className="editor-item">
                    <legend>Question {index + 1}</legend>
                    <TextField
                      id={idOf(`${path}.prompt`)}
                      label="Question"
                      value={question.prompt}
                      error={errors[questionKey(question.key, 'prompt')] ?? errors[questionKey(question.key, 'id')]}
                      onChange={(prompt) => patchQuestion(question.key, { prompt })}
                    />
                    <TextField
                      id={idOf(`${path}.context`)}
                      label={
                        <>
                          Background for students <span className="optional">(optional, Markdown)</span>
                        </>
                      }
                      multiline
                      rows={3}
                      value={question.context}
                      error={errors[questionKey(question.key, 'context')]}
                      onChange={(context) => patchQuestion(question.key, { context })}
                    />
                    <ItemActions
                      idBase={idOf(path)}
                      name={`question ${index + 1}`}
                      index={index}
                      count={state.questions.length}
                      min={L.minGuidingQuestions}
                      onMove={(delta) => moveQuestion(index, delta)}
                      onRemove={() => removeQuestion(index)}
                    />
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            id="add-question"
            className="button button-secondary"
            onClick={addQuestion}
            disabled={state.questions.length >= L.maxGuidingQuestions}
          >
            Add question
          </button>
        </section>

        <section className="card" aria-labelledby={idOf('rubric')}>
          <h2 id={idOf('rubric')} tabIndex={-1}>
            Rubric
          </h2>
          <FieldError id={`${idOf('rubric')}-error`} message={errors.rubric} />
          <p className="rubric-total" aria-live="polite" aria-atomic="true">
            Total: {points(total)}
            <span className="meta"> (the highest level of each criterion, added up; the LMS gradebook counts out of this)</span>
          </p>
          <TextField
            id={idOf('rubric.title')}
            label={
              <>
                Rubric title <span className="optional">(optional)</span>
              </>
            }
            hint="Left empty, it becomes “<assignment title>: essay rubric”."
            value={state.rubricTitle}
            error={errors['rubric.title']}
            onChange={(rubricTitle) => patch({ rubricTitle })}
          />
          <FieldError id={`${idOf('rubric.criteria')}-error`} message={errors['rubric.criteria']} />
          <ol
            className="editor-list"
            id={idOf('rubric.criteria')}
            tabIndex={-1}
            aria-describedby={errors['rubric.criteria'] ? `${idOf('rubric.criteria')}-error` : undefined}
          >
            {state.criteria.map((criterion, index) => {
              const path = `rubric.criteria.${index}`;
              const levelsError = errors[criterionKey(criterion.key, 'levels')];
              const assessesId = idOf(`${path}.guidingQuestionId`);
              const assessesError = errors[criterionKey(criterion.key, 'guidingQuestionId')];
              const unlinkedNote = unlinked[criterion.key] && criterion.assesses === '';
              return (
                <li key={criterion.key}>
                  <fieldset className="editor-item criterion-editor">
                    <legend>Criterion {index + 1}</legend>
                    <ItemActions
                      className="item-actions-top"
                      idBase={idOf(path)}
                      name={`criterion ${index + 1}`}
                      index={index}
                      count={state.criteria.length}
                      min={L.minCriteria}
                      onMove={(delta) => moveCriterion(index, delta)}
                      onRemove={() => removeCriterion(index)}
                    />
                    <TextField
                      id={idOf(`${path}.title`)}
                      label="Criterion title"
                      value={criterion.title}
                      error={errors[criterionKey(criterion.key, 'title')] ?? errors[criterionKey(criterion.key, 'id')]}
                      onChange={(title) => patchCriterion(criterion.key, { title })}
                    />
                    <TextField
                      id={idOf(`${path}.description`)}
                      label={
                        <>
                          Description <span className="optional">(optional)</span>
                        </>
                      }
                      multiline
                      rows={2}
                      value={criterion.description}
                      error={errors[criterionKey(criterion.key, 'description')]}
                      onChange={(description) => patchCriterion(criterion.key, { description })}
                    />
                    <div className={`editor-field${assessesError ? ' has-error' : ''}`}>
                      <label htmlFor={assessesId}>Assesses</label>
                      {unlinkedNote ? (
                        <p className="hint" id={`${assessesId}-hint`}>
                          The question it assessed was removed, so it now assesses the whole essay. Choose another question
                          or remove this criterion.
                        </p>
                      ) : null}
                      <FieldError id={`${assessesId}-error`} message={assessesError} />
                      <select
                        id={assessesId}
                        value={criterion.assesses}
                        aria-invalid={assessesError ? true : undefined}
                        aria-describedby={describedBy(unlinkedNote && `${assessesId}-hint`, assessesError && `${assessesId}-error`)}
                        onChange={(event) => patchCriterion(criterion.key, { assesses: event.target.value })}
                      >
                        <option value="">The whole essay</option>
                        {state.questions.map((question, questionIndex) => (
                          <option key={question.key} value={question.id}>
                            {questionLabel(question, questionIndex)}
                          </option>
                        ))}
                        {criterion.assesses !== '' && !state.questions.some((q) => q.id === criterion.assesses) ? (
                          <option value={criterion.assesses}>A question that is no longer in the assignment</option>
                        ) : null}
                      </select>
                    </div>

                    <fieldset
                      className={`levels-editor${levelsError ? ' has-error' : ''}`}
                      id={idOf(`${path}.levels`)}
                      tabIndex={-1}
                      aria-describedby={describedBy(`${idOf(`${path}.levels`)}-hint`, levelsError && `${idOf(`${path}.levels`)}-error`)}
                    >
                      <legend>Levels of criterion {index + 1}</legend>
                      <p className="hint" id={`${idOf(`${path}.levels`)}-hint`}>
                        Each level needs different points; graders see them from the highest down. Highest level:{' '}
                        {points(criterionHighest(criterion))}.
                      </p>
                      <FieldError id={`${idOf(`${path}.levels`)}-error`} message={levelsError} />
                      <ol className="editor-list levels-list">
                        {criterion.levels.map((level, levelIndex) => {
                          const levelPath = `${path}.levels.${levelIndex}`;
                          return (
                            <li key={level.key}>
                              <fieldset className="level-editor">
                                <legend>
                                  Level {levelIndex + 1}
                                  <span className="visually-hidden"> of criterion {index + 1}</span>
                                </legend>
                                <div className="level-grid">
                                  <TextField
                                    id={idOf(`${levelPath}.label`)}
                                    label="Label"
                                    value={level.label}
                                    error={errors[levelKey(criterion.key, level.key, 'label')] ?? errors[levelKey(criterion.key, level.key, 'id')]}
                                    onChange={(label) => patchLevel(criterion.key, level.key, { label })}
                                  />
                                  <TextField
                                    id={idOf(`${levelPath}.points`)}
                                    label="Points"
                                    type="number"
                                    min={0}
                                    max={L.maxLevelPoints}
                                    value={level.points}
                                    error={errors[levelKey(criterion.key, level.key, 'points')]}
                                    onChange={(value) => patchLevel(criterion.key, level.key, { points: value })}
                                  />
                                  <TextField
                                    id={idOf(`${levelPath}.descriptor`)}
                                    label="Descriptor"
                                    multiline
                                    rows={2}
                                    value={level.descriptor}
                                    error={errors[levelKey(criterion.key, level.key, 'descriptor')]}
                                    onChange={(descriptor) => patchLevel(criterion.key, level.key, { descriptor })}
                                  />
                                </div>
                                <ItemActions
                                  idBase={idOf(levelPath)}
                                  name={`level ${levelIndex + 1} of criterion ${index + 1}`}
                                  index={levelIndex}
                                  count={criterion.levels.length}
                                  min={L.minLevels}
                                  onMove={(delta) => moveLevel(index, levelIndex, delta)}
                                  onRemove={() => removeLevel(index, levelIndex)}
                                />
                              </fieldset>
                            </li>
                          );
                        })}
                      </ol>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() => addLevel(index)}
                        disabled={criterion.levels.length >= L.maxLevels}
                      >
                        Add level<span className="visually-hidden"> to criterion {index + 1}</span>
                      </button>
                    </fieldset>

                  </fieldset>
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            id="add-criterion"
            className="button button-secondary"
            onClick={addCriterion}
            disabled={state.criteria.length >= L.maxCriteria}
          >
            Add criterion
          </button>
        </section>

        <section className="card" aria-labelledby="section-rules">
          <h2 id="section-rules">Rules</h2>
          <fieldset className="editor-group">
            <legend>Length</legend>
            <div className="field-pair">
              <TextField
                id={idOf('rules.minWords')}
                label="Minimum words"
                type="number"
                min={0}
                max={L.maxWords}
                value={state.minWords}
                error={errors['rules.minWords'] ?? errors.rules}
                onChange={(minWords) => patch({ minWords })}
              />
              <TextField
                id={idOf('rules.maxWords')}
                label="Maximum words"
                type="number"
                min={1}
                max={L.maxWords}
                value={state.maxWords}
                error={errors['rules.maxWords']}
                onChange={(maxWords) => patch({ maxWords })}
              />
            </div>
          </fieldset>
          <fieldset className="editor-group">
            <legend>Dates</legend>
            <p className="hint" id="dates-hint">
              Optional. Times are in your time zone{timeZone ? ` (${timeZone})` : ''}. Essays submitted after the due date are
              late but accepted until the cut-off; after the cut-off nothing more can be submitted.
            </p>
            <div className="field-pair">
              <DateTimeField
                id={idOf('rules.dueAt')}
                label="Due date"
                iso={state.dueAt}
                ready={inBrowser}
                error={errors['rules.dueAt']}
                onChange={(dueAt) => patch({ dueAt })}
              />
              <DateTimeField
                id={idOf('rules.cutoffAt')}
                label="Cut-off date"
                iso={state.cutoffAt}
                ready={inBrowser}
                error={errors['rules.cutoffAt']}
                onChange={(cutoffAt) => patch({ cutoffAt })}
              />
            </div>
          </fieldset>
          <div className={`editor-checkbox${errors['rules.allowResubmission'] ? ' has-error' : ''}`}>
            <input
              type="checkbox"
              id={idOf('rules.allowResubmission')}
              checked={state.allowResubmission}
              aria-describedby="resubmission-hint"
              onChange={(event) => patch({ allowResubmission: event.target.checked })}
            />
            <label htmlFor={idOf('rules.allowResubmission')}>Allow resubmission until the due date</label>
          </div>
          <p className="hint" id="resubmission-hint">
            Students can reopen a submitted essay that has not been graded yet, change it and submit it again.
          </p>
          <FieldError id={`${idOf('rules.allowResubmission')}-error`} message={errors['rules.allowResubmission']} />
        </section>
      </form>

      <div className="editor-savebar">
        <button type="button" className="button" disabled={saving} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save changes'}
        </button>
        <span className="save-state" data-state={dirty ? 'unsaved' : 'saved'}>
          {dirty ? 'Unsaved changes' : 'All changes saved'}
        </span>
      </div>
      <div role="status" aria-live="polite" className="editor-outcome">
        {outcome ? (
          <div className={`notice notice-${outcome.kind}`}>
            {outcome.lines.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        ) : null}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>

      {placing ? (
        <form method="post" action="/deep-link/complete" className="card add-to-course" aria-labelledby="add-heading">
          <h2 id="add-heading">Add it to your course</h2>
          <SessionField initialToken={sessionToken} />
          <input type="hidden" name="assignmentId" value={assignmentId} />
          <p className="hint" id="add-explanation">
            {dirty || saving
              ? 'Save your changes first: the course gets the assignment as it was last saved.'
              : 'The course gets the assignment as saved, with a gradebook column out of the rubric total. You then return to the LMS.'}
          </p>
          <button type="submit" className="button" disabled={dirty || saving} aria-describedby="add-explanation">
            Add to course
          </button>
        </form>
      ) : null}
    </div>
  );
}

function DateTimeField({
  id,
  label,
  iso,
  ready,
  error,
  onChange,
}: {
  id: string;
  label: string;
  iso: string;
  /** False on the server and while hydrating: the browser's time zone is not known yet. */
  ready: boolean;
  error?: string;
  onChange: (iso: string) => void;
}) {
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`editor-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label} <span className="optional">(optional)</span>
      </label>
      <FieldError id={`${id}-error`} message={error} />
      <input
        id={id}
        type="datetime-local"
        value={ready ? isoToLocalInput(iso) : ''}
        disabled={!ready}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy('dates-hint', errorId)}
        onChange={(event) => onChange(localInputToIso(event.target.value))}
      />
    </div>
  );
}
