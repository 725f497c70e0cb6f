import { describe, expect, it } from 'vitest';
import { assertBankEntry, isStarterEntryId, searchBank, starterEntriesFor, type BankEntry } from './comment-bank';
import { InvalidInputError } from './errors';
import { builtInRubric, type Rubric } from './rubric';

describe('starterEntriesFor', () => {
  it('gives the built-in rubric at least two starter comments for every criterion', () => {
    const entries = starterEntriesFor(builtInRubric);
    for (const criterion of builtInRubric.criteria) {
      expect(entries.filter((e) => e.criterionId === criterion.id).length, criterion.id).toBeGreaterThanOrEqual(2);
    }
    expect(entries.every((e) => e.starter && isStarterEntryId(e.id))).toBe(true);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });

  it('leaves out starters whose criterion a rubric does not have', () => {
    const edited: Rubric = { ...builtInRubric, criteria: builtInRubric.criteria.filter((c) => c.id === 'c-thesis') };
    const entries = starterEntriesFor(edited);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.criterionId === 'c-thesis')).toBe(true);
    expect(starterEntriesFor({ ...builtInRubric, criteria: [] })).toEqual([]);
  });
});

describe('assertBankEntry', () => {
  const fieldsOf = (run: () => void) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return Object.keys((error as InvalidInputError).fieldErrors ?? {});
    }
    return [];
  };

  it('wants words, at most MAX_COMMENT_CHARS of them, and a criterion of the rubric', () => {
    expect(fieldsOf(() => assertBankEntry(builtInRubric, { text: 'Cite a date.', criterionId: 'c-evidence' }))).toEqual([]);
    expect(fieldsOf(() => assertBankEntry(builtInRubric, { text: ' \n ' }))).toEqual(['text']);
    expect(fieldsOf(() => assertBankEntry(builtInRubric, { text: 'x'.repeat(5001) }))).toEqual(['text']);
    expect(fieldsOf(() => assertBankEntry(builtInRubric, { text: 'Fine', criterionId: 'c-nope' }))).toEqual(['criterionId']);
  });
});

describe('searchBank', () => {
  const entries: BankEntry[] = [
    { id: 'starter-1', text: 'Name a date for this event.', criterionId: 'c-evidence', starter: true },
    { id: '1', text: 'Which date? Check the résumé of events.', criterionId: 'c-accuracy', starter: false },
    { id: '2', text: 'A date would help here.', starter: false },
    { id: '3', text: 'Topic sentence first.', criterionId: 'c-organisation', starter: false },
  ];

  it('finds entries containing every word typed, ignoring case and accents', () => {
    expect(searchBank(entries, 'RESUME date').map((e) => e.id)).toEqual(['1']);
    expect(searchBank(entries, 'nothing like this')).toEqual([]);
  });

  it('puts the criterion’s own entries first, then general ones, own before starters', () => {
    expect(searchBank(entries, 'date', 'c-evidence').map((e) => e.id)).toEqual(['starter-1', '2', '1']);
    expect(searchBank(entries, 'date', 'c-accuracy').map((e) => e.id)).toEqual(['1', '2', 'starter-1']);
    expect(searchBank(entries, '').map((e) => e.id)).toEqual(['2', '1', '3', 'starter-1']);
  });
});
