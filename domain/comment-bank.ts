// The comment bank: comments an instructor reuses, each optionally tied to a rubric criterion.
// Every instructor keeps their own entries per course; the built-in unit adds a small starter
// bank for its criteria, shown to everyone beside their own entries and never changed by them.

import { InvalidInputError } from './errors';
import { MAX_COMMENT_CHARS } from './grade';
import type { Rubric } from './rubric';

export interface BankEntry {
  id: string;
  text: string;
  criterionId?: string;
  /** Starter entries come with the unit; they cannot be edited or deleted. */
  starter: boolean;
}

/** How many entries one instructor may keep per course: plenty for reuse, and a page that stays light. */
export const MAX_BANK_ENTRIES = 500;

/** The built-in unit's starter comments, keyed by the built-in rubric's criterion ids. */
const STARTER_TEXTS: readonly { criterionId: string; text: string }[] = [
  {
    criterionId: 'c-gq-rise',
    text: 'Show the steps, not only the outcome: how did the Cheka, the closing of the Constituent Assembly and the ban on other parties each move Russia towards one-party rule?',
  },
  {
    criterionId: 'c-gq-rise',
    text: 'You describe Stalin’s control well; now explain how the Bolsheviks had already concentrated power before he took over.',
  },
  {
    criterionId: 'c-gq-soviet-1920s',
    text: 'Explain why the switch from War Communism to the NEP helped the government survive, not just that it happened.',
  },
  {
    criterionId: 'c-gq-soviet-1920s',
    text: 'Which mattered most for securing the Soviet state: victory in the civil war, the NEP or the founding of the USSR in 1922? Weigh them.',
  },
  {
    criterionId: 'c-gq-stalin',
    text: 'Name his rivals and show how Stalin turned them against one another (Trotsky, then Zinoviev and Kamenev, then Bukharin).',
  },
  {
    criterionId: 'c-gq-stalin',
    text: 'Explain how the post of General Secretary gave Stalin power through appointments, and why his rivals underestimated it.',
  },
  {
    criterionId: 'c-gq-policies',
    text: 'Cover foreign policy too: how did the Comintern sit alongside Rapallo and the search for diplomatic recognition?',
  },
  {
    criterionId: 'c-gq-policies',
    text: 'Link the policies to their purpose: what was the NEP, and later the first Five-Year Plan, meant to achieve?',
  },
  {
    criterionId: 'c-thesis',
    text: 'Your thesis needs to make an arguable claim that answers all four questions; state it in your first paragraph.',
  },
  {
    criterionId: 'c-thesis',
    text: 'This paragraph retells events; add a sentence saying how it supports your overall argument.',
  },
  {
    criterionId: 'c-evidence',
    text: 'Support this claim with specific evidence: a name, a date, a policy or an event.',
  },
  {
    criterionId: 'c-evidence',
    text: 'Good evidence here. Explain how it proves your point rather than leaving the reader to connect it.',
  },
  {
    criterionId: 'c-accuracy',
    text: 'Check this fact against the unit’s background notes: the date or the people involved are not right.',
  },
  {
    criterionId: 'c-accuracy',
    text: 'Check who fought whom: the Whites were a mix of former tsarist officers, monarchists and liberals; the Mensheviks were not their leaders.',
  },
  {
    criterionId: 'c-organisation',
    text: 'Start this paragraph with a topic sentence that tells the reader which question it answers.',
  },
  {
    criterionId: 'c-organisation',
    text: 'Your conclusion should draw your answers together rather than introduce new material.',
  },
];

/** The starter entries that fit a rubric: those whose criterion the rubric still has. */
export function starterEntriesFor(rubric: Rubric): BankEntry[] {
  const ids = new Set(rubric.criteria.map((c) => c.id));
  return STARTER_TEXTS.flatMap((entry, index) =>
    ids.has(entry.criterionId) ? [{ id: `starter-${index + 1}`, text: entry.text, criterionId: entry.criterionId, starter: true }] : [],
  );
}

/** Whether an entry id names a starter entry (those are read-only). */
export function isStarterEntryId(id: string): boolean {
  return id.startsWith('starter-');
}

/**
 * Checks a bank entry's words and criterion.
 * @throws {InvalidInputError} with fieldErrors (`text`, `criterionId`).
 */
export function assertBankEntry(rubric: Rubric, entry: { text: string; criterionId?: string | null }): void {
  const text = entry.text.trim();
  let fieldErrors: Record<string, string> | null = null;
  if (text === '') fieldErrors = { text: 'Write the comment to save.' };
  else if (text.length > MAX_COMMENT_CHARS) {
    fieldErrors = { text: `Keep a saved comment to ${MAX_COMMENT_CHARS.toLocaleString('en-US')} characters or fewer.` };
  } else if (entry.criterionId && !rubric.criteria.some((c) => c.id === entry.criterionId)) {
    fieldErrors = { criterionId: 'This criterion is no longer in the rubric. Reload the page.' };
  }
  if (fieldErrors) throw new InvalidInputError(Object.values(fieldErrors)[0]!, { fieldErrors });
}

/** Lower case without accents, so "resume" finds "résumé". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The entries matching what the instructor typed: every word of the query must appear. Entries
 * for `criterionId` come first, then general ones, then other criteria's; own entries before starters.
 */
export function searchBank(entries: readonly BankEntry[], query: string, criterionId?: string): BankEntry[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const rank = (entry: BankEntry) =>
    (criterionId && entry.criterionId === criterionId ? 0 : entry.criterionId ? 2 : 1) * 2 + (entry.starter ? 1 : 0);
  return entries
    .map((entry, index) => ({ entry, index, folded: fold(entry.text) }))
    .filter(({ folded }) => words.every((word) => folded.includes(word)))
    .sort((a, b) => rank(a.entry) - rank(b.entry) || a.index - b.index)
    .map(({ entry }) => entry);
}
