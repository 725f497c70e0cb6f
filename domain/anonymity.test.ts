import { describe, expect, it } from 'vitest';
import { anonymousLabel, assertMayRelease, namesHidden, numberNewcomers } from './anonymity';
import { NamesHiddenError } from './errors';

const keyed = (userId: string, orderKey: string) => ({ userId, orderKey });

describe('numberNewcomers', () => {
  it('numbers a first class 1…N in the order of the keys, not of the ids or the input', () => {
    const numbers = numberNewcomers(new Map(), [keyed('ada', 'c'), keyed('ben', 'a'), keyed('cy', 'b')]);
    expect(Object.fromEntries(numbers)).toEqual({ ben: 1, cy: 2, ada: 3 });
  });

  it('keeps every number when students join later: newcomers take the next free numbers', () => {
    const first = numberNewcomers(new Map(), [keyed('ada', 'c'), keyed('ben', 'a')]);
    // "dee" sorts before everyone already numbered, yet nobody else moves.
    const later = numberNewcomers(first, [keyed('ada', 'c'), keyed('ben', 'a'), keyed('dee', '0'), keyed('cy', 'b')]);
    expect(Object.fromEntries(first)).toEqual({ ben: 1, ada: 2 });
    expect(Object.fromEntries(later)).toEqual({ dee: 3, cy: 4 });
  });

  it('fills a free number before counting on (a number never held twice)', () => {
    const numbers = numberNewcomers(new Map([['ada', 1], ['ben', 3]]), [keyed('cy', 'x'), keyed('dee', 'y')]);
    expect(Object.fromEntries(numbers)).toEqual({ cy: 2, dee: 4 });
  });

  it('gives the same answer whatever order the newcomers come in, and numbers a repeated student once', () => {
    const a = numberNewcomers(new Map(), [keyed('a', '2'), keyed('b', '1'), keyed('c', '1')]);
    const b = numberNewcomers(new Map(), [keyed('c', '1'), keyed('a', '2'), keyed('b', '1'), keyed('b', '1')]);
    expect(Object.fromEntries(a)).toEqual(Object.fromEntries(b));
    expect(Object.fromEntries(a)).toEqual({ b: 1, c: 2, a: 3 });
  });
});

describe('anonymous grading state', () => {
  it('hides names only while the setting is on and the names are not revealed', () => {
    expect(namesHidden({})).toBe(false);
    expect(namesHidden({ anonymousGrading: false })).toBe(false);
    expect(namesHidden({ anonymousGrading: true })).toBe(true);
    expect(namesHidden({ anonymousGrading: true, namesRevealedAt: new Date() })).toBe(false);
  });

  it('names a student by number', () => {
    expect(anonymousLabel(12)).toBe('Student 12');
  });

  it('refuses a release while names are hidden unless confirmed', () => {
    expect(() => assertMayRelease({ anonymousGrading: true }, false)).toThrow(NamesHiddenError);
    expect(() => assertMayRelease({ anonymousGrading: true }, true)).not.toThrow();
    expect(() => assertMayRelease({ anonymousGrading: true, namesRevealedAt: '2026-01-01T00:00:00Z' }, false)).not.toThrow();
    expect(() => assertMayRelease({}, false)).not.toThrow();
    try {
      assertMayRelease({ anonymousGrading: true }, false);
    } catch (error) {
      expect(error).toMatchObject({ code: 'NAMES_HIDDEN', status: 409 });
    }
  });
});
