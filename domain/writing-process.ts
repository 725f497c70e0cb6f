/**
 * How an essay was written, from the small statistics every save leaves behind (its number,
 * time, word and character counts — never the text): writing sessions, time spent, and saves
 * that added a lot of text at once. It describes; it does not judge. A large addition can be a
 * paste from the student's own notes, text written while offline, or an earlier version put
 * back, and the instructor sees it as context for a conversation.
 */

/** One save of the essay, as recorded with its revision. */
export interface WritingSample {
  /** The revision the save claimed: consecutive saves have consecutive numbers. */
  revision: number;
  savedAt: Date;
  words: number;
  /** Characters in the text; absent for saves recorded before characters were counted. */
  chars?: number;
}

/** A stretch of writing: saves less than `sessionGapMs` apart. */
export interface WritingSession {
  start: Date;
  end: Date;
  /** From the session's first save to its last (time before the first save cannot be seen). */
  durationMs: number;
  saves: number;
  /** Words before the session (after the previous one), and at its end. */
  wordsBefore: number;
  wordsAfter: number;
}

/** One save that added more than the threshold of words at once. */
export interface LargeAddition {
  revision: number;
  savedAt: Date;
  wordsAdded: number;
  /** Characters added by that save, when both counts are known. */
  charsAdded?: number;
}

export interface WritingProcess {
  saves: number;
  sessions: WritingSession[];
  totalTimeMs: number;
  largeAdditions: LargeAddition[];
  /** Words at each save, oldest first, for the timeline. */
  timeline: { revision: number; savedAt: Date; words: number }[];
  finalWords: number;
}

/** Saves further apart than this start a new session. */
export const SESSION_GAP_MS = 30 * 60_000;
/** A save adding more words than this at once is listed. */
export const LARGE_ADDITION_WORDS = 80;

export interface WritingProcessOptions {
  sessionGapMs?: number;
  largeAdditionWords?: number;
}

/**
 * The writing process of one essay from its saves, in any order. A save's additions are
 * measured against the save just before it (or the empty essay, for revision 1); where the
 * save before is missing from the samples, its change is unknown and it is not listed.
 */
export function describeWritingProcess(samples: readonly WritingSample[], options: WritingProcessOptions = {}): WritingProcess {
  const gap = options.sessionGapMs ?? SESSION_GAP_MS;
  const threshold = options.largeAdditionWords ?? LARGE_ADDITION_WORDS;
  const saves = [...samples].sort((a, b) => a.revision - b.revision);

  const sessions: WritingSession[] = [];
  const largeAdditions: LargeAddition[] = [];
  let previous: WritingSample | undefined;
  for (const save of saves) {
    const current = sessions.at(-1);
    if (current && previous && save.savedAt.getTime() - previous.savedAt.getTime() < gap) {
      current.end = save.savedAt;
      current.durationMs = save.savedAt.getTime() - current.start.getTime();
      current.saves += 1;
      current.wordsAfter = save.words;
    } else {
      sessions.push({
        start: save.savedAt,
        end: save.savedAt,
        durationMs: 0,
        saves: 1,
        wordsBefore: previous?.words ?? 0,
        wordsAfter: save.words,
      });
    }
    const before = baselineOf(save, previous);
    if (before && save.words - before.words > threshold) {
      const addition: LargeAddition = { revision: save.revision, savedAt: save.savedAt, wordsAdded: save.words - before.words };
      if (save.chars !== undefined && before.chars !== undefined) addition.charsAdded = save.chars - before.chars;
      largeAdditions.push(addition);
    }
    previous = save;
  }

  return {
    saves: saves.length,
    sessions,
    totalTimeMs: sessions.reduce((sum, session) => sum + session.durationMs, 0),
    largeAdditions,
    timeline: saves.map((save) => ({ revision: save.revision, savedAt: save.savedAt, words: save.words })),
    finalWords: saves.at(-1)?.words ?? 0,
  };
}

/** What a save changed from: the save just before it, the empty essay for the first, else unknown. */
function baselineOf(save: WritingSample, previous: WritingSample | undefined): { words: number; chars?: number } | null {
  if (previous && previous.revision === save.revision - 1) return previous;
  if (!previous && save.revision === 1) return { words: 0, chars: 0 };
  return null;
}

/** A duration in words: "under a minute", "42 minutes", "3 hours 5 minutes". */
export function describeDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const minutesText = `${rest} minute${rest === 1 ? '' : 's'}`;
  if (hours === 0) return minutesText;
  const hoursText = `${hours} hour${hours === 1 ? '' : 's'}`;
  return rest === 0 ? hoursText : `${hoursText} ${minutesText}`;
}
