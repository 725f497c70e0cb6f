/** Submission rules: word limits, due and cut-off dates (in the author's time zone), resubmission, the coverage check. */
import type { Dispatch } from 'react';
import { ASSIGNMENT_LIMITS as L } from '../../../../domain/assignment';
import type { EditorAction } from './editor-reducer';
import type { EditorState } from './editor-state';
import { DateTimeField, FieldError, TextField } from './fields';
import { idOf, type FieldErrorMap } from './field-paths';

interface Props {
  form: EditorState;
  errors: FieldErrorMap;
  /** True once hydrated in the browser, which knows the author's time zone. */
  inBrowser: boolean;
  dispatch: Dispatch<EditorAction>;
}

export function RulesSection({ form, errors, inBrowser, dispatch }: Props) {
  const timeZone = inBrowser ? Intl.DateTimeFormat().resolvedOptions().timeZone : '';
  return (
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
            value={form.minWords}
            error={errors['rules.minWords'] ?? errors.rules}
            onChange={(value) => dispatch({ type: 'set', field: 'minWords', value })}
          />
          <TextField
            id={idOf('rules.maxWords')}
            label="Maximum words"
            type="number"
            min={1}
            max={L.maxWords}
            value={form.maxWords}
            error={errors['rules.maxWords']}
            onChange={(value) => dispatch({ type: 'set', field: 'maxWords', value })}
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
            iso={form.dueAt}
            ready={inBrowser}
            hintId="dates-hint"
            error={errors['rules.dueAt']}
            onChange={(value) => dispatch({ type: 'set', field: 'dueAt', value })}
          />
          <DateTimeField
            id={idOf('rules.cutoffAt')}
            label="Cut-off date"
            iso={form.cutoffAt}
            ready={inBrowser}
            hintId="dates-hint"
            error={errors['rules.cutoffAt']}
            onChange={(value) => dispatch({ type: 'set', field: 'cutoffAt', value })}
          />
        </div>
      </fieldset>
      {RULE_FLAGS.map((flag) => (
        <RuleCheckbox key={flag.field} {...flag} form={form} errors={errors} dispatch={dispatch} />
      ))}
    </section>
  );
}

/** The rules that are yes or no. */
type RuleFlag = 'allowResubmission' | 'anonymousGrading' | 'coverageWhileWriting';

const RULE_FLAGS: { field: RuleFlag; label: string; hintId: string; hint: string }[] = [
  {
    field: 'allowResubmission',
    label: 'Allow resubmission until the due date',
    hintId: 'resubmission-hint',
    hint: 'Students can reopen a submitted essay that has not been graded yet, change it and submit it again.',
  },
  {
    field: 'anonymousGrading',
    label: 'Anonymous grading',
    hintId: 'anonymous-grading-hint',
    hint: 'Instructors see “Student 1”, “Student 2”… instead of names until someone reveals them in the submissions list. Grades are released after the reveal, or when you confirm releasing while names are hidden.',
  },
  {
    field: 'coverageWhileWriting',
    label: 'Let students check their coverage while writing',
    hintId: 'coverage-hint',
    hint: 'Students can ask, while they write, which guiding questions their essay seems to answer. They always see this before submitting; it never shows a score.',
  },
];

/** One yes/no rule: its checkbox and label, the hint under them, and its error when it has one. */
function RuleCheckbox({
  field,
  label,
  hintId,
  hint,
  form,
  errors,
  dispatch,
}: { field: RuleFlag; label: string; hintId: string; hint: string } & Omit<Props, 'inBrowser'>) {
  const id = idOf(`rules.${field}`);
  const error = errors[`rules.${field}`];
  return (
    <>
      <div className={`editor-checkbox${error ? ' has-error' : ''}`}>
        <input
          type="checkbox"
          id={id}
          checked={form[field]}
          aria-describedby={hintId}
          onChange={(event) => dispatch({ type: 'set', field, value: event.target.checked })}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <p className="hint" id={hintId}>
        {hint}
      </p>
      <FieldError id={`${id}-error`} message={error} />
    </>
  );
}
