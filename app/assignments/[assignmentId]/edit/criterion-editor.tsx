/** One criterion of the rubric: title, description, the question it assesses, and its levels. */
import type { Dispatch, ReactNode } from 'react';
import { ASSIGNMENT_LIMITS as L } from '../../../../domain/assignment';
import type { EditorAction } from './editor-reducer';
import { criterionHighest, type CriterionState, type EditorState, type QuestionState } from './editor-state';
import { describedBy, FieldError, TextField } from './fields';
import { criterionKey, idOf, levelKey, type FieldErrorMap } from './field-paths';
import { listInfo, type ListRef } from './list-changes';
import { ListEditor } from './list-editor';

export function points(n: number): string {
  return `${n} ${n === 1 ? 'point' : 'points'}`;
}

function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function questionLabel(question: QuestionState, index: number): string {
  return `Question ${index + 1}${question.prompt.trim() ? `: ${shorten(question.prompt, 70)}` : ''}`;
}

interface Props {
  criterion: CriterionState;
  index: number;
  form: EditorState;
  errors: FieldErrorMap;
  /** Its question was removed, so it now assesses the whole essay. */
  unlinked: boolean;
  /** Its Move / Remove buttons, from the list of criteria. */
  actions: ReactNode;
  dispatch: Dispatch<EditorAction>;
}

export function CriterionEditor({ criterion, index, form, errors, unlinked, actions, dispatch }: Props) {
  const { questions } = form;
  const path = `rubric.criteria.${index}`;
  const levelsList: ListRef = { kind: 'levels', criterion: criterion.key };
  const levelsInfo = listInfo(form, levelsList)!;
  const levelsId = idOf(levelsInfo.path);
  const levelsError = errors[criterionKey(criterion.key, 'levels')];
  const assessesId = idOf(`${path}.guidingQuestionId`);
  const assessesError = errors[criterionKey(criterion.key, 'guidingQuestionId')];
  const unlinkedNote = unlinked && criterion.assesses === '';
  const change = (value: Partial<Pick<CriterionState, 'title' | 'description' | 'assesses'>>) =>
    dispatch({ type: 'setCriterion', key: criterion.key, change: value });

  return (
    <fieldset className="editor-item criterion-editor">
      <legend>Criterion {index + 1}</legend>
      {actions}
      <TextField
        id={idOf(`${path}.title`)}
        label="Criterion title"
        value={criterion.title}
        error={errors[criterionKey(criterion.key, 'title')] ?? errors[criterionKey(criterion.key, 'id')]}
        onChange={(title) => change({ title })}
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
        onChange={(description) => change({ description })}
      />
      <div className={`editor-field${assessesError ? ' has-error' : ''}`}>
        <label htmlFor={assessesId}>Assesses</label>
        {unlinkedNote ? (
          <p className="hint" id={`${assessesId}-hint`}>
            The question it assessed was removed, so it now assesses the whole essay. Choose another question or remove
            this criterion.
          </p>
        ) : null}
        <FieldError id={`${assessesId}-error`} message={assessesError} />
        <select
          id={assessesId}
          value={criterion.assesses}
          aria-invalid={assessesError ? true : undefined}
          aria-describedby={describedBy(unlinkedNote && `${assessesId}-hint`, assessesError && `${assessesId}-error`)}
          onChange={(event) => change({ assesses: event.target.value })}
        >
          <option value="">The whole essay</option>
          {questions.map((question, questionIndex) => (
            <option key={question.key} value={question.id}>
              {questionLabel(question, questionIndex)}
            </option>
          ))}
          {criterion.assesses !== '' && !questions.some((q) => q.id === criterion.assesses) ? (
            <option value={criterion.assesses}>A question that is no longer in the assignment</option>
          ) : null}
        </select>
      </div>

      <fieldset
        className={`levels-editor${levelsError ? ' has-error' : ''}`}
        id={levelsId}
        tabIndex={-1}
        aria-describedby={describedBy(`${levelsId}-hint`, levelsError && `${levelsId}-error`)}
      >
        <legend>Levels of criterion {index + 1}</legend>
        <p className="hint" id={`${levelsId}-hint`}>
          Each level needs different points; graders see them from the highest down. Highest level:{' '}
          {points(criterionHighest(criterion))}.
        </p>
        <FieldError id={`${levelsId}-error`} message={levelsError} />
        <ListEditor
          list={levelsList}
          info={levelsInfo}
          items={criterion.levels}
          dispatch={dispatch}
          listAttributes={{ className: 'levels-list' }}
          addButton={{
            className: 'button button-secondary button-small',
            label: (
              <>
                Add level<span className="visually-hidden"> to criterion {index + 1}</span>
              </>
            ),
          }}
          renderItem={(level, levelIndex, levelActions) => {
            const levelPath = `${levelsInfo.path}.${levelIndex}`;
            const setLevel = (value: Partial<Pick<typeof level, 'label' | 'points' | 'descriptor'>>) =>
              dispatch({ type: 'setLevel', criterion: criterion.key, key: level.key, change: value });
            return (
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
                    onChange={(label) => setLevel({ label })}
                  />
                  <TextField
                    id={idOf(`${levelPath}.points`)}
                    label="Points"
                    type="number"
                    min={0}
                    max={L.maxLevelPoints}
                    value={level.points}
                    error={errors[levelKey(criterion.key, level.key, 'points')]}
                    onChange={(value) => setLevel({ points: value })}
                  />
                  <TextField
                    id={idOf(`${levelPath}.descriptor`)}
                    label="Descriptor"
                    multiline
                    rows={2}
                    value={level.descriptor}
                    error={errors[levelKey(criterion.key, level.key, 'descriptor')]}
                    onChange={(descriptor) => setLevel({ descriptor })}
                  />
                </div>
                {levelActions}
              </fieldset>
            );
          }}
        />
      </fieldset>
    </fieldset>
  );
}
