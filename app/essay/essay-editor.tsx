'use client';

/**
 * The student's editor. Autosaves while typing and never loses text:
 * - the text is also kept in this browser (localStorage) until the server has it, written
 *   once typing pauses and at once when a save fails or the page is left;
 * - a failed save (offline, server trouble) is retried with back-off and as soon as the
 *   browser is back online;
 * - saves carry the revision they were based on, so a save from an older tab cannot
 *   overwrite newer text: the server answers with a conflict, the student sees both texts
 *   (edit-conflict.tsx) and chooses, and the one not chosen stays a saved version.
 * Nothing reads the whole text on every keystroke: the backup and the word count wait for a
 * pause (debounce.ts), so a 20,000-word essay types as smoothly as a short one.
 * When the session ends (an hour without use), the text stays on the page (and in the
 * backup where the browser keeps one), and the student is asked to open Inkwell again from
 * the course; requests go through app/_lib/session-client.ts, which holds the session.
 * Why one file of ~600 lines: the save loop (text, revision, retry, backup, conflict) shares refs
 * that must live in one component, so no keystroke is lost between a save and the next.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { countWords } from '../../domain/essay';
import { formatInLocalZone } from '../_lib/date-time-format';
import { reloadWithSession, sessionFetch } from '../_lib/session-client';
import { CoverageOnRequest } from './coverage-panel';
import { debounce } from './debounce';
import { EditConflict, type OtherVersion } from './edit-conflict';
import { EssayHistory } from './essay-history';
import { SubmitDialog, type SubmitDialogHandle } from './submit-dialog';

type SaveState = 'saved' | 'unsaved' | 'saving' | 'offline' | 'conflict' | 'error';

interface Props {
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
  /** Whether the student may check, while writing, which guiding questions the essay covers. */
  coverageWhileWriting: boolean;
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

interface LocalBackup {
  text: string;
  baseRevision: number;
  at: string;
}

const AUTOSAVE_DELAY_MS = 1_000;
const BACKUP_DELAY_MS = 400;
const WORD_COUNT_DELAY_MS = 300;
const MAX_RETRY_DELAY_MS = 30_000;

/** What one PUT of the draft came to. */
type PutOutcome =
  | { kind: 'saved'; revision: number; savedAt: string }
  | { kind: 'conflict' }
  | { kind: 'offline' }
  | { kind: 'refused'; message: string; retry: boolean };

function timeOf(iso: string): string {
  return formatInLocalZone(iso, 'time');
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

/** Writes (or clears) the backup; false when this browser does not let the page keep one. */
function writeBackup(key: string, backup: LocalBackup | null): boolean {
  try {
    if (backup) window.localStorage.setItem(key, JSON.stringify(backup));
    else window.localStorage.removeItem(key);
    return true;
  } catch {
    // Storage can be full, or blocked (e.g. in an LMS frame when the browser blocks third-party
    // storage); the server copy and the retry loop still protect the text, and the editor says so.
    return false;
  }
}

export function EssayEditor(props: Props) {
  const backupKey = `inkwell:draft:${props.submissionId}`;
  const [text, setText] = useState(props.initialText);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [savedAt, setSavedAt] = useState(props.initialSavedAt);
  const [problem, setProblem] = useState<string | null>(null);
  const [wordCount, setWordCount] = useState(() => countWords(props.initialText));
  const [conflict, setConflict] = useState<{ other: OtherVersion | null; loadProblem: string | null } | null>(null);
  const [resolving, setResolving] = useState(false);
  const [resolution, setResolution] = useState<string | null>(null);
  /** Text this tab replaced, and the saved version that holds it (null when only here). */
  const [replaced, setReplaced] = useState<{ text: string; revision: number | null } | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  /** Whether the last backup could be written to this browser's storage. */
  const [keptOnDevice, setKeptOnDevice] = useState(true);
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
  const submitDialogRef = useRef<SubmitDialogHandle>(null);
  // The notices' buttons disappear once used: focus goes back to the text instead of being lost.
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  // saveOnce schedules retries through save, which is built on top of it.
  const saveRef = useRef<() => Promise<boolean>>(async () => false);
  // Whole-text work, run once typing pauses (and the backup at once when it must be current).
  const [backupLater] = useState(() =>
    debounce(() => {
      if (textRef.current === savedTextRef.current) return;
      const kept = writeBackup(backupKey, { text: textRef.current, baseRevision: revisionRef.current, at: new Date().toISOString() });
      setKeptOnDevice(kept);
    }, BACKUP_DELAY_MS),
  );
  const [countLater] = useState(() => debounce(() => setWordCount(countWords(textRef.current)), WORD_COUNT_DELAY_MS));

  // The session itself is added by sessionFetch (app/_lib/session-client.ts).
  const authHeaders = useCallback(() => ({ 'Content-Type': 'application/json' }), []);

  /** Stores `text` as the revision after `baseRevision`, if that is still the latest. */
  const putDraft = useCallback(
    async (text: string, baseRevision: number): Promise<PutOutcome> => {
      let response: Response;
      try {
        response = await sessionFetch('/api/essay/draft', {
          method: 'PUT',
          headers: authHeaders(),
          body: JSON.stringify({ text, baseRevision }),
        });
      } catch {
        return { kind: 'offline' };
      }
      const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
      if (response.ok && body && typeof body.revision === 'number') {
        return { kind: 'saved', revision: body.revision, savedAt: String(body.savedAt) };
      }
      if (body?.code === 'EDIT_CONFLICT') return { kind: 'conflict' };
      const message = typeof body?.message === 'string' ? body.message : 'Your text could not be saved.';
      return { kind: 'refused', message, retry: response.status >= 500 || response.status === 429 };
    },
    [authHeaders],
  );

  /** Shows the saved text next to this tab's once another tab or window saved first. */
  const loadOther = useCallback(async () => {
    setConflict({ other: null, loadProblem: null });
    const response = await sessionFetch('/api/essay/draft', { headers: authHeaders() }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as Record<string, unknown> | null;
    if (!response?.ok || !body || typeof body.text !== 'string' || typeof body.revision !== 'number') {
      setConflict({ other: null, loadProblem: 'The other version could not be loaded. Check your connection and try again.' });
      return;
    }
    if (body.text === textRef.current) {
      // Both tabs hold the same text: nothing to choose.
      revisionRef.current = body.revision;
      savedTextRef.current = body.text;
      conflictRef.current = false;
      setConflict(null);
      setSavedAt(String(body.savedAt));
      setSaveState('saved');
      backupLater.cancel();
      writeBackup(backupKey, null);
      return;
    }
    setConflict({ other: { text: body.text, revision: body.revision, savedAt: String(body.savedAt) }, loadProblem: null });
  }, [authHeaders, backupKey, backupLater]);

  const enterConflict = useCallback(() => {
    conflictRef.current = true;
    setSaveState('conflict');
    setResolution(null);
    backupLater.flush();
    void loadOther();
  }, [backupLater, loadOther]);

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
    const outcome = await putDraft(sending, revisionRef.current);
    if (outcome.kind === 'saved') {
      revisionRef.current = outcome.revision;
      savedTextRef.current = sending;
      setSavedAt(outcome.savedAt);
      setHistoryKey((key) => key + 1);
      retryDelayRef.current = 2_000;
      setProblem(null);
      if (textRef.current === sending) {
        setSaveState('saved');
        backupLater.cancel();
        writeBackup(backupKey, null);
        return true;
      }
      setSaveState('unsaved');
      return false;
    }
    // Not saved: the copy on this device must be current from here on.
    backupLater.flush();
    if (outcome.kind === 'conflict') {
      enterConflict();
      return false;
    }
    if (outcome.kind === 'offline' || outcome.retry) {
      setSaveState('offline');
      scheduleRetry();
      return false;
    }
    // Refused for good (too long, submitted elsewhere, session ended): keep the text here and say why.
    setSaveState('error');
    setProblem(outcome.message);
    return false;
  }, [backupKey, backupLater, enterConflict, putDraft, scheduleRetry]);

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
      backupLater();
      countLater();
      setSaveState((state) => (state === 'conflict' || state === 'offline' || state === 'error' ? state : 'unsaved'));
      clearTimeout(debounceRef.current);
      debounceRef.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    },
    [backupLater, countLater, save],
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
      backupLater.flush();
      if (textRef.current !== savedTextRef.current) event.preventDefault();
    };
    // Leaving the page or hiding the tab (which may be the last chance on a phone) writes the backup now.
    const onHide = () => backupLater.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') backupLater.flush();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      backupLater.flush();
      countLater.cancel();
      clearTimeout(debounceRef.current);
      clearTimeout(retryRef.current);
    };
  }, [backupLater, countLater, save]);

  /** Puts text in the editor in place of this tab's, keeping what it replaces at hand. */
  function replaceText(value: string, replacedRevision: number | null) {
    setReplaced({ text: textRef.current, revision: replacedRevision });
    updateText(value);
    setWordCount(countWords(value));
    textareaRef.current?.focus();
  }

  /** "Keep the text in this tab": saved on top of the other version, which stays in the history. */
  function chooseMine() {
    const other = conflict?.other;
    if (!other) return;
    revisionRef.current = other.revision;
    savedTextRef.current = other.text;
    conflictRef.current = false;
    setConflict(null);
    setResolution(`Your text from this tab is saved on top. The other version stays in Earlier versions as version ${other.revision}.`);
    textareaRef.current?.focus();
    void save();
  }

  /**
   * "Use the other version": this tab's text is saved first, as a version of its own, and the
   * other text on top of it, so the history holds both. A newer save elsewhere meanwhile shows
   * the conflict again, with that text.
   */
  async function chooseOther() {
    const other = conflict?.other;
    if (!other) return;
    setResolving(true);
    try {
      const mine = textRef.current;
      const keptMine = await putDraft(mine, other.revision);
      if (keptMine.kind === 'conflict') {
        await loadOther();
        return;
      }
      if (keptMine.kind !== 'saved') {
        setProblem(
          keptMine.kind === 'refused'
            ? keptMine.message
            : 'You seem to be offline, so nothing was changed. Choose again when the connection is back.',
        );
        return;
      }
      // This tab's text is now the latest saved version.
      revisionRef.current = keptMine.revision;
      savedTextRef.current = mine;
      setSavedAt(keptMine.savedAt);
      setHistoryKey((key) => key + 1);
      const onTop = await putDraft(other.text, keptMine.revision);
      if (onTop.kind === 'conflict') {
        await loadOther();
        return;
      }
      if (onTop.kind !== 'saved') {
        conflictRef.current = false;
        setConflict(null);
        setSaveState('saved');
        setProblem(
          `Your text from this tab is saved as version ${keptMine.revision}, but the other version could not be put in the ` +
            `editor${onTop.kind === 'refused' ? ` (${onTop.message})` : ' (you seem to be offline)'}. ` +
            `It is kept as version ${other.revision} in Earlier versions.`,
        );
        return;
      }
      setProblem(null);
      setReplaced({ text: mine, revision: keptMine.revision });
      textRef.current = other.text;
      savedTextRef.current = other.text;
      revisionRef.current = onTop.revision;
      conflictRef.current = false;
      setConflict(null);
      setText(other.text);
      setWordCount(countWords(other.text));
      setSavedAt(onTop.savedAt);
      setSaveState('saved');
      setResolution(`The other version is in the editor. Your text from this tab is kept as version ${keptMine.revision} in Earlier versions.`);
      backupLater.cancel();
      writeBackup(backupKey, null);
      textareaRef.current?.focus();
    } finally {
      setResolving(false);
    }
  }

  /** A version from Earlier versions back in the editor, once this tab's text is saved (so it stays a version). */
  async function restoreVersion(value: string): Promise<string | null> {
    if (conflictRef.current) return 'Choose between the two versions above first.';
    if (!(await save())) return 'Your latest changes are not saved yet. Wait for “All changes saved”, then try again.';
    if (value === textRef.current) return null;
    replaceText(value, revisionRef.current);
    return null;
  }

  function restoreOlderBackup() {
    if (!olderBackup) return;
    setOlderBackup(null);
    replaceText(olderBackup.text, textRef.current === savedTextRef.current ? revisionRef.current : null);
  }

  function openSubmitDialog() {
    setSubmitError(null);
    countLater.flush();
    const wordCount = countWords(textRef.current);
    setWordCount(wordCount);
    if (wordCount < props.minWords) {
      setSubmitError(`Your essay has ${wordCount} words. It needs at least ${props.minWords} words before you can submit it.`);
      return;
    }
    submitDialogRef.current?.open(textRef.current);
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
      const response = await sessionFetch('/api/essay/submit', {
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
      await reloadWithSession();
    } finally {
      setSubmitting(false);
      submitDialogRef.current?.close();
    }
  }

  const stateText: Record<SaveState, string> = {
    saved: `All changes saved${savedAt ? ` at ${timeOf(savedAt)}` : ''}`,
    unsaved: 'Unsaved changes',
    saving: 'Saving…',
    offline: keptOnDevice
      ? 'Offline — your text is kept on this device and will be saved when the connection returns'
      : 'Offline — keep this page open: your text will be saved when the connection returns',
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

      {conflict ? (
        <EditConflict
          mine={text}
          other={conflict.other}
          loadProblem={conflict.loadProblem}
          busy={resolving}
          onKeepMine={chooseMine}
          onUseOther={() => void chooseOther()}
          onRetryLoad={() => void loadOther()}
        />
      ) : null}
      {resolution ? (
        <p className="notice notice-info" role="status">
          {resolution}
        </p>
      ) : null}

      {problem ? (
        <div className="notice notice-warn" role="alert">
          <p>{problem}</p>
          <p>
            {keptOnDevice
              ? 'Your text is still here and kept on this device. Copy it somewhere safe if you need to close this page.'
              : 'Your text is still here, but this browser does not let Inkwell keep a copy on this device: copy it somewhere safe before you close this page.'}
          </p>
        </div>
      ) : null}

      {replaced !== null ? (
        <details className="notice notice-info">
          <summary>Show the text that was replaced</summary>
          <p>
            {replaced.revision === null
              ? 'It was never saved, so it is only here.'
              : `It is also kept as version ${replaced.revision} in Earlier versions.`}
          </p>
          <label htmlFor="replaced-text">Replaced text (you can copy from here)</label>
          <textarea id="replaced-text" readOnly value={replaced.text} rows={8} />
        </details>
      ) : null}

      <EssayHistory headers={authHeaders} refreshKey={historyKey} onRestore={restoreVersion} />

      {props.coverageWhileWriting ? <CoverageOnRequest readText={() => textRef.current} /> : null}

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

      <SubmitDialog
        ref={submitDialogRef}
        wordCount={wordCount}
        resubmission={props.resubmission}
        submitting={submitting}
        onSubmit={() => void confirmSubmit()}
        onKeepWriting={() => textareaRef.current?.focus()}
      />
    </div>
  );
}
