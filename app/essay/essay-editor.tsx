'use client';

/**
 * The student's editor. Autosaves while typing and never loses text:
 * - every keystroke is also kept in this browser (localStorage) until the server has it;
 * - a failed save (offline, server trouble) is retried with back-off and as soon as the
 *   browser is back online;
 * - saves carry the revision they were based on, so a save from an older tab cannot
 *   overwrite newer text: the server answers with a conflict and the student chooses.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { countWords } from '../../domain/essay';

type SaveState = 'saved' | 'unsaved' | 'saving' | 'offline' | 'conflict' | 'error';

interface Props {
  sessionToken: string;
  submissionId: string;
  initialText: string;
  initialRevision: number;
  initialSavedAt: string;
  minWords: number;
  maxWords: number;
  /** How many guiding questions the essay answers (instructors can change the number). */
  questionCount: number;
  /** Set when the assignment lets students reopen a submitted essay (until the due date, when there is one). */
  resubmission?: { until?: string };
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

interface LocalBackup {
  text: string;
  baseRevision: number;
  at: string;
}

const AUTOSAVE_DELAY_MS = 1_000;
const MAX_RETRY_DELAY_MS = 30_000;

function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function readBackup(key: string): LocalBackup | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<LocalBackup>;
    return typeof parsed.text === 'string' && typeof parsed.baseRevision === 'number'
      ? { text: parsed.text, baseRevision: parsed.baseRevision, at: String(parsed.at ?? '') }
      : null;
  } catch {
    return null;
  }
}

function writeBackup(key: string, backup: LocalBackup | null): void {
  try {
    if (backup) window.localStorage.setItem(key, JSON.stringify(backup));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage can be full or blocked; the server copy and the retry loop still protect the text.
  }
}

export function EssayEditor(props: Props) {
  const backupKey = `inkwell:draft:${props.submissionId}`;
  const [text, setText] = useState(props.initialText);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [savedAt, setSavedAt] = useState(props.initialSavedAt);
  const [problem, setProblem] = useState<string | null>(null);
  const [conflictRevision, setConflictRevision] = useState<number | null>(null);
  const [replacedText, setReplacedText] = useState<string | null>(null);
  const [olderBackup, setOlderBackup] = useState<LocalBackup | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);

  const textRef = useRef(props.initialText);
  const revisionRef = useRef(props.initialRevision);
  const savedTextRef = useRef(props.initialText);
  const inFlightRef = useRef<Promise<boolean> | null>(null);
  const conflictRef = useRef(false);
  const debounceRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retryRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retryDelayRef = useRef(2_000);
  const dialogRef = useRef<HTMLDialogElement>(null);
  // The notices' buttons disappear once used: focus goes back to the text instead of being lost.
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  // saveOnce schedules retries through save, which is built on top of it.
  const saveRef = useRef<() => Promise<boolean>>(async () => false);

  const authHeaders = useCallback(
    () => ({ Authorization: `Bearer ${props.sessionToken}`, 'Content-Type': 'application/json' }),
    [props.sessionToken],
  );

  const scheduleRetry = useCallback(() => {
    clearTimeout(retryRef.current);
    const delay = retryDelayRef.current;
    retryDelayRef.current = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
    retryRef.current = setTimeout(() => void saveRef.current(), delay);
  }, []);

  /** Sends the current text once; resolves true when the server holds exactly that text. */
  const saveOnce = useCallback(async (): Promise<boolean> => {
    if (conflictRef.current) return false;
    const sending = textRef.current;
    if (sending === savedTextRef.current) {
      setSaveState('saved');
      return true;
    }
    setSaveState('saving');
    let response: Response;
    try {
      response = await fetch('/api/essay/draft', {
        method: 'PUT',
        headers: authHeaders(),
        body: JSON.stringify({ text: sending, baseRevision: revisionRef.current }),
      });
    } catch {
      setSaveState('offline');
      scheduleRetry();
      return false;
    }
    const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (response.ok && body && typeof body.revision === 'number') {
      revisionRef.current = body.revision;
      savedTextRef.current = sending;
      setSavedAt(String(body.savedAt));
      retryDelayRef.current = 2_000;
      setProblem(null);
      if (textRef.current === sending) {
        setSaveState('saved');
        writeBackup(backupKey, null);
        return true;
      }
      setSaveState('unsaved');
      return false;
    }
    const code = body?.code;
    const message = typeof body?.message === 'string' ? body.message : 'Your text could not be saved.';
    if (code === 'EDIT_CONFLICT') {
      conflictRef.current = true;
      setConflictRevision(typeof body?.currentRevision === 'number' ? body.currentRevision : null);
      setSaveState('conflict');
      return false;
    }
    if (response.status >= 500 || response.status === 429) {
      setSaveState('offline');
      scheduleRetry();
      return false;
    }
    // Refused for good (too long, submitted elsewhere, session ended): keep the text here and say why.
    setSaveState('error');
    setProblem(message);
    return false;
  }, [authHeaders, backupKey, scheduleRetry]);

  /** One save at a time; a save requested meanwhile runs right after. */
  const save = useCallback(async (): Promise<boolean> => {
    clearTimeout(debounceRef.current);
    clearTimeout(retryRef.current);
    while (inFlightRef.current) await inFlightRef.current;
    const attempt = saveOnce();
    inFlightRef.current = attempt;
    try {
      const ok = await attempt;
      if (!ok && !conflictRef.current && textRef.current !== savedTextRef.current && retryDelayRef.current === 2_000) {
        // Typed during the save: save the newer text too.
        debounceRef.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
      }
      return ok;
    } finally {
      inFlightRef.current = null;
    }
  }, [saveOnce]);

  saveRef.current = save;

  const updateText = useCallback(
    (value: string) => {
      textRef.current = value;
      setText(value);
      writeBackup(backupKey, { text: value, baseRevision: revisionRef.current, at: new Date().toISOString() });
      setSaveState((state) => (state === 'conflict' || state === 'offline' || state === 'error' ? state : 'unsaved'));
      clearTimeout(debounceRef.current);
      debounceRef.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    },
    [backupKey, save],
  );

  // Text typed here earlier that never reached the server (closed tab, lost connection).
  useEffect(() => {
    const backup = readBackup(backupKey);
    if (!backup || backup.text === props.initialText) {
      writeBackup(backupKey, null);
      return;
    }
    if (backup.baseRevision === props.initialRevision) {
      updateText(backup.text);
      setProblem(null);
    } else {
      setOlderBackup(backup);
    }
    // Only on first render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const onOnline = () => {
      retryDelayRef.current = 2_000;
      void save();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (textRef.current !== savedTextRef.current) event.preventDefault();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('beforeunload', onBeforeUnload);
      clearTimeout(debounceRef.current);
      clearTimeout(retryRef.current);
    };
  }, [save]);

  async function loadLatest() {
    const response = await fetch('/api/essay/draft', { headers: authHeaders() }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as Record<string, unknown> | null;
    if (!response?.ok || !body || typeof body.text !== 'string' || typeof body.revision !== 'number') {
      setProblem('The latest version could not be loaded. Check your connection and try again.');
      return;
    }
    setReplacedText(textRef.current);
    textRef.current = body.text;
    savedTextRef.current = body.text;
    revisionRef.current = body.revision;
    conflictRef.current = false;
    setConflictRevision(null);
    setText(body.text);
    setSavedAt(String(body.savedAt));
    setSaveState('saved');
    writeBackup(backupKey, null);
    textareaRef.current?.focus();
  }

  function keepMine() {
    if (conflictRevision !== null) revisionRef.current = conflictRevision;
    conflictRef.current = false;
    setConflictRevision(null);
    textareaRef.current?.focus();
    void save();
  }

  function restoreOlderBackup() {
    if (!olderBackup) return;
    setReplacedText(textRef.current);
    setOlderBackup(null);
    updateText(olderBackup.text);
    textareaRef.current?.focus();
  }

  const wordCount = countWords(text);

  function openSubmitDialog() {
    setSubmitError(null);
    if (wordCount < props.minWords) {
      setSubmitError(`Your essay has ${wordCount} words. It needs at least ${props.minWords} words before you can submit it.`);
      return;
    }
    dialogRef.current?.showModal();
  }

  async function confirmSubmit() {
    setSubmitting(true);
    setSubmitError(null);
    try {
      const saved = await save();
      if (!saved) {
        setSubmitError('Your latest text is not saved yet, so it was not submitted. Wait for “All changes saved”, then try again.');
        return;
      }
      const response = await fetch('/api/essay/submit', {
        method: 'POST',
        headers: authHeaders(),
        body: JSON.stringify({ revision: revisionRef.current }),
      }).catch(() => null);
      if (!response) {
        setSubmitError('You seem to be offline. Your essay is saved; submit again when the connection is back.');
        return;
      }
      const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
      if (!response.ok) {
        setSubmitError(typeof body?.message === 'string' ? body.message : 'Your essay could not be submitted. Please try again.');
        return;
      }
      writeBackup(backupKey, null);
      window.location.reload();
    } finally {
      setSubmitting(false);
      dialogRef.current?.close();
    }
  }

  const stateText: Record<SaveState, string> = {
    saved: `All changes saved${savedAt ? ` at ${timeOf(savedAt)}` : ''}`,
    unsaved: 'Unsaved changes',
    saving: 'Saving…',
    offline: 'Offline — your text is kept on this device and will be saved when the connection returns',
    conflict: 'Not saved — this essay was changed in another tab or window',
    error: 'Not saved',
  };

  return (
    <div>
      {olderBackup ? (
        <div className="notice notice-info" role="region" aria-label="Unsaved text found">
          <p>This device has text from an earlier visit that never reached the server.</p>
          <div className="actions">
            <button type="button" className="button button-secondary" onClick={restoreOlderBackup}>
              Restore that text
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setOlderBackup(null);
                writeBackup(backupKey, null);
                textareaRef.current?.focus();
              }}
            >
              Discard it
            </button>
          </div>
        </div>
      ) : null}

      <label htmlFor="essay-text">Essay text</label>
      <p className="hint" id="essay-hint">
        {props.questionCount === 1
          ? 'Answer the guiding question in one essay.'
          : `Answer all ${NUMBER_WORDS[props.questionCount] ?? props.questionCount} guiding questions in one essay.`}{' '}
        Inkwell saves as you type.
      </p>
      <textarea
        ref={textareaRef}
        id="essay-text"
        className="essay-input"
        value={text}
        onChange={(event) => updateText(event.target.value)}
        aria-describedby="essay-hint essay-count"
        spellCheck
      />

      <div className="essay-toolbar">
        <span className="save-state" data-state={saveState} role="status" aria-live="polite">
          {stateText[saveState]}
        </span>
        <span className="word-count" id="essay-count">
          {wordCount} {wordCount === 1 ? 'word' : 'words'} · {props.minWords}–{props.maxWords} words expected
        </span>
      </div>

      {saveState === 'conflict' ? (
        <div className="notice notice-danger" role="alert">
          <p>
            <strong>This essay was changed in another tab or window.</strong> Your text here has not been saved, and
            nothing was overwritten.
          </p>
          <div className="actions">
            <button type="button" className="button" onClick={() => void loadLatest()}>
              Load the latest saved version
            </button>
            <button type="button" className="button button-secondary" onClick={keepMine}>
              Keep the text in this tab
            </button>
          </div>
        </div>
      ) : null}

      {problem ? (
        <div className="notice notice-warn" role="alert">
          <p>{problem}</p>
          <p>Your text is still here and kept on this device. Copy it somewhere safe if you need to close this page.</p>
        </div>
      ) : null}

      {replacedText !== null ? (
        <details className="notice notice-info">
          <summary>Show the text that was replaced</summary>
          <label htmlFor="replaced-text">Replaced text (you can copy from here)</label>
          <textarea id="replaced-text" readOnly value={replacedText} rows={8} />
        </details>
      ) : null}

      <div className="essay-toolbar">
        <button type="button" className="button" onClick={openSubmitDialog} disabled={submitting}>
          Submit essay…
        </button>
      </div>
      {submitError ? (
        <p className="notice notice-warn" role="alert">
          {submitError}
        </p>
      ) : null}

      <dialog ref={dialogRef} aria-labelledby="submit-title" aria-describedby="submit-body">
        <h2 id="submit-title">Submit your essay?</h2>
        <p id="submit-body">
          You are submitting {wordCount} words.{' '}
          {props.resubmission
            ? `After you submit, you can reopen your essay to make changes${props.resubmission.until ? ' until the due date' : ''}, as long as it has not been graded.`
            : 'After you submit, you cannot change your essay.'}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={() => dialogRef.current?.close()}>
            Keep writing
          </button>
          <button type="button" className="button" onClick={() => void confirmSubmit()} disabled={submitting}>
            {submitting ? 'Submitting…' : 'Submit essay'}
          </button>
        </div>
      </dialog>
    </div>
  );
}
