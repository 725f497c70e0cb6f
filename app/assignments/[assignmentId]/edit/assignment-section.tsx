/** The editor's first section: the assignment's title, subtitle and its Markdown texts. */
import type { Dispatch } from 'react';
import type { EditorAction } from './editor-reducer';
import type { EditorState } from './editor-state';
import { idOf, type FieldErrorMap } from './field-paths';
import { TextField } from './fields';

export const MARKDOWN_HINT = 'Formatting: **bold**, *italic*, - lists, [links](https://…). Leave a blank line between paragraphs.';

interface Props {
  form: EditorState;
  errors: FieldErrorMap;
  dispatch: Dispatch<EditorAction>;
}

export function AssignmentSection({ form, errors, dispatch }: Props) {
  return (
    <section className="card" aria-labelledby="section-assignment">
      <h2 id="section-assignment">Assignment</h2>
      <TextField
        id={idOf('title')}
        label="Title"
        value={form.title}
        error={errors.title}
        onChange={(value) => dispatch({ type: 'set', field: 'title', value })}
      />
      <TextField
        id={idOf('subtitle')}
        label={
          <>
            Subtitle <span className="optional">(optional)</span>
          </>
        }
        value={form.subtitle}
        error={errors.subtitle}
        onChange={(value) => dispatch({ type: 'set', field: 'subtitle', value })}
      />
      <TextField
        id={idOf('introduction')}
        label="Introduction"
        hint={MARKDOWN_HINT}
        multiline
        rows={7}
        value={form.introduction}
        error={errors.introduction}
        onChange={(value) => dispatch({ type: 'set', field: 'introduction', value })}
      />
      <TextField
        id={idOf('instructions')}
        label="Instructions (what to write)"
        hint={MARKDOWN_HINT}
        multiline
        rows={5}
        value={form.instructions}
        error={errors.instructions}
        onChange={(value) => dispatch({ type: 'set', field: 'instructions', value })}
      />
    </section>
  );
}
