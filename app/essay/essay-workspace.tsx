'use client';

/**
 * The essay page's layout (issue #14 item 9): the brief and the rubric one click away from the
 * editor instead of screens above it. On wide screens (and LMS frames) they sit beside the
 * editor and each side scrolls on its own within the window's height; on narrow ones they are
 * panels that open above it. A first visit opens the brief; a returning student (a draft is
 * saved) lands on the editor, with the brief beside it only where there is room.
 * Both panels are always in the page (hidden when closed), so nothing depends on them opening.
 */
import { useEffect, useState, type ReactNode } from 'react';

type PanelName = 'brief' | 'rubric';

/** Keep in step with the two-pane rule in app/globals.css. */
const TWO_PANES = '(min-width: 56rem)';

const PANELS: { name: PanelName; label: string }[] = [
  { name: 'brief', label: 'Brief' },
  { name: 'rubric', label: 'Rubric' },
];

export function EssayWorkspace({
  returning,
  brief,
  rubric,
  children,
}: {
  returning: boolean;
  brief: ReactNode;
  rubric: ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState<PanelName | null>(returning ? null : 'brief');

  useEffect(() => {
    // Known only in the browser: whether the brief fits beside the editor.
    if (returning && window.matchMedia(TWO_PANES).matches) setOpen((current) => current ?? 'brief');
  }, [returning]);

  const content: Record<PanelName, ReactNode> = { brief, rubric };
  return (
    <div className="essay-workspace" data-open={open ?? 'none'}>
      <section className="workspace-side" aria-label="Brief and rubric">
        <div className="workspace-toggles">
          {PANELS.map(({ name, label }) => (
            <button
              key={name}
              type="button"
              className="button button-secondary workspace-toggle"
              aria-expanded={open === name}
              aria-controls={`workspace-${name}`}
              onClick={() => setOpen((current) => (current === name ? null : name))}
            >
              {label}
            </button>
          ))}
        </div>
        {PANELS.map(({ name, label }) => (
          <div
            key={name}
            id={`workspace-${name}`}
            className="workspace-panel"
            role="region"
            aria-label={label}
            // Scrolls on its own: reachable by keyboard to scroll it.
            tabIndex={0}
            hidden={open !== name}
          >
            {content[name]}
          </div>
        ))}
      </section>
      <div className="workspace-main">{children}</div>
    </div>
  );
}
