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
      <div className={`editor-checkbox${errors['rules.allowResubmission'] ? ' has-error' : ''}`}>
        <input
          type="checkbox"
          id={idOf('rules.allowResubmission')}
          checked={form.allowResubmission}
          aria-describedby="resubmission-hint"
          onChange={(event) => dispatch({ type: 'set', field: 'allowResubmission', value: event.target.checked })}
        />
        <label htmlFor={idOf('rules.allowResubmission')}>Allow resubmission until the due date</label>
      </div>
      <p className="hint" id="resubmission-hint">
        Students can reopen a submitted essay that has not been graded yet, change it and submit it again.
      </p>
      <FieldError id={`${idOf('rules.allowResubmission')}-error`} message={errors['rules.allowResubmission']} />
      <div className="editor-checkbox">
        <input
          type="checkbox"
          id={idOf('rules.anonymousGrading')}
          checked={form.anonymousGrading}
          aria-describedby="anonymous-grading-hint"
          onChange={(event) => dispatch({ type: 'set', field: 'anonymousGrading', value: event.target.checked })}
        />
        <label htmlFor={idOf('rules.anonymousGrading')}>Anonymous grading</label>
      </div>
      <p className="hint" id="anonymous-grading-hint">
        Instructors see “Student 1”, “Student 2”… instead of names until someone reveals them in the submissions list.
        Grades are released after the reveal, or when you confirm releasing while names are hidden.
      </p>
      <div className="editor-checkbox">
        <input
          type="checkbox"
          id={idOf('rules.coverageWhileWriting')}
          checked={form.coverageWhileWriting}
          aria-describedby="coverage-hint"
          onChange={(event) => dispatch({ type: 'set', field: 'coverageWhileWriting', value: event.target.checked })}
        />
        <label htmlFor={idOf('rules.coverageWhileWriting')}>Let students check their coverage while writing</label>
      </div>
      <p className="hint" id="coverage-hint">
        Students can ask, while they write, which guiding questions their essay seems to answer. They always see this
        before submitting; it never shows a score.
      </p>
    </section>
  );
}
