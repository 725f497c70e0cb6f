import { describe, expect, it } from 'vitest';
import {
  describeDuration,
  describeWritingProcess,
  LARGE_ADDITION_WORDS,
  SESSION_GAP_MS,
  type WritingSample,
} from './writing-process';

const START = Date.UTC(2026, 10, 2, 9, 0);
const minutes = (n: number) => n * 60_000;

/** Saves at the given minutes after START with the given word counts, revisions 1, 2, 3… */
function saves(...points: [minute: number, words: number][]): WritingSample[] {
  return points.map(([minute, words], index) => ({
    revision: index + 1,
    savedAt: new Date(START + minutes(minute)),
    words,
    chars: words * 6,
  }));
}

describe('describeWritingProcess', () => {
  it('describes an essay with no saves as nothing written', () => {
    const process = describeWritingProcess([]);
    expect(process).toEqual({ saves: 0, sessions: [], totalTimeMs: 0, largeAdditions: [], timeline: [], finalWords: 0 });
  });

  it('groups saves less than thirty minutes apart into one session and sums the sessions', () => {
    const process = describeWritingProcess(saves([0, 10], [5, 40], [29, 70], [120, 90], [140, 150], [300, 160]));
    expect(process.sessions.map((s) => [s.saves, s.durationMs, s.wordsBefore, s.wordsAfter])).toEqual([
      [3, minutes(29), 0, 70],
      [2, minutes(20), 70, 150],
      [1, 0, 150, 160],
    ]);
    expect(process.totalTimeMs).toBe(minutes(49));
    expect(process.finalWords).toBe(160);
    expect(process.saves).toBe(6);
  });

  it('starts a new session at exactly the gap, not before it', () => {
    const justUnder = describeWritingProcess(saves([0, 1], [29.99, 2]));
    const atGap = describeWritingProcess([
      { revision: 1, savedAt: new Date(START), words: 1 },
      { revision: 2, savedAt: new Date(START + SESSION_GAP_MS), words: 2 },
    ]);
    expect(justUnder.sessions).toHaveLength(1);
    expect(atGap.sessions).toHaveLength(2);
  });

  it('sorts saves by revision whatever order they come in', () => {
    const process = describeWritingProcess(saves([0, 10], [1, 20], [2, 30]).reverse());
    expect(process.timeline.map((point) => point.words)).toEqual([10, 20, 30]);
  });

  it.each([
    ['exactly the threshold', LARGE_ADDITION_WORDS, 0],
    ['one word more', LARGE_ADDITION_WORDS + 1, 1],
  ])('lists a save adding %s words at once only above the threshold', (_name, added, listed) => {
    const process = describeWritingProcess(saves([0, 20], [1, 20 + added]));
    expect(process.largeAdditions).toHaveLength(listed);
  });

  it('lists large additions with their time, words and characters added', () => {
    const process = describeWritingProcess(saves([0, 30], [1, 35], [2, 235], [3, 240]));
    expect(process.largeAdditions).toEqual([
      { revision: 3, savedAt: new Date(START + minutes(2)), wordsAdded: 200, charsAdded: 1200 },
    ]);
  });

  it('measures the first revision against the empty essay', () => {
    const process = describeWritingProcess(saves([0, 500]));
    expect(process.largeAdditions).toEqual([{ revision: 1, savedAt: new Date(START), wordsAdded: 500, charsAdded: 3000 }]);
  });

  it('does not list a change whose previous save is unknown (a gap in the revisions)', () => {
    const samples: WritingSample[] = [
      { revision: 4, savedAt: new Date(START), words: 10 },
      { revision: 7, savedAt: new Date(START + minutes(1)), words: 400 },
    ];
    expect(describeWritingProcess(samples).largeAdditions).toEqual([]);
  });

  it('does not list deletions or text replaced by less', () => {
    const process = describeWritingProcess(saves([0, 400], [1, 20], [2, 60]));
    expect(process.largeAdditions.map((a) => a.revision)).toEqual([1]);
  });

  it('leaves characters out when a save has none recorded', () => {
    const samples: WritingSample[] = [
      { revision: 1, savedAt: new Date(START), words: 5 },
      { revision: 2, savedAt: new Date(START + minutes(1)), words: 300, chars: 1800 },
    ];
    expect(describeWritingProcess(samples).largeAdditions).toEqual([
      { revision: 2, savedAt: new Date(START + minutes(1)), wordsAdded: 295 },
    ]);
  });

  it('takes its thresholds from the options', () => {
    const process = describeWritingProcess(saves([0, 10], [10, 30]), { sessionGapMs: minutes(5), largeAdditionWords: 15 });
    expect(process.sessions).toHaveLength(2);
    expect(process.largeAdditions.map((a) => a.wordsAdded)).toEqual([20]);
  });
});

describe('describeDuration', () => {
  it.each([
    [0, 'under a minute'],
    [minutes(0.4), 'under a minute'],
    [minutes(1), '1 minute'],
    [minutes(42), '42 minutes'],
    [minutes(60), '1 hour'],
    [minutes(61), '1 hour 1 minute'],
    [minutes(185), '3 hours 5 minutes'],
  ])('describes %d ms as "%s"', (ms, text) => {
    expect(describeDuration(ms)).toBe(text);
  });
});
