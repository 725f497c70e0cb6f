'use client';

/**
 * Hands the session the server redeemed for this page to the browser side
 * (app/_lib/session-client.ts), takes the used ticket out of the address bar
 * and history, keeps the session alive while the page is in use, and says
 * so plainly once it has ended.
 */
import { useEffect } from 'react';
import { adoptPageSession, dropTicketFromAddress, noteActivity, SESSION_ENDED_MESSAGE, useSessionEnded, type IssuedSessionData } from '../_lib/session-client';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'input', 'scroll', 'focusin'] as const;

export function SessionStart({ issued }: { issued: IssuedSessionData }) {
  // During render, before any other component of the page can call the API.
  if (typeof window !== 'undefined') adoptPageSession(issued);
  const ended = useSessionEnded();

  useEffect(() => {
    dropTicketFromAddress();
    let last = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - last < 1_000) return;
      last = now;
      noteActivity();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true, capture: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, []);

  if (!ended) return null;
  return (
    <div className="notice notice-warn" role="alert">
      <p>
        <strong>{SESSION_ENDED_MESSAGE}</strong> What you saved is safe.
      </p>
    </div>
  );
}
