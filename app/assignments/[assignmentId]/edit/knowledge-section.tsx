/**
 * The rubric assistant's knowledge: each guiding-question criterion's look-fors and the unit's fact
 * sheet. Long, so it sits behind a disclosure that opens by itself when one of its fields has an
 * error. Lists are comma-separated; identity and actor facts take one wrong name per line.
 */
import { useState, type Dispatch, type ReactNode } from 'react';
import { ASSIGNMENT_LIMITS as L } from '../../../../domain/assignment';
import type { UnitKnowledge } from '../../../../domain/assistant/knowledge';
import type { EditorAction } from './editor-reducer';
import { questionCriteria, type EditorState, type FactKind, type FactState } from './editor-state';
import { describedBy, FieldError, TextField } from './fields';
import { factKey, idOf, lookForKey, lookForsKey, type FieldErrorMap } from './field-paths';
import { listInfo, type ListRef } from './list-changes';
import { ListEditor } from './list-editor';

const FACTS = { kind: 'facts' } as const satisfies ListRef;

const KINDS: { value: FactKind; label: string }[] = [
  { value: 'date', label: 'A date (when something happened)' },
  { value: 'identity', label: 'What something was (and what it was not)' },
  { value: 'actor', label: 'Who did something' },
  { value: 'misnomer', label: 'A wrong name' },
];

interface Props {
  form: EditorState;
  errors: FieldErrorMap;
  /** The built-in unit's knowledge, for the reset; null for other units. */
  builtInKnowledge: UnitKnowledge | null;
  dispatch: Dispatch<EditorAction>;
}

export function KnowledgeSection({ form, errors, builtInKnowledge, dispatch }: Props) {
  const [open, setOpen] = useState(false);
  const hasErrors = Object.keys(errors).some((key) => key.startsWith('k/') || key.startsWith('knowledge'));
  const criteria = questionCriteria(form);
  const factsInfo = listInfo(form, FACTS);
  const factsId = idOf(factsInfo.path);

  return (
    <section className="card" aria-labelledby="section-knowledge">
      <h2 id="section-knowledge" tabIndex={-1}>
        Rubric assistant knowledge
      </h2>
      <p className="hint">
        What the assistant looks for when it suggests levels for each guiding question, and the facts it checks essays
        against. Without look-fors it still suggests the writing criteria.
      </p>
      <FieldError id="knowledge-error" message={errors.knowledge} />
      <details className="knowledge-details" open={open || hasErrors} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>Look-fors and fact sheet</summary>
        {builtInKnowledge ? (
          <p>
            <button type="button" id="reset-knowledge" className="button button-secondary button-small" onClick={() => dispatch({ type: 'resetKnowledge', knowledge: builtInKnowledge })}>
              Reset to the built-in knowledge
            </button>
          </p>
        ) : null}

        <h3>Look-fors</h3>
        {criteria.length === 0 ? <p className="hint">No criterion assesses a guiding question yet.</p> : null}
        {criteria.map((criterion) => {
          const list: ListRef = { kind: 'lookFors', criterion: criterion.id };
          const info = listInfo(form, list)!;
          const listId = idOf(info.path);
          const listError = errors[lookForsKey(criterion.id)];
          const title = criterion.title || 'Untitled criterion';
          return (
            <fieldset key={criterion.key} className="editor-group" id={listId} tabIndex={-1} aria-describedby={describedBy(listError && `${listId}-error`)}>
              <legend>Look-fors of “{title}”</legend>
              <FieldError id={`${listId}-error`} message={listError} />
              <ListEditor
                list={list}
                info={info}
                items={form.knowledge.lookFors[criterion.id] ?? []}
                dispatch={dispatch}
                addButton={{
                  id: `${listId}-add`,
                  className: 'button button-secondary button-small',
                  label: (
                    <>
                      Add look-for<span className="visually-hidden"> to “{title}”</span>
                    </>
                  ),
                }}
                renderItem={(lookFor, index, actions) => {
                  const path = `${info.path}.${index}`;
                  const set = (change: { label?: string; aliases?: string; part?: string }) =>
                    dispatch({ type: 'setLookFor', criterion: criterion.id, key: lookFor.key, change });
                  return (
                    <fieldset className="level-editor">
                      <legend>
                        Look-for {index + 1}
                        <span className="visually-hidden"> of “{title}”</span>
                      </legend>
                      <TextField id={idOf(`${path}.label`)} label="What a good answer mentions" value={lookFor.label} error={errors[lookForKey(lookFor.key, 'label')]} onChange={(label) => set({ label })} />
                      <TextField
                        id={idOf(`${path}.aliases`)}
                        label="How essays name it"
                        hint={`Separated by commas, up to ${L.maxAliases}: “NEP, New Economic Policy”.`}
                        value={lookFor.aliases}
                        error={errors[lookForKey(lookFor.key, 'aliases')]}
                        onChange={(aliases) => set({ aliases })}
                      />
                      <TextField
                        id={idOf(`${path}.part`)}
                        label={
                          <>
                            Part of the question <span className="optional">(optional)</span>
                          </>
                        }
                        hint="Such as “foreign policy”: a part students are reminded of when they leave it out."
                        value={lookFor.part}
                        error={errors[lookForKey(lookFor.key, 'part')]}
                        onChange={(part) => set({ part })}
                      />
                      {actions}
                    </fieldset>
                  );
                }}
              />
            </fieldset>
          );
        })}

        <h3>Fact sheet</h3>
        <p className="hint" id="facts-hint">
          Statements in an essay that contradict a fact are flagged for you, never marked down. Up to {L.maxFacts} facts.
        </p>
        <FieldError id={`${factsId}-error`} message={errors['knowledge.facts']} />
        <ListEditor
          list={FACTS}
          info={factsInfo}
          items={form.knowledge.facts}
          dispatch={dispatch}
          listAttributes={{ id: factsId, tabIndex: -1, 'aria-describedby': describedBy('facts-hint', errors['knowledge.facts'] && `${factsId}-error`) }}
          addButton={{ id: 'add-fact', className: 'button button-secondary', label: 'Add fact' }}
          renderItem={(fact, index, actions) => <FactEditor fact={fact} index={index} errors={errors} actions={actions} dispatch={dispatch} />}
        />
      </details>
    </section>
  );
}

interface FactEditorProps {
  fact: FactState;
  index: number;
  errors: FieldErrorMap;
  actions: ReactNode;
  dispatch: Dispatch<EditorAction>;
}

function FactEditor({ fact, index, errors, actions, dispatch }: FactEditorProps) {
  const path = `knowledge.facts.${index}`;
  const set = (change: Partial<Omit<FactState, 'key' | 'id' | 'extra'>>) => dispatch({ type: 'setFact', key: fact.key, change });
  const error = (field: string) => errors[factKey(fact.key, field)];
  const kindId = idOf(`${path}.kind`);
  const list = (field: 'subject' | 'action' | 'deed' | 'verbs' | 'wrongNames', label: ReactNode, hint: string, errorField: string = field) => (
    <TextField id={idOf(`${path}.${field}`)} label={label} hint={hint} value={fact[field]} error={error(errorField)} onChange={(value) => set({ [field]: value })} />
  );
  return (
    <fieldset className="editor-item">
      <legend>Fact {index + 1}</legend>
      <div className={`editor-field${error('kind') ? ' has-error' : ''}`}>
        <label htmlFor={kindId}>Kind of fact</label>
        <FieldError id={`${kindId}-error`} message={error('kind')} />
        <select id={kindId} value={fact.kind} aria-describedby={describedBy(error('kind') && `${kindId}-error`)} onChange={(event) => set({ kind: event.target.value as FactKind })}>
          {KINDS.map((kind) => (
            <option key={kind.value} value={kind.value}>
              {kind.label}
            </option>
          ))}
        </select>
      </div>
      <TextField id={idOf(`${path}.fact`)} label="The fact, as you will read it beside a flag" value={fact.fact} error={error('fact')} onChange={(value) => set({ fact: value })} />
      {fact.kind === 'date' ? (
        <>
          {list('subject', 'What it is about', 'Names, separated by commas: “Rapallo, Treaty of Rapallo”.')}
          {list('action', <>What happened <span className="optional">(optional)</span></>, 'Verbs, separated by commas, when the name alone is not enough: “died, death”.')}
          <TextField
            id={idOf(`${path}.years`)}
            label="Year or years"
            hint={`Separated by commas, from ${L.minYear} to ${L.maxYear}. Another year next to the name is flagged.`}
            value={fact.years}
            error={error('years')}
            onChange={(years) => set({ years })}
          />
        </>
      ) : null}
      {fact.kind === 'identity' ? (
        <>
          {list('subject', 'What it is about', 'Names, separated by commas: “Whites, White Army”.')}
          <TextField
            id={idOf(`${path}.wrongLines`)}
            label="Wrong names and what each says"
            hint="One per line: names separated by commas, a colon, then what the essay would be saying. “Mensheviks, Menshevik: the Whites were Mensheviks”."
            multiline
            rows={3}
            value={fact.wrongLines}
            error={error('wrong')}
            onChange={(wrongLines) => set({ wrongLines })}
          />
        </>
      ) : null}
      {fact.kind === 'actor' ? (
        <>
          {list('deed', 'What was done', 'Names of the deed, separated by commas: “NEP, New Economic Policy”.')}
          {list('verbs', 'Verbs that say who did it', 'Separated by commas: “introduced, launched”.')}
          <TextField
            id={idOf(`${path}.wrongLines`)}
            label="Wrong actors"
            hint="One per line: names separated by commas, then optionally a colon and the name to show. “Stalin, Joseph Stalin: Stalin”."
            multiline
            rows={3}
            value={fact.wrongLines}
            error={error('wrongActors')}
            onChange={(wrongLines) => set({ wrongLines })}
          />
        </>
      ) : null}
      {fact.kind === 'misnomer' ? (
        <>
          {list('wrongNames', 'Wrong names', 'Separated by commas: “New Economic Plan”.', 'wrong')}
          <TextField id={idOf(`${path}.says`)} label="What the wrong name says" value={fact.says} error={error('says')} onChange={(says) => set({ says })} />
        </>
      ) : null}
      {actions}
    </fieldset>
  );
}
