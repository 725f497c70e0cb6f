'use client';

/**
 * The comment bank in the grading view: one list of saved comments for the whole page (the
 * instructor's own for this course, then the unit's starter comments), a search field with a
 * listbox to insert a saved comment by typing (the ARIA combobox pattern), a button that saves
 * any comment to the bank, and a manager to edit and delete the instructor's own entries.
 */
import { createContext, useContext, useId, useMemo, useState, type ReactNode } from 'react';
import { searchBank, type BankEntry } from '../../../domain/comment-bank';
import type { Rubric } from '../../../domain/rubric';
import { sessionFetch } from '../../_lib/session-client';

interface BankApi {
  entries: BankEntry[];
  rubric: Rubric;
  criterionTitle: (criterionId: string | undefined) => string;
  save: (text: string, criterionId: string | undefined) => Promise<string>;
  edit: (id: string, text: string, criterionId: string | undefined) => Promise<string | null>;
  remove: (id: string) => Promise<string | null>;
}

const BankContext = createContext<BankApi | null>(null);

async function messageOf(response: Response | null, fallback: string): Promise<string> {
  if (!response) return 'You seem to be offline. Nothing was saved; try again when the connection is back.';
  const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
  return typeof body?.message === 'string' ? body.message : fallback;
}

export function CommentBankProvider({ initialEntries, rubric, children }: { initialEntries: BankEntry[]; rubric: Rubric; children: ReactNode }) {
  const [entries, setEntries] = useState(initialEntries);
  const api = useMemo<BankApi>(
    () => ({
      entries,
      rubric,
      criterionTitle: (criterionId) => rubric.criteria.find((c) => c.id === criterionId)?.title ?? 'General',
      async save(text, criterionId) {
        const response = await sessionFetch('/api/grading/comment-bank', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ text, criterionId: criterionId ?? null }),
        }).catch(() => null);
        if (!response?.ok) return `Not saved to the comment bank: ${await messageOf(response, 'please try again.')}`;
        const { entry } = (await response.json()) as { entry: BankEntry };
        setEntries((current) => [entry, ...current.filter((e) => e.id !== entry.id)]);
        return 'Saved to your comment bank.';
      },
      async edit(id, text, criterionId) {
        const response = await sessionFetch(`/api/grading/comment-bank/${encodeURIComponent(id)}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ text, criterionId: criterionId ?? null }),
        }).catch(() => null);
        if (!response?.ok) return `Not saved: ${await messageOf(response, 'please try again.')}`;
        const { entry } = (await response.json()) as { entry: BankEntry };
        setEntries((current) => current.map((e) => (e.id === id ? entry : e)));
        return null;
      },
      async remove(id) {
        const response = await sessionFetch(`/api/grading/comment-bank/${encodeURIComponent(id)}`, { method: 'DELETE' }).catch(() => null);
        if (!response?.ok) return `Not deleted: ${await messageOf(response, 'please try again.')}`;
        setEntries((current) => current.filter((e) => e.id !== id));
        return null;
      },
    }),
    [entries, rubric],
  );
  return <BankContext.Provider value={api}>{children}</BankContext.Provider>;
}

export function useCommentBank(): BankApi | null {
  return useContext(BankContext);
}

const SHOWN_MATCHES = 8;

/**
 * A search field whose matches appear in a listbox: arrows move through them, Enter inserts the
 * active one, Escape closes the list. `onInsert` receives the comment's words.
 */
export function BankSearch({ label, criterionId, onInsert }: { label: string; criterionId?: string; onInsert: (text: string) => void }) {
  const bank = useCommentBank();
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState('');
  const matches = useMemo(() => (bank ? searchBank(bank.entries, query, criterionId).slice(0, SHOWN_MATCHES) : []), [bank, query, criterionId]);
  if (!bank) return null;
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const expanded = open && matches.length > 0;

  function choose(entry: BankEntry) {
    onInsert(entry.text);
    setQuery('');
    setOpen(false);
    setActive(-1);
    setAnnouncement('Comment inserted.');
  }

  return (
    <div className="bank-search">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={`${id}-hint`}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(-1);
          setAnnouncement('');
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            if (!expanded) {
              setOpen(true);
              setActive(event.key === 'ArrowDown' ? 0 : matches.length - 1);
              return;
            }
            const step = event.key === 'ArrowDown' ? 1 : -1;
            setActive((current) => (current + step + matches.length) % matches.length);
          } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
            if (expanded && active >= 0 && matches[active]) {
              event.preventDefault();
              choose(matches[active]);
            }
          } else if (event.key === 'Escape' && expanded) {
            event.preventDefault();
            event.stopPropagation();
            setOpen(false);
            setActive(-1);
          }
        }}
      />
      <p className="hint" id={`${id}-hint`}>
        Type to search your saved comments; arrow keys choose, Enter inserts.
      </p>
      <ul id={listId} role="listbox" aria-label={`${label}: matches`} className="bank-matches" hidden={!expanded}>
        {matches.map((entry, index) => (
          <li
            key={entry.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className="bank-match"
            // Keeps focus in the field, so the list does not close before the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(entry)}
          >
            <span className="bank-match-text">{entry.text}</span>
            <span className="bank-match-meta">
              {bank.criterionTitle(entry.criterionId)}
              {entry.starter ? ' · starter comment' : ''}
            </span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {announcement || (open && query !== '' ? `${matches.length === 0 ? 'No' : matches.length} saved comments match.` : '')}
      </p>
    </div>
  );
}

/** Saves the given words (with their criterion) to the instructor's bank. */
export function SaveToBank({ text, criterionId, what = 'comment' }: { text: string; criterionId?: string; what?: string }) {
  const bank = useCommentBank();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  if (!bank) return null;
  return (
    <span className="save-to-bank">
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={busy}
        onClick={async () => {
          if (text.trim() === '') {
            setStatus(`Write the ${what} first, then save it to the bank.`);
            return;
          }
          setBusy(true);
          setStatus(await bank.save(text, criterionId));
          setBusy(false);
        }}
      >
        Save {what} to bank
      </button>
      <span role="status" className="bank-status">
        {status}
      </span>
    </span>
  );
}

/**
 * Insert-from-bank and save-to-bank for one comment field of the rubric form, behind one
 * "Comment bank" button so the form stays calm and keyboard users pass each field in one stop.
 */
export function BankTools({
  label,
  criterionId,
  fieldId,
  text,
  onInsert,
}: {
  label: string;
  criterionId?: string;
  fieldId: string;
  text: string;
  onInsert: (text: string) => void;
}) {
  const bank = useCommentBank();
  const id = useId();
  const [open, setOpen] = useState(false);
  if (!bank) return null;
  const panelId = `${id}-panel`;
  return (
    <div className="bank-tools">
      <button
        type="button"
        className="button button-secondary button-small"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Comment bank: ${label}`}
        onClick={() => {
          setOpen(!open);
          // Straight into the search field, ready to type.
          if (!open) requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`#${CSS.escape(panelId)} input`)?.focus());
        }}
      >
        Comment bank
      </button>
      <div id={panelId} className="bank-tools-panel" hidden={!open}>
        {open ? (
          <>
            <BankSearch
              label={`Insert from comment bank (${label})`}
              criterionId={criterionId}
              onInsert={(inserted) => {
                onInsert(inserted);
                // Back to the comment, ready to adapt the inserted words.
                requestAnimationFrame(() => {
                  const field = document.getElementById(fieldId);
                  if (field instanceof HTMLTextAreaElement) {
                    field.focus();
                    field.setSelectionRange(field.value.length, field.value.length);
                  }
                });
              }}
            />
            <SaveToBank text={text} criterionId={criterionId} />
          </>
        ) : null}
      </div>
    </div>
  );
}

/** Appends inserted words to a comment, a space or paragraph apart. */
export function appendComment(current: string, inserted: string): string {
  const trimmed = current.trimEnd();
  return trimmed === '' ? inserted : `${trimmed} ${inserted}`;
}
