'use client';

/**
 * Inline comments in the grading view. The essay is a read-only text box the instructor can
 * select in with the mouse or the keyboard (a caret moves with the arrow keys, Shift extends the
 * selection, Ctrl with them moves by word); "Add comment on selection" (Ctrl+Alt+M) opens a form
 * for the comment, its rubric criterion and the comment bank. Beside the text, the list of
 * comments in reading order: each can take the instructor to its passage (selected in the text),
 * be edited or deleted. Comments are anchored to the revision shown here (domain/inline-comments.ts).
 * Why one file of ~440 lines: the caret, the selection in the text and the comment form share one
 * state (which passage is selected, which comment is open), so splitting them would only pass it around.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { anchorText, criterionMark, inReadingOrder, type InlineComment } from '../../../domain/inline-comments';
import type { Rubric } from '../../../domain/rubric';
import { AnnotatedText, passageElementId, type NumberedComment } from '../../_components/annotated-text';
import { sessionFetch } from '../../_lib/session-client';
import { ConfirmDelete } from '../confirm-delete';
import { useAssistantPassages } from './assistant-context';
import { appendComment, BankSearch, SaveToBank } from './comment-bank';
import { ESSAY_ID_PREFIX, ESSAY_TEXT_ID, selectPassage } from './essay-range';

interface Props {
  submissionId: string;
  rubric: Rubric;
  /** The essay text shown (the latest revision) and its revision number. */
  text: string;
  revision: number;
  initialComments: InlineComment[];
  /** False while the student is writing: comments can be read, not added. */
  canComment: boolean;
}

interface Passage {
  start: number;
  end: number;
  quote: string;
}

type CommentForm =
  | { mode: 'new'; passage: Passage; text: string; criterionId: string }
  | { mode: 'edit'; id: string; number?: number; passage: Passage; text: string; criterionId: string };

type Status = { kind: 'ok' | 'danger'; text: string } | null;

const ID_PREFIX = ESSAY_ID_PREFIX;

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Characters of text from the start of `root` to a boundary point inside it. */
function offsetWithin(root: Node, node: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(root);
  range.setEnd(node, offset);
  return range.toString().length;
}

async function problemOf(response: Response | null): Promise<string> {
  if (!response) return 'You seem to be offline. Nothing was saved; try again when the connection is back.';
  const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
  return typeof body?.message === 'string' ? body.message : 'Something went wrong. Please try again.';
}

export function InlineComments({ submissionId, rubric, text, revision, initialComments, canComment }: Props) {
  const shown = useMemo(() => anchorText(text), [text]);
  const [comments, setComments] = useState(initialComments);
  const numbered: NumberedComment[] = useMemo(
    () => inReadingOrder(comments.filter((c) => c.revision === revision)).map((c, index) => ({ ...c, number: index + 1 })),
    [comments, revision],
  );
  const earlier = comments.filter((c) => c.revision !== revision);
  // The rubric assistant's evidence and fact flags, marked apart from the comments (assistant-context.tsx).
  const assistantPassages = useAssistantPassages();
  const regionRef = useRef<HTMLDivElement>(null);
  const textFieldRef = useRef<HTMLTextAreaElement>(null);
  const [selection, setSelection] = useState<Passage | null>(null);
  const [form, setForm] = useState<CommentForm | null>(null);
  const [formError, setFormError] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Where focus goes after the next render (the form's field, a new comment, the list).
  const [focusNext, setFocusNext] = useState<string | null>(null);

  useEffect(() => {
    if (!focusNext) return;
    const target = document.getElementById(focusNext);
    target?.focus();
    setFocusNext(null);
  }, [focusNext]);

  // The text box is for reading and selecting: nothing may change its text.
  useEffect(() => {
    const region = regionRef.current;
    if (!region || !canComment) return;
    const refuse = (event: Event) => event.preventDefault();
    const events = ['beforeinput', 'paste', 'cut', 'drop'] as const;
    for (const name of events) region.addEventListener(name, refuse);
    return () => {
      for (const name of events) region.removeEventListener(name, refuse);
    };
  }, [canComment]);

  // Follows the selection in the text; a selection elsewhere on the page leaves the last one.
  useEffect(() => {
    const onSelectionChange = () => {
      const region = regionRef.current;
      const current = document.getSelection();
      if (!region || !current || current.rangeCount === 0) return;
      const range = current.getRangeAt(0);
      if (!region.contains(range.startContainer) || !region.contains(range.endContainer)) return;
      if (range.collapsed) {
        setSelection(null);
        return;
      }
      const start = offsetWithin(region, range.startContainer, range.startOffset);
      const end = offsetWithin(region, range.endContainer, range.endOffset);
      const quote = shown.slice(start, end);
      setSelection(quote.trim() === '' ? null : { start, end, quote });
    };
    document.addEventListener('selectionchange', onSelectionChange);
    return () => document.removeEventListener('selectionchange', onSelectionChange);
  }, [shown]);

  function startComment() {
    if (!canComment) return;
    if (!selection) {
      setStatus({ kind: 'danger', text: 'Select a passage of the essay first, then add your comment.' });
      return;
    }
    setForm({ mode: 'new', passage: selection, text: '', criterionId: '' });
    setFormError('');
    setStatus(null);
    setFocusNext('inline-comment-text');
  }

  function onShortcut(event: KeyboardEvent<HTMLDivElement>) {
    if (event.ctrlKey && event.altKey && !event.shiftKey && !event.metaKey && event.code === 'KeyM') {
      event.preventDefault();
      startComment();
    }
  }

  function goToPassage(comment: NumberedComment) {
    const region = regionRef.current;
    if (!region) return;
    selectPassage(region, comment.start, comment.end, document.getElementById(passageElementId(ID_PREFIX, comment.id)));
    setStatus({ kind: 'ok', text: `The passage of comment ${comment.number} is selected in the essay.` });
  }

  async function submitForm() {
    if (!form || busy) return;
    if (form.text.trim() === '') {
      setFormError('Write a comment.');
      setFocusNext('inline-comment-text');
      return;
    }
    setBusy(true);
    setFormError('');
    try {
      const base = `/api/grading/submissions/${submissionId}/inline-comments`;
      const body = { text: form.text, criterionId: form.criterionId || null };
      const response =
        form.mode === 'new'
          ? await sessionFetch(base, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ ...body, revision, ...form.passage }),
            }).catch(() => null)
          : await sessionFetch(`${base}/${encodeURIComponent(form.id)}`, {
              method: 'PATCH',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify(body),
            }).catch(() => null);
      if (!response?.ok) {
        setFormError(`Not saved: ${await problemOf(response)}`);
        return;
      }
      const { comment } = (await response.json()) as { comment: InlineComment };
      setComments((current) => [...current.filter((c) => c.id !== comment.id), comment]);
      setForm(null);
      setStatus({ kind: 'ok', text: form.mode === 'new' ? 'Comment added.' : 'Comment updated.' });
      setFocusNext(`inline-comment-${comment.id}`);
    } finally {
      setBusy(false);
    }
  }

  async function remove(comment: InlineComment, number?: number) {
    setBusy(true);
    try {
      const response = await sessionFetch(
        `/api/grading/submissions/${submissionId}/inline-comments/${encodeURIComponent(comment.id)}`,
        { method: 'DELETE' },
      ).catch(() => null);
      if (!response?.ok) {
        setStatus({ kind: 'danger', text: `Not deleted: ${await problemOf(response)}` });
        return;
      }
      setComments((current) => current.filter((c) => c.id !== comment.id));
      setConfirming(null);
      setStatus({ kind: 'ok', text: number ? `Comment ${number} deleted.` : 'Comment deleted.' });
      setFocusNext('inline-comments-heading');
    } finally {
      setBusy(false);
    }
  }

  function commentItem(comment: InlineComment, number?: number) {
    const mark = criterionMark(rubric, comment.criterionId);
    const criterionTitle = rubric.criteria.find((c) => c.id === comment.criterionId)?.title;
    const name = number ? `comment ${number}` : 'this comment';
    return (
      <li key={comment.id} id={`inline-comment-${comment.id}`} tabIndex={-1} className="inline-comment">
        <p className="inline-comment-head">
          {number ? <span className={`comment-badge highlight-${mark?.colour ?? 'none'}`}>{number}</span> : null}
          <strong>{criterionTitle ?? 'General comment'}</strong>
        </p>
        <p className="inline-comment-quote">“{shorten(comment.quote, 140)}”</p>
        <p className="inline-comment-text">{comment.text}</p>
        {comment.authorName ? <p className="meta">{comment.authorName}</p> : null}
        <div className="item-actions">
          {number ? (
            <button
              type="button"
              className="button button-secondary button-small"
              aria-label={`Go to passage of comment ${number}`}
              onClick={() => goToPassage({ ...comment, number })}
            >
              Go to passage
            </button>
          ) : null}
          <button
            type="button"
            className="button button-secondary button-small"
            aria-label={`Edit ${name}`}
            onClick={() => {
              setForm({
                mode: 'edit',
                id: comment.id,
                number,
                passage: { start: comment.start, end: comment.end, quote: comment.quote },
                text: comment.text,
                criterionId: comment.criterionId ?? '',
              });
              setFormError('');
              setFocusNext('inline-comment-text');
            }}
          >
            Edit
          </button>
          <ConfirmDelete
            asking={confirming === comment.id}
            onAsk={() => setConfirming(comment.id)}
            onKeep={() => setConfirming(null)}
            onDelete={() => void remove(comment, number)}
            deleteLabel={`Delete ${name}`}
            confirmLabel={`Yes, delete ${name}`}
            busy={busy}
          />
        </div>
      </li>
    );
  }

  const annotated = <AnnotatedText text={shown} comments={numbered} rubric={rubric} idPrefix={ID_PREFIX} passages={assistantPassages} />;

  return (
    <div className="inline-comments" onKeyDown={onShortcut}>
      <div className="inline-comments-text">
        {canComment ? (
          <>
            <p className="hint" id="essay-selection-hint">
              To comment on a passage, select it with the mouse, or move into the essay and use the arrow keys (Ctrl moves by
              word) with Shift held to select. Then choose “Add comment on selection” (Ctrl+Alt+M).
            </p>
            <div
              ref={regionRef}
              id={ESSAY_TEXT_ID}
              className="essay-readonly essay-annotatable"
              role="textbox"
              aria-readonly="true"
              aria-multiline="true"
              aria-label="Essay text"
              aria-describedby="essay-selection-hint"
              contentEditable
              suppressContentEditableWarning
              spellCheck={false}
              tabIndex={0}
            >
              {annotated}
            </div>
            <div className="selection-bar">
              <p className="meta" aria-live="polite">
                {selection ? `Selected: “${shorten(selection.quote, 80)}”` : 'No passage selected.'}
              </p>
              <button type="button" className="button button-small" aria-keyshortcuts="Control+Alt+M" onClick={startComment}>
                Add comment on selection
              </button>
            </div>
          </>
        ) : (
          <div ref={regionRef} id={ESSAY_TEXT_ID} className="essay-readonly essay-annotatable" role="region" aria-label="Essay text" tabIndex={0}>
            {annotated}
          </div>
        )}
        <div role="status" aria-live="polite">
          {status ? <p className={`notice notice-${status.kind}`}>{status.text}</p> : null}
        </div>
        {form ? (
          <form
            className="inline-comment-form"
            aria-labelledby="inline-comment-form-title"
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void submitForm();
            }}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && !event.defaultPrevented) {
                setForm(null);
                setFocusNext(form.mode === 'edit' ? `inline-comment-${form.id}` : 'inline-comments-heading');
              }
            }}
          >
            <h3 id="inline-comment-form-title">
              {form.mode === 'new' ? 'New comment' : form.number ? `Edit comment ${form.number}` : 'Edit comment'}
            </h3>
            <p className="meta">On: “{shorten(form.passage.quote, 160)}”</p>
            <label htmlFor="inline-comment-text">Comment</label>
            <textarea
              id="inline-comment-text"
              ref={textFieldRef}
              rows={3}
              value={form.text}
              aria-invalid={formError !== '' || undefined}
              aria-describedby={formError ? 'inline-comment-error' : undefined}
              onChange={(event) => setForm({ ...form, text: event.target.value })}
            />
            <label htmlFor="inline-comment-criterion">Rubric criterion (optional)</label>
            <select
              id="inline-comment-criterion"
              className="select"
              value={form.criterionId}
              onChange={(event) => setForm({ ...form, criterionId: event.target.value })}
            >
              <option value="">None (a general comment)</option>
              {rubric.criteria.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
            {formError ? (
              <p className="notice notice-danger" id="inline-comment-error" role="alert">
                {formError}
              </p>
            ) : null}
            <div className="item-actions">
              <button type="submit" className="button button-small" disabled={busy}>
                Save comment
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => {
                  setForm(null);
                  setFocusNext(form.mode === 'edit' ? `inline-comment-${form.id}` : 'inline-comments-heading');
                }}
              >
                Cancel
              </button>
            </div>
            <BankSearch
              label="Insert from comment bank"
              criterionId={form.criterionId || undefined}
              onInsert={(inserted) => {
                setForm((current) => (current ? { ...current, text: appendComment(current.text, inserted) } : current));
                setFocusNext('inline-comment-text');
              }}
            />
            <SaveToBank text={form.text} criterionId={form.criterionId || undefined} />
          </form>
        ) : null}
      </div>

      <section className="inline-comments-list" aria-labelledby="inline-comments-heading">
        <h3 id="inline-comments-heading" tabIndex={-1}>
          Comments on the text ({numbered.length})
        </h3>
        {numbered.length === 0 ? (
          <p className="meta">{canComment ? 'No comments yet. Select a passage to add one.' : 'No comments on this text.'}</p>
        ) : (
          <ol className="inline-comment-list">{numbered.map((c) => commentItem(c, c.number))}</ol>
        )}
        {earlier.length > 0 ? (
          <details className="earlier-comments">
            <summary>Comments on an earlier version ({earlier.length})</summary>
            <p className="meta">These passages are in a version of the essay the student has changed since.</p>
            <ul className="inline-comment-list">{inReadingOrder(earlier).map((c) => commentItem(c))}</ul>
          </details>
        ) : null}
      </section>
    </div>
  );
}
