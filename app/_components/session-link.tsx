'use client';

/**
 * A link to another Inkwell page. Its href carries no credential (copying it
 * hands nothing over); following it asks for a one-time ticket first, so the
 * next page opens with this session.
 */
import type { ReactNode } from 'react';
import { navigateWithSession } from '../_lib/session-client';

export function SessionLink({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  return (
    <a
      href={href}
      className={className}
      onClick={(event) => {
        // New tabs and windows (modifier keys, middle click) open the plain link.
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        void navigateWithSession(href);
      }}
    >
      {children}
    </a>
  );
}
