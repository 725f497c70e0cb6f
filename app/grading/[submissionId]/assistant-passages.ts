/**
 * The rubric assistant's answer as the grading view uses it (pure, unit-tested): its passages moved
 * into the offsets of the text on screen (line endings as a browser shows them, like inline
 * comments), checked against that text, and the ones to mark in the essay.
 */
import { anchorText } from '../../../domain/inline-comments';
import type { Rubric } from '../../../domain/rubric';
import type { MarkedPassage } from '../../_components/annotated-text';

export interface Citation {
  start: number;
  end: number;
  quote: string;
}

/** What `GET /api/grading/submissions/:id/assistant` answers (services/assistant.ts GradingAssistance). */
export interface Assistance {
  revision: number;
  suggestions: { criterionId: string; levelId: string; reason: string; evidence: Citation[] }[];
  flags: (Citation & { says: string; fact: string })[];
}

/** A cited passage, located in the shown text; `inText` is false when it cannot be found there. */
export interface LocatedCitation extends Citation {
  id: string;
  inText: boolean;
}

export interface LocatedSuggestion {
  criterionId: string;
  levelId: string;
  reason: string;
  evidence: LocatedCitation[];
}

export interface LocatedAssistance {
  revision: number;
  suggestions: LocatedSuggestion[];
  flags: (LocatedCitation & { says: string; fact: string })[];
}

/** An offset into the stored text, as an offset into anchorText(text). */
function shownOffset(raw: string, offset: number): number {
  return raw.includes('\r') ? anchorText(raw.slice(0, offset)).length : offset;
}

/** A citation in the shown text's offsets, kept only if the words there are the words quoted. */
export function locateCitation(raw: string, shown: string, citation: Citation, id: string): LocatedCitation {
  const start = shownOffset(raw, citation.start);
  const end = shownOffset(raw, citation.end);
  const quote = anchorText(citation.quote);
  const inText = start >= 0 && end <= shown.length && start < end && shown.slice(start, end) === quote;
  return { id, start, end, quote, inText };
}

/**
 * The assistant's answer with every passage located in the text shown. When the answer is about
 * another revision than the one shown, no passage counts as in the text: its offsets are not ours.
 */
export function locateAssistance(assistance: Assistance, raw: string, shownRevision: number): LocatedAssistance {
  const shown = anchorText(raw);
  const same = assistance.revision === shownRevision;
  const locate = (citation: Citation, id: string) => {
    const located = locateCitation(raw, shown, citation, id);
    return same ? located : { ...located, inText: false };
  };
  return {
    revision: assistance.revision,
    suggestions: assistance.suggestions.map((suggestion) => ({
      ...suggestion,
      evidence: suggestion.evidence.map((citation, index) => locate(citation, `evidence-${suggestion.criterionId}-${index + 1}`)),
    })),
    flags: assistance.flags.map((flag, index) => ({ ...flag, ...locate(flag, `flag-${index + 1}`) })),
  };
}

/** The words a cited passage's highlight ends with: what it is and for which criterion. */
export function evidenceLabel(rubric: Rubric, criterionId: string, number: number): string {
  const title = rubric.criteria.find((criterion) => criterion.id === criterionId)?.title;
  return title ? `Evidence ${number} · ${title}` : `Evidence ${number}`;
}

/**
 * What to mark in the essay: the fact flags when asked for, and the evidence of the one criterion
 * being looked at. Only on the instructor's request, never when the answer arrives: drawing marks
 * rewrites the essay's text nodes, which would drop a passage the instructor is selecting.
 */
export function passagesToMark(
  located: LocatedAssistance | null,
  rubric: Rubric,
  shown: { criterionId: string | null; flags: boolean },
): MarkedPassage[] {
  if (!located) return [];
  const flags = (shown.flags ? located.flags : [])
    .map((flag, index) => ({ flag, number: index + 1 }))
    .filter(({ flag }) => flag.inText)
    .map(({ flag, number }) => ({ id: flag.id, start: flag.start, end: flag.end, kind: 'flag' as const, label: `Check fact ${number}` }));
  const suggestion = located.suggestions.find((entry) => entry.criterionId === shown.criterionId);
  const evidence = (suggestion?.evidence ?? [])
    .map((citation, index) => ({ citation, number: index + 1 }))
    .filter(({ citation }) => citation.inText)
    .map(({ citation, number }) => ({
      id: citation.id,
      start: citation.start,
      end: citation.end,
      kind: 'evidence' as const,
      label: evidenceLabel(rubric, suggestion!.criterionId, number),
    }));
  return [...evidence, ...flags];
}
