'use client';

/**
 * The submissions list's two bulk actions: release every draft grade, and
 * send again every grade the LMS did not take. Each reloads the list when done
 * so the LMS column shows the truth.
 */
import { useRef, useState } from 'react';
import { reloadWithSession, sessionFetch } from '../_lib/session-client';
import { AnonymousReleaseDialog } from './anonymous-release-dialog';

export function BulkActions({ drafts, failed }: { drafts: number; failed: number }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const anonymousReleaseRef = useRef<HTMLDialogElement>(null);

  async function run(path: string, done: (body: Record<string, unknown>) => string, request: Record<string, unknown> = {}) {
    setBusy(true);
    setMessage('Working…');
    try {
      const response = await sessionFetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      }).catch(() => null);
      const body = ((await response?.json().catch(() => null)) ?? {}) as Record<string, unknown>;
      if (response?.status === 409 && body.code === 'NAMES_HIDDEN') {
        setMessage('Nothing released yet: names are hidden (anonymous grading).');
        anonymousReleaseRef.current?.showModal();
        return;
      }
      if (!response?.ok) {
        setMessage(typeof body.message === 'string' ? body.message : 'That did not work. Please try again.');
        return;
      }
      setMessage(done(body));
      // Give the worker a moment, then show the new LMS statuses.
      setTimeout(() => void reloadWithSession(), 1500);
    } finally {
      setBusy(false);
    }
  }

  function releaseAll(request: Record<string, unknown> = {}) {
    return run(
      '/api/grading/release-all',
      (b) =>
        `Released ${String(b.released)} grade(s); they are on their way to the LMS.` +
        (typeof b.changedSinceGraded === 'number'
          ? ` ${b.changedSinceGraded} grade(s) were not released because the essay changed since it was graded: regrade those first.`
          : '') +
        (typeof b.incomplete === 'number'
          ? ` ${b.incomplete} draft(s) were not released because a criterion has no level yet: finish those first.`
          : ''),
      request,
    );
  }

  if (drafts === 0 && failed === 0) return null;
  return (
    <div className="bulk-actions">
      {drafts > 0 ? (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void releaseAll()}
        >
          Release all {drafts} draft grade{drafts === 1 ? '' : 's'}
        </button>
      ) : null}
      {failed > 0 ? (
        <button
          type="button"
          className="button button-secondary"
          disabled={busy}
          onClick={() => void run('/api/grading/retry-failed', (b) => `Sending ${String(b.retried)} grade(s) again.`)}
        >
          Retry all {failed} failed
        </button>
      ) : null}
      <p role="status" aria-live="polite" className="meta">
        {message}
      </p>
      <AnonymousReleaseDialog
        dialogRef={anonymousReleaseRef}
        idPrefix="release-all-anonymous"
        many
        onConfirm={() => void releaseAll({ releaseWhileAnonymous: true })}
      />
    </div>
  );
}
