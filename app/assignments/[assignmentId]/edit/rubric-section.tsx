/** The rubric: its total, optional title and the criteria (each edited by CriterionEditor). */
import type { Dispatch } from 'react';
import { CriterionEditor, points } from './criterion-editor';
import type { EditorAction } from './editor-reducer';
import { rubricTotal, type EditorState } from './editor-state';
import { FieldError, TextField } from './fields';
import { idOf, type FieldErrorMap } from './field-paths';
import { listInfo, type ListRef } from './list-changes';
import { ListEditor } from './list-editor';

const CRITERIA = { kind: 'criteria' } as const satisfies ListRef;

interface Props {
  form: EditorState;
  errors: FieldErrorMap;
  /** Criteria whose guiding question was removed, so they fell back to the whole essay. */
  unlinked: Record<string, true>;
  dispatch: Dispatch<EditorAction>;
}

export function RubricSection({ form, errors, unlinked, dispatch }: Props) {
  const info = listInfo(form, CRITERIA);
  const listId = idOf(info.path);
  return (
    <section className="card" aria-labelledby={idOf('rubric')}>
      <h2 id={idOf('rubric')} tabIndex={-1}>
        Rubric
      </h2>
      <FieldError id={`${idOf('rubric')}-error`} message={errors.rubric} />
      <p className="rubric-total" aria-live="polite" aria-atomic="true">
        Total: {points(rubricTotal(form))}
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
        value={form.rubricTitle}
        error={errors['rubric.title']}
        onChange={(value) => dispatch({ type: 'set', field: 'rubricTitle', value })}
      />
      <FieldError id={`${listId}-error`} message={errors['rubric.criteria']} />
      <ListEditor
        list={CRITERIA}
        info={info}
        items={form.criteria}
        dispatch={dispatch}
        listAttributes={{
          id: listId,
          tabIndex: -1,
          'aria-describedby': errors['rubric.criteria'] ? `${listId}-error` : undefined,
        }}
        actionsClassName="item-actions-top"
        addButton={{ id: 'add-criterion', className: 'button button-secondary', label: 'Add criterion' }}
        renderItem={(criterion, index, actions) => (
          <CriterionEditor
            criterion={criterion}
            index={index}
            form={form}
            errors={errors}
            unlinked={unlinked[criterion.key] === true}
            actions={actions}
            dispatch={dispatch}
          />
        )}
      />
    </section>
  );
}
