'use client';

/**
 * The rubric assistant in a grading view: its answer for the essay on the page, which passages are
 * marked in the essay, and "Go to passage". Shared by the rubric form (suggestions, accept) and the
 * essay panel (marks, fact flags), which are siblings on the page. Passages are marked in the
 * essay only when the instructor asks (assistant-passages.ts passagesToMark says why).
 *
 * Fetched here in the browser rather than computed in page.tsx: the engine takes tens of
 * milliseconds, but its language model loads on first use (seconds on a busy server) and the
 * service records each suggestion; grading must never wait for any of that, and a failure here
 * must leave the grading view whole. Until the answer arrives the form works as without it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Rubric } from '../../../domain/rubric';
import type { MarkedPassage } from '../../_components/annotated-text';
import { passageElementId } from '../../_components/annotated-text';
import { sessionFetch } from '../../_lib/session-client';
import { locateAssistance, passagesToMark, type Assistance, type LocatedAssistance, type LocatedCitation } from './assistant-passages';
import { ESSAY_ID_PREFIX, ESSAY_TEXT_ID, selectPassage } from './essay-range';

export type AssistantLoad =
  | { state: 'loading' }
  | { state: 'empty' }
  | { state: 'error'; message: string }
  | { state: 'ready'; located: LocatedAssistance };

export interface AssistantValue {
  load: AssistantLoad;
  rubric: Rubric;
  /** The revision of the essay on this page. */
  shownRevision: number;
  /** The criterion whose evidence is marked in the essay, if any. */
  shownCriterionId: string | null;
  showEvidence: (criterionId: string | null) => void;
  /** Whether the fact flags are marked in the essay. */
  flagsShown: boolean;
  showFlags: (shown: boolean) => void;
  /** Selects a passage in the essay text box and says so in the essay panel's status. */
  goToPassage: (citation: LocatedCitation, description: string) => void;
  /** The last thing "Go to passage" did, for the essay panel's live region. */
  announcement: string;
  passages: MarkedPassage[];
}

const AssistantContext = createContext<AssistantValue | null>(null);

/** The assistant of this page, or null where there is none (the form then works without it). */
export function useAssistant(): AssistantValue | null {
  return useContext(AssistantContext);
}

/** The passages to mark in the essay text (none without an assistant). */
export function useAssistantPassages(): MarkedPassage[] {
  return useContext(AssistantContext)?.passages ?? NO_PASSAGES;
}
const NO_PASSAGES: MarkedPassage[] = [];

/** The sentence shown when the suggestions cannot be had; the API's own message when it gave one. */
async function problemOf(response: Response | null): Promise<string> {
  if (!response) return 'The rubric assistant could not be reached (you may be offline).';
  const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
  return typeof body?.message === 'string' ? body.message : 'The rubric assistant could not read this essay just now.';
}

function isAssistance(value: unknown): value is Assistance {
  const body = value as Partial<Assistance> | null;
  return typeof body?.revision === 'number' && Array.isArray(body.suggestions) && Array.isArray(body.flags);
}

export function AssistantProvider({
  submissionId,
  rubric,
  text,
  revision,
  children,
}: {
  submissionId: string;
  rubric: Rubric;
  /** The essay text on the page (as stored) and its revision. */
  text: string;
  revision: number;
  children: ReactNode;
}) {
  const empty = text.trim() === '';
  const [load, setLoad] = useState<AssistantLoad>(empty ? { state: 'empty' } : { state: 'loading' });
  const [shownCriterionId, setShownCriterionId] = useState<string | null>(null);
  const [flagsShown, setFlagsShown] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [jump, setJump] = useState<{ citation: LocatedCitation; description: string } | null>(null);

  useEffect(() => {
    if (empty) return;
    let cancelled = false;
    void (async () => {
      const response = await sessionFetch(`/api/grading/submissions/${encodeURIComponent(submissionId)}/assistant`).catch(() => null);
      const body: unknown = response?.ok ? await response.json().catch(() => null) : null;
      if (cancelled) return;
      if (response?.ok && isAssistance(body)) setLoad({ state: 'ready', located: locateAssistance(body, text, revision) });
      else setLoad({ state: 'error', message: response?.ok ? 'The rubric assistant gave an answer this page cannot read.' : await problemOf(response) });
    })();
    return () => {
      cancelled = true;
    };
  }, [empty, submissionId, text, revision]);

  const located = load.state === 'ready' ? load.located : null;
  const passages = useMemo(
    () => passagesToMark(located, rubric, { criterionId: shownCriterionId, flags: flagsShown }),
    [located, rubric, shownCriterionId, flagsShown],
  );

  // After the marks are drawn (drawing replaces the text's nodes, which would drop a selection made before).
  useEffect(() => {
    if (!jump) return;
    const region = document.getElementById(ESSAY_TEXT_ID);
    if (region) {
      selectPassage(region, jump.citation.start, jump.citation.end, document.getElementById(passageElementId(ESSAY_ID_PREFIX, jump.citation.id)));
      setAnnouncement(`${jump.description} is selected in the essay.`);
    } else {
      setAnnouncement('The essay text is not shown on this page.');
    }
    setJump(null);
  }, [jump, passages]);

  const goToPassage = useCallback((citation: LocatedCitation, description: string) => setJump({ citation, description }), []);

  const value = useMemo<AssistantValue>(
    () => ({
      load,
      rubric,
      shownRevision: revision,
      shownCriterionId,
      showEvidence: setShownCriterionId,
      flagsShown,
      showFlags: setFlagsShown,
      goToPassage,
      announcement,
      passages,
    }),
    [load, rubric, revision, shownCriterionId, flagsShown, goToPassage, announcement, passages],
  );
  return <AssistantContext.Provider value={value}>{children}</AssistantContext.Provider>;
}
