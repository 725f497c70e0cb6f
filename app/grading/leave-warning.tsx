'use client';

/**
 * Leaving a grading page with unsaved changes asks first: an in-app link (or a shortcut that
 * moves to another student) opens our own dialog (it works inside the LMS's frame, where
 * browsers may block `confirm()`), any other way out (closing the tab, the LMS navigating away)
 * meets the browser's `beforeunload` question.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { navigateWithSession } from '../_lib/session-client';

export interface LeaveWarning {
  dialogRef: RefObject<HTMLDialogElement | null>;
  stay: () => void;
  leave: () => void;
  /** Goes to `href`, asking first when there are unsaved changes. */
  requestLeave: (href: string) => void;
  /** Goes to `href` without asking: the work was just saved. */
  leaveNow: (href: string) => void;
}

export function useLeaveWarning(unsaved: boolean): LeaveWarning {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const destination = useRef<string | null>(null);
  const leaving = useRef(false);
  const unsavedRef = useRef(unsaved);
  useEffect(() => {
    unsavedRef.current = unsaved;
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (leaving.current) return;
      event.preventDefault();
      // Older browsers show the question only when returnValue is set.
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement) || (link.target !== '' && link.target !== '_self') || link.hasAttribute('download')) return;
      // A link within this page (the skip link) leaves nothing.
      const to = new URL(link.href);
      if (to.hash !== '' && to.origin === location.origin && to.pathname === location.pathname && to.search === location.search) return;
      event.preventDefault();
      destination.current = link.href;
      dialogRef.current?.showModal();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [unsaved]);
  const leaveNow = (href: string) => {
    // Asked already (or nothing to lose): the page unloading now needs no question.
    leaving.current = true;
    void navigateWithSession(href);
  };
  return {
    dialogRef,
    stay: () => dialogRef.current?.close(),
    leave: () => {
      if (destination.current) leaveNow(destination.current);
    },
    requestLeave: (href: string) => {
      if (!unsavedRef.current) return leaveNow(href);
      destination.current = href;
      dialogRef.current?.showModal();
    },
    leaveNow,
  };
}

/** The question itself; `what` names what is not saved ("this grade"). */
export function LeaveWarningDialog({ warning, what }: { warning: LeaveWarning; what: string }) {
  return (
    <dialog ref={warning.dialogRef} aria-labelledby="leave-title" aria-describedby="leave-body">
      <h2 id="leave-title">Leave without saving?</h2>
      <p id="leave-body">Your changes to {what} are not saved. If you leave now, they are lost.</p>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={warning.stay}>
          Stay on this page
        </button>
        <button type="button" className="button" onClick={warning.leave}>
          Leave without saving
        </button>
      </div>
    </dialog>
  );
}
