/**
 * Form pieces for the assignment editor: a labelled input or textarea with
 * its hint and error beside it, and the Move up / Move down / Remove buttons
 * of a list item. Errors are tied to their control with aria-describedby and
 * aria-invalid.
 */
import type { ReactNode } from 'react';

export function describedBy(...ids: (string | false | undefined | null)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return list.length > 0 ? list.join(' ') : undefined;
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

interface TextFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'number';
  min?: number;
  max?: number;
  className?: string;
}

export function TextField({ id, label, value, onChange, error, hint, multiline, rows = 4, type = 'text', min, max, className }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const common = {
    id,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(hintId, errorId),
  } as const;
  return (
    <div className={`editor-field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
      {multiline ? (
        <textarea {...common} rows={rows} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          inputMode={type === 'number' ? 'decimal' : undefined}
          min={min}
          max={max}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </div>
  );
}

interface ItemActionsProps {
  /** The item's element id; the buttons are `<idBase>-up`, `-down` and `-remove`. */
  idBase: string;
  /** "question 2", for screen readers: the visible words stay short. */
  name: string;
  index: number;
  count: number;
  min: number;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  className?: string;
}

export function ItemActions({ idBase, name, index, count, min, onMove, onRemove, className }: ItemActionsProps) {
  return (
    <div className={className ? `item-actions ${className}` : 'item-actions'}>
      <button type="button" id={`${idBase}-up`} className="button button-secondary button-small" disabled={index === 0} onClick={() => onMove(-1)}>
        Move up<span className="visually-hidden"> {name}</span>
      </button>
      <button
        type="button"
        id={`${idBase}-down`}
        className="button button-secondary button-small"
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      >
        Move down<span className="visually-hidden"> {name}</span>
      </button>
      <button type="button" id={`${idBase}-remove`} className="button button-secondary button-small button-remove" disabled={count <= min} onClick={onRemove}>
        Remove<span className="visually-hidden"> {name}</span>
      </button>
    </div>
  );
}
