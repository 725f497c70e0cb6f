'use client';

/**
 * "Earlier versions": the versions of the essay the server keeps (the recent ones and the one
 * last submitted), each readable and copyable, and one can be put back in the editor. Putting
 * one back is an ordinary edit, saved on top, so the text it replaces stays a version too.
 */
import { useEffect, useState } from 'react';
import { formatInLocalZone } from '../_lib/date-time-format';
import { sessionFetch } from '../_lib/session-client';

interface VersionSummary {
  revision: number;
  savedAt: string;
  wordCount: number;
  submitted: boolean;
}

interface Props {
  headers(): Record<string, string>;
  /** Changes whenever a save may have added versions, so an open list reloads. */
  refreshKey: number;
  /** Puts a version's text in the editor; resolves false (with a reason shown here) when it could not. */
  onRestore(text: string): Promise<string | null>;
}

function when(iso: string): string {
  return formatInLocalZone(iso);
}

export function EssayHistory({ headers, refreshKey, onRestore }: Props) {
  const [open, setOpen] = useState(false);
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [shown, setShown] = useState<{ revision: number; savedAt: string; text: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let current = true;
    void (async () => {
      const response = await sessionFetch('/api/essay/revisions', { headers: headers() }).catch(() => null);
      const body = (await response?.json().catch(() => null)) as { revisions?: VersionSummary[] } | null;
      if (!current) return;
      if (!response?.ok || !Array.isArray(body?.revisions)) {
        setMessage('The earlier versions could not be loaded. Check your connection and try again.');
        return;
      }
      setVersions(body.revisions);
    })();
    return () => {
      current = false;
    };
  }, [open, refreshKey, headers]);

  async function show(revision: number) {
    setMessage(null);
    const response = await sessionFetch(`/api/essay/revisions/${revision}`, { headers: headers() }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as Record<string, unknown> | null;
    if (!response?.ok || typeof body?.text !== 'string') {
      setMessage(typeof body?.message === 'string' ? body.message : 'That version could not be loaded. Please try again.');
      return;
    }
    setShown({ revision, savedAt: String(body.savedAt), text: body.text });
  }

  async function restore() {
    if (!shown) return;
    const refusal = await onRestore(shown.text);
    setMessage(refusal ?? `Version ${shown.revision} is back in the editor.`);
  }

  return (
    <details className="essay-history" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Earlier versions</summary>
      <p className="hint">Inkwell keeps the 50 most recent saved versions of your essay and the one you last submitted.</p>
      {versions === null ? (
        <p>Loading…</p>
      ) : versions.length === 0 ? (
        <p>No versions saved yet.</p>
      ) : (
        <ol className="history-list" aria-label="Saved versions, newest first">
          {versions.map((version) => (
            <li key={version.revision}>
              <button type="button" className="button-link" onClick={() => void show(version.revision)}>
                Version {version.revision}
              </button>{' '}
              · {when(version.savedAt)} · {version.wordCount} {version.wordCount === 1 ? 'word' : 'words'}
              {version.submitted ? ' · submitted' : ''}
            </li>
          ))}
        </ol>
      )}
      {shown ? (
        <div className="history-version">
          <label htmlFor="history-text">
            Version {shown.revision}, saved {when(shown.savedAt)} (you can copy from here)
          </label>
          <textarea id="history-text" readOnly value={shown.text} rows={8} />
          <button type="button" className="button button-secondary" onClick={() => void restore()}>
            Put version {shown.revision} back in the editor
          </button>
        </div>
      ) : null}
      <p role="status" aria-live="polite">
        {message}
      </p>
    </details>
  );
}
