/** The guiding questions: each one's prompt and optional background, in order. */
import type { Dispatch } from 'react';
import { ASSIGNMENT_LIMITS as L } from '../../../../domain/assignment';
import type { EditorAction } from './editor-reducer';
import type { EditorState } from './editor-state';
import { describedBy, FieldError, TextField } from './fields';
import { idOf, questionKey, type FieldErrorMap } from './field-paths';
import { listInfo, type ListRef } from './list-changes';
import { ListEditor } from './list-editor';

const QUESTIONS = { kind: 'questions' } as const satisfies ListRef;

interface Props {
  form: EditorState;
  errors: FieldErrorMap;
  dispatch: Dispatch<EditorAction>;
}

export function QuestionsSection({ form, errors, dispatch }: Props) {
  const info = listInfo(form, QUESTIONS);
  const listId = idOf(info.path);
  return (
    <section className="card" aria-labelledby="section-questions">
      <h2 id="section-questions">Guiding questions</h2>
      <p className="hint" id="questions-hint">
        Students answer every question in one essay. Between {L.minGuidingQuestions} and {L.maxGuidingQuestions} questions.
      </p>
      <FieldError id={`${listId}-error`} message={errors.guidingQuestions} />
      <ListEditor
        list={QUESTIONS}
        info={info}
        items={form.questions}
        dispatch={dispatch}
        listAttributes={{
          id: listId,
          tabIndex: -1,
          'aria-describedby': describedBy('questions-hint', errors.guidingQuestions && `${listId}-error`),
        }}
        addButton={{ id: 'add-question', className: 'button button-secondary', label: 'Add question' }}
        renderItem={(question, index, actions) => {
          const path = `${info.path}.${index}`;
          return (
            <fieldset className="editor-item">
              <legend>Question {index + 1}</legend>
              <TextField
                id={idOf(`${path}.prompt`)}
                label="Question"
                value={question.prompt}
                error={errors[questionKey(question.key, 'prompt')] ?? errors[questionKey(question.key, 'id')]}
                onChange={(prompt) => dispatch({ type: 'setQuestion', key: question.key, change: { prompt } })}
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
                onChange={(context) => dispatch({ type: 'setQuestion', key: question.key, change: { context } })}
              />
              {actions}
            </fieldset>
          );
        }}
      />
    </section>
  );
}
