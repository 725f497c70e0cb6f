// Fact checks against the unit's fact sheet. Precision comes first: a flag is raised only when the
// essay's own words tie the wrong year, identity or actor to the fact's subject inside one sentence
// (a year beside the event, "X was Y", "A introduced D"); anything looser is left alone, because a
// false accusation costs the instructor's trust in every other suggestion.
import type { ActorFact, DateFact, Fact, IdentityFact, MisnomerFact } from './knowledge';
import { findPhrases, type PhraseMatch } from './phrases';
import { sentenceAt, tokenAt, type AnalysedText } from './text';

export interface FactFlag {
  factId: string;
  start: number;
  end: number;
  quote: string;
  /** What the essay says, in a few words. */
  says: string;
  /** What the fact sheet says. */
  fact: string;
}

const YEAR = /^(1[6-9]\d\d|20[0-4]\d)$/;
/** A year after these words bounds the event rather than dating it ("by 1929", "after 1924"). */
const BOUNDING_WORDS = new Set(['by', 'after', 'before', 'until', 'till', 'since', 'than', 'following', 'around', 'about', 'circa', 'c.']);
const NEGATIONS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor', 'instead', 'unlike', 'rather', 'wrongly', 'falsely', 'myth']);
const CLAUSE_BREAKS = new Set([';', ':']);
const LINKS = new Set(['was', 'were', 'is', 'are', 'meant', 'means', 'mean', 'stood', 'stands', 'called', 'known', 'namely', 'i.e.']);
/** Words before a wrong name that turn it round ("anti-Bolshevik", "fought the Bolsheviks"). */
const OPPOSING_WORDS = new Set(['anti', 'non', '-', 'against', 'opposed', 'opposing', 'fought', 'fighting', 'with', 'from', 'by', 'than', 'unlike', 'enemies', 'enemy', 'of', 'and', 'or', 'beat', 'defeated']);

interface Check {
  analysed: AnalysedText;
  flags: FactFlag[];
}

function tokenRange(check: Check, first: number, end: number): string[] {
  return check.analysed.tokens.slice(first, end).map((token) => token.norm);
}

function crossesClause(check: Check, from: number, to: number): boolean {
  const [first, end] = from < to ? [from, to] : [to, from];
  return tokenRange(check, first, end).some((word) => CLAUSE_BREAKS.has(word));
}

function negated(check: Check, from: number, to: number): boolean {
  const [first, end] = from < to ? [from, to] : [to, from];
  return tokenRange(check, first, end).some((word) => NEGATIONS.has(word));
}

function sentenceWords(check: Check, sentence: number): Set<string> {
  const { firstToken, endToken } = sentenceAt(check.analysed, sentence);
  return new Set(check.analysed.tokens.slice(firstToken, endToken).flatMap((token) => [token.norm, token.lemma]));
}

function raise(check: Check, factId: string, from: number, to: number, says: string, fact: string): void {
  if (check.flags.some((flag) => flag.factId === factId && flag.start < to && from < flag.end)) return;
  check.flags.push({ factId, start: from, end: to, quote: check.analysed.text.slice(from, to), says, fact });
}

interface YearMention {
  token: number;
  year: number;
}

function yearsIn(check: Check, sentence: number): YearMention[] {
  const { firstToken, endToken } = sentenceAt(check.analysed, sentence);
  const mentions: YearMention[] = [];
  for (let index = firstToken; index < endToken; index++) {
    const word = tokenAt(check.analysed.tokens, index).norm;
    if (YEAR.test(word)) mentions.push({ token: index, year: Number(word) });
  }
  return mentions;
}

function distance(year: YearMention, match: PhraseMatch): number {
  if (year.token < match.firstToken) return match.firstToken - year.token;
  if (year.token >= match.endToken) return year.token - match.endToken + 1;
  return 0;
}

/** Verbs that name the event itself rather than another one ("Rapallo, signed in 1923"). */
const EVENT_VERBS = new Set(['sign', 'hold', 'found', 'form', 'create', 'agree', 'conclude', 'happen', 'begin', 'start', 'introduce', 'launch', 'adopt', 'establish']);
const RELATIVE_WORDS = new Set(['who', 'which', 'that', 'whom', 'whose', 'when', 'where']);

/**
 * A year with another verb between it and the event dates that verb instead ("sailors who had backed
 * Lenin in 1917 rebelled"): the year must sit in the event's own clause.
 */
function belongsToAnotherVerb(check: Check, year: YearMention, anchor: PhraseMatch, subject: PhraseMatch): boolean {
  const { tokens } = check.analysed;
  const first = Math.min(subject.firstToken, anchor.firstToken);
  const end = Math.max(subject.endToken, anchor.endToken);
  // Between the subject and its action the whole stretch must be the event's ("Kronstadt sailors who … rebelled").
  const [from, to] =
    year.token > first && year.token < end
      ? [first, end]
      : year.token < first
        ? [year.token + 1, first]
        : [end, year.token];
  for (let index = from; index < to; index++) {
    if (index >= subject.firstToken && index < subject.endToken) continue;
    if (index >= anchor.firstToken && index < anchor.endToken) continue;
    const token = tokenAt(tokens, index);
    if ((token.pos === 'VERB' && !EVENT_VERBS.has(token.lemma)) || RELATIVE_WORDS.has(token.norm)) return true;
  }
  return false;
}

/** Where each dated event is named: by its action near its subject, or by its subject alone. */
function dateAnchors(check: Check, fact: DateFact): { anchor: PhraseMatch; subject: PhraseMatch; reach: number }[] {
  const subjects = findPhrases(check.analysed, fact.subject);
  if (!fact.action) return subjects.map((subject) => ({ anchor: subject, subject, reach: 4 }));
  const actions = findPhrases(check.analysed, fact.action);
  const anchors: { anchor: PhraseMatch; subject: PhraseMatch; reach: number }[] = [];
  for (const subject of subjects) {
    for (const action of actions) {
      if (action.sentence !== subject.sentence) continue;
      const gap = action.firstToken >= subject.endToken ? action.firstToken - subject.endToken : subject.firstToken - action.endToken;
      if (gap < 0 || gap > 8 || crossesClause(check, subject.firstToken, action.firstToken)) continue;
      anchors.push({ anchor: action, subject, reach: 6 });
    }
  }
  return anchors;
}

function checkDates(check: Check, facts: DateFact[]): void {
  const anchorsByFact = facts.map((fact) => ({ fact, anchors: dateAnchors(check, fact) }));
  const allAnchors = anchorsByFact.flatMap(({ fact, anchors }) => anchors.map((found) => ({ fact, ...found })));
  for (const { fact, anchors } of anchorsByFact) {
    for (const { anchor, subject, reach } of anchors) {
      if (fact.unless?.some((word) => sentenceWords(check, anchor.sentence).has(word.toLowerCase()))) continue;
      const reachOf = (year: YearMention) => Math.min(distance(year, anchor), distance(year, subject));
      // The nearest year dates the event; on a tie the one after it ("expelled in 1927 and deported in 1929").
      const years = yearsIn(check, anchor.sentence)
        .filter((year) => reachOf(year) <= reach && !crossesClause(check, year.token, anchor.firstToken))
        .filter((year) => !belongsToAnotherVerb(check, year, anchor, subject))
        .sort((a, b) => reachOf(a) - reachOf(b) || b.token - a.token);
      const year = years[0];
      if (!year || fact.years.includes(year.year)) continue;
      const before = check.analysed.tokens.slice(Math.max(0, year.token - 2), year.token).map((token) => token.norm);
      if (before.some((word) => BOUNDING_WORDS.has(word))) continue;
      // Another event named as close to the year owns it ("made General Secretary after Lenin died in 1924").
      const nearest = reachOf(year);
      const claimedElsewhere = allAnchors.some((other) => {
        if (other.fact.id === fact.id || other.anchor.sentence !== anchor.sentence) return false;
        const otherReach = Math.min(distance(year, other.anchor), distance(year, other.subject));
        return otherReach < nearest || (otherReach === nearest && other.fact.years.includes(year.year));
      });
      if (claimedElsewhere || negated(check, Math.min(year.token, subject.firstToken), Math.max(year.token, anchor.endToken))) continue;
      const tokens = check.analysed.tokens;
      // The quote is the event and its year, without the rest of the sentence.
      const yearToken = tokenAt(tokens, year.token);
      const from = Math.min(yearToken.start, anchor.start);
      const to = Math.max(yearToken.end, anchor.end);
      const named = check.analysed.text.slice(subject.start, subject.end);
      const action = anchor === subject ? '' : ` ${check.analysed.text.slice(anchor.start, anchor.end)}`;
      raise(check, fact.id, from, to, `${named}${action} in ${year.year}`, fact.fact);
    }
  }
}

function checkIdentity(check: Check, fact: IdentityFact): void {
  const { tokens } = check.analysed;
  const subjects = findPhrases(check.analysed, fact.subject);
  for (const wrong of fact.wrong) {
    for (const mention of findPhrases(check.analysed, wrong.aliases)) {
      const before = tokens.slice(Math.max(0, mention.firstToken - 2), mention.firstToken).map((token) => token.norm);
      const prefixed = ['anti', 'non', '-'].includes(before[before.length - 1] ?? '');
      for (const subject of subjects) {
        if (subject.sentence !== mention.sentence) continue;
        // The words just before the wrong name, not counting the subject's own ("Treaty of Rapallo").
        const opposed = tokens
          .slice(Math.max(subject.endToken, mention.firstToken - 2), mention.firstToken)
          .some((token) => OPPOSING_WORDS.has(token.norm));
        if (fact.unless?.some((word) => sentenceWords(check, subject.sentence).has(word.toLowerCase()))) continue;
        // "Menshevik Whites": the wrong name used as the subject's own adjective.
        const adjective = mention.endToken === subject.firstToken && !prefixed;
        // "The Politburo was the secret police": subject, a linking word, the wrong name.
        const gap = mention.firstToken - subject.endToken;
        const between = tokenRange(check, subject.endToken, mention.firstToken);
        const next = tokens[mention.endToken];
        const usedAsNoun = !next || !['NOUN', 'PROPN'].includes(next.pos) || next.sentence !== mention.sentence;
        const linked =
          !opposed &&
          gap >= (fact.near ? 0 : 1) &&
          gap <= 10 &&
          (fact.near || between.some((word) => LINKS.has(word) || (fact.links ?? []).includes(word))) &&
          usedAsNoun &&
          !crossesClause(check, subject.endToken, mention.firstToken) &&
          !negated(check, subject.firstToken, mention.firstToken);
        if (!adjective && !linked) continue;
        const from = Math.min(subject.start, mention.start);
        const to = Math.max(subject.end, mention.end);
        raise(check, fact.id, from, to, wrong.says, fact.fact);
      }
    }
  }
}

function checkActor(check: Check, fact: ActorFact): void {
  const { tokens } = check.analysed;
  const deeds = findPhrases(check.analysed, fact.deed);
  const verbs = findPhrases(check.analysed, fact.verbs);
  for (const wrong of fact.wrongActors) {
    for (const actor of findPhrases(check.analysed, wrong.aliases)) {
      for (const deed of deeds) {
        if (deed.sentence !== actor.sentence) continue;
        const [first, last] = actor.firstToken < deed.firstToken ? [actor, deed] : [deed, actor];
        if (crossesClause(check, first.firstToken, last.endToken) || negated(check, first.firstToken, last.endToken)) continue;
        let says: string | undefined;
        // "Stalin started the NEP" / "Lenin and Stalin led the revolution".
        for (const verb of verbs) {
          if (verb.sentence !== actor.sentence) continue;
          const actorToVerb = verb.firstToken - actor.endToken;
          const verbToDeed = deed.firstToken - verb.endToken;
          if (actorToVerb >= 0 && actorToVerb <= 6 && verbToDeed >= 0 && verbToDeed <= 4) {
            const gapTokens = tokens.slice(actor.endToken, verb.firstToken);
            const otherActor = gapTokens.some(
              (token, index) => token.pos === 'PROPN' && (gapTokens[index - 1]?.norm ?? '') !== 'and',
            );
            if (!otherActor) says = `${wrong.name} ${check.analysed.text.slice(verb.start, verb.end)} ${check.analysed.text.slice(deed.start, deed.end)}`;
          }
          // "The NEP was introduced by Stalin".
          const deedToVerb = verb.firstToken - deed.endToken;
          const verbToActor = actor.firstToken - verb.endToken;
          const by = tokenRange(check, verb.endToken, actor.firstToken);
          if (deedToVerb >= 0 && deedToVerb <= 3 && verbToActor >= 1 && verbToActor <= 3 && by[0] === 'by') {
            says = `${check.analysed.text.slice(deed.start, deed.end)} ${check.analysed.text.slice(verb.start, verb.end)} by ${wrong.name}`;
          }
        }
        // "The Five-Year Plan was Lenin's plan" / "Stalin's NEP".
        const possessive = tokens[actor.endToken]?.norm === "'s";
        if (possessive) {
          const deedFirst = actor.firstToken - deed.endToken;
          const linking = tokenRange(check, deed.endToken, actor.firstToken);
          if (deed.firstToken === actor.endToken + 1 || (deedFirst >= 1 && deedFirst <= 3 && linking.some((word) => LINKS.has(word)))) {
            says = `${check.analysed.text.slice(deed.start, deed.end)} was ${wrong.name}'s`;
          }
        }
        if (says) raise(check, fact.id, first.start, last.end, says, fact.fact);
      }
    }
  }
}

function checkMisnomer(check: Check, fact: MisnomerFact): void {
  for (const mention of findPhrases(check.analysed, fact.wrong)) {
    raise(check, fact.id, mention.start, mention.end, fact.says, fact.fact);
  }
}

export function checkFacts(analysed: AnalysedText, facts: readonly Fact[]): FactFlag[] {
  const check: Check = { analysed, flags: [] };
  checkDates(check, facts.filter((fact): fact is DateFact => fact.kind === 'date'));
  for (const fact of facts) {
    if (fact.kind === 'identity') checkIdentity(check, fact);
    if (fact.kind === 'actor') checkActor(check, fact);
    if (fact.kind === 'misnomer') checkMisnomer(check, fact);
  }
  return check.flags.sort((a, b) => a.start - b.start);
}
