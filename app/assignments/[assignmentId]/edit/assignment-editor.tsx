'use client';

/**
 * The instructor's assignment editor: texts (Markdown), guiding questions,
 * the rubric, the submission rules and the rubric assistant's knowledge, with a preview of the student's view.
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
 *
 * Where things are: state and its changes in editor-reducer.ts and
 * list-changes.ts (pure), browser effects and saving in use-assignment-editor.ts,
 * the requests in save-assignment.ts, one component per section.
 */
import { UnitBrief } from '../../../essay/unit-brief';
import { useIsBrowser } from '../../../_components/date-time';
import { AddToCourse } from './add-to-course';
import { AssignmentSection } from './assignment-section';
import { previewUnit } from './editor-state';
import { ErrorSummary } from './error-summary';
import { errorSummaryOf } from './field-paths';
import type { UnitKnowledge } from '../../../../domain/assistant/knowledge';
import { KnowledgeSection } from './knowledge-section';
import { QuestionsSection } from './questions-section';
import { RubricSection } from './rubric-section';
import { RulesSection } from './rules-section';
import { useAssignmentEditor, type EditorSetup } from './use-assignment-editor';

interface Props extends EditorSetup {
  /** For the "Add to course" form post; requests go through the session client. */
  sessionToken: string;
  /** In the LMS content picker: offer "Add to course" once saved. */
  placing: boolean;
  /** The built-in unit's knowledge when this is the built-in unit (for "Reset"), else null. */
  builtInKnowledge: UnitKnowledge | null;
}

export function AssignmentEditor({ sessionToken, placing, builtInKnowledge, ...setup }: Props) {
  const { store, dispatch, dirty, spoken, save } = useAssignmentEditor(setup);
  const { form, errors, mode, outcome, saving, rubricVersion, hasGrades } = store;
  const inBrowser = useIsBrowser();
  const saveState = (
    <span className="save-state" data-state={dirty ? 'unsaved' : 'saved'}>
      {dirty ? 'Unsaved changes' : 'All changes saved'}
    </span>
  );

  return (
    <div className="editor">
      <div className="editor-toolbar">
        <button type="button" className="button button-secondary" onClick={() => dispatch({ type: 'toggleMode' })}>
          {mode === 'edit' ? 'Preview as a student' : 'Back to editing'}
        </button>
        {saveState}
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

      <ErrorSummary items={errorSummaryOf(form, errors)} onGoToField={(id) => dispatch({ type: 'goToField', id })} />

      {mode === 'preview' ? (
        <section className="card editor-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading" tabIndex={-1}>
            Student preview
          </h2>
          <p className="hint">This is how students see the assignment, including changes you have not saved yet.</p>
          <div className="preview-frame">
            <p className="eyebrow">Essay assignment</p>
            <p className="preview-title">{form.title || 'Untitled assignment'}</p>
            {form.subtitle ? <p className="meta">{form.subtitle}</p> : null}
            <UnitBrief unit={previewUnit(form)} headingLevel={3} />
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
        <AssignmentSection form={form} errors={errors} dispatch={dispatch} />
        <QuestionsSection form={form} errors={errors} dispatch={dispatch} />
        <RubricSection form={form} errors={errors} unlinked={store.unlinked} dispatch={dispatch} />
        <RulesSection form={form} errors={errors} inBrowser={inBrowser} dispatch={dispatch} />
        <KnowledgeSection form={form} errors={errors} builtInKnowledge={builtInKnowledge} dispatch={dispatch} />
      </form>

      <div className="editor-savebar">
        <button type="button" className="button" disabled={saving} onClick={() => void save()}>
          {saving ? 'Saving…' : 'Save changes'}
        </button>
        {saveState}
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
        {spoken}
      </div>

      {placing ? <AddToCourse sessionToken={sessionToken} assignmentId={setup.assignmentId} blocked={dirty || saving} /> : null}
    </div>
  );
}
