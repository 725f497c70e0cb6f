'use client';

/**
 * What an Inkwell page shows when it was opened without a valid ticket: a
 * reload, the back button, or a URL copied into another browser. A tab that
 * kept its session (sessionStorage, where the browser allows it) gets a new
 * ticket and opens the page again; anyone else gets the friendly page.
 */
import { useEffect, useState } from 'react';
import { installSession, mayRecover, navigateWithSession, storedSession } from '../_lib/session-client';
import { SessionEndedPage } from './problem-page';

export function SessionRecovery() {
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    const stored = storedSession();
    if (!stored || !mayRecover()) {
      setEnded(true);
      return;
    }
    installSession(stored);
    const url = new URL(window.location.href);
    url.searchParams.delete('ticket');
    void navigateWithSession(`${url.pathname}${url.search}`, { replace: true });
  }, []);

  if (ended) return <SessionEndedPage />;
  return (
    <main id="main" className="page page-narrow">
      <div className="card">
        <p role="status">Opening Inkwell…</p>
        <noscript>
          <p>Please open Inkwell again from your course.</p>
        </noscript>
      </div>
    </main>
  );
}
