/**
 * Form pieces for the assignment editor: a labelled input or textarea with
 * its hint and error beside it, and a date-time input in the author's time
 * zone. Errors are tied to their control with aria-describedby and
 * aria-invalid.
 */
import type { ReactNode } from 'react';
import { isoToLocalInput, localInputToIso } from './editor-state';

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

interface DateTimeFieldProps {
  id: string;
  label: string;
  iso: string;
  /** False on the server and while hydrating: the browser's time zone is not known yet. */
  ready: boolean;
  /** The id of the hint shared by the date fields. */
  hintId: string;
  error?: string;
  onChange: (iso: string) => void;
}

export function DateTimeField({ id, label, iso, ready, hintId, error, onChange }: DateTimeFieldProps) {
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
        aria-describedby={describedBy(hintId, errorId)}
        onChange={(event) => onChange(localInputToIso(event.target.value))}
      />
    </div>
  );
}
