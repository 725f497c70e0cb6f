'use client';

/**
 * Keyboard shortcuts of the grading views, and the list of them shown on the page.
 *
 * Chosen so they never get in the way of typing: moving between students and "Save and next"
 * use Alt (Option on a Mac), which typing in a comment never needs; the number keys choose a
 * level only while focus is on a criterion's levels (a radio button), never in a text field.
 * Alt+N and Alt+P are matched by the physical key (`event.code`), because on a Mac Option+N
 * types a character rather than reporting "n".
 */
import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';

export interface GradingShortcutActions {
  onNext?: () => void;
  onPrevious?: () => void;
  onSaveAndNext?: () => void;
}

/** Alt+N, Alt+P and Alt+Enter, from anywhere on the page. */
export function useGradingShortcuts(actions: GradingShortcutActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.repeat) return;
      // Not while a dialog (the leave question) is open: it has its own buttons.
      if (document.querySelector('dialog[open]')) return;
      const action =
        event.code === 'KeyN' ? latest.current.onNext : event.code === 'KeyP' ? latest.current.onPrevious : event.key === 'Enter' ? latest.current.onSaveAndNext : undefined;
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

/**
 * For a criterion's radio group: keys 1–9 choose the first to ninth level as listed. Only while
 * a level's radio button has focus, so digits typed in a comment stay digits.
 */
export function chooseLevelByNumber(
  event: ReactKeyboardEvent<HTMLElement>,
  levelIds: readonly string[],
  choose: (levelId: string) => void,
): void {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || target.type !== 'radio') return;
  if (!/^[1-9]$/.test(event.key)) return;
  const levelId = levelIds[Number(event.key) - 1];
  if (levelId === undefined) return;
  event.preventDefault();
  choose(levelId);
  // Focus follows the choice, so the arrow keys carry on from it.
  const group = target.closest('fieldset');
  const chosen = group?.querySelector<HTMLInputElement>(`input[type="radio"][value="${CSS.escape(levelId)}"]`);
  chosen?.focus();
}

export interface ShortcutListItem {
  keys: string;
  action: string;
}

/** The page's shortcuts, in a disclosure that stays out of the way until opened. */
export function KeyboardShortcuts({ items }: { items: readonly ShortcutListItem[] }) {
  return (
    <details className="keyboard-shortcuts">
      <summary>Keyboard shortcuts</summary>
      <dl>
        {items.map((item) => (
          <div key={item.keys}>
            <dt>
              <kbd>{item.keys}</kbd>
            </dt>
            <dd>{item.action}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
