// Finding a phrase (and any of its aliases) in an analysed essay, word by word, so "NEP" never
// matches inside "NEPMEN" and "Five-Year Plan" matches however wink splits the hyphens.
import { analyseText, tokenAt, type AnalysedText } from './text';

export interface PhraseMatch {
  /** First token and one past the last. */
  firstToken: number;
  endToken: number;
  start: number;
  end: number;
  sentence: number;
}

const aliasTokens = new Map<string, { norm: string; lemma: string }[]>();

function tokensOfAlias(alias: string): { norm: string; lemma: string }[] {
  let tokens = aliasTokens.get(alias);
  if (!tokens) {
    tokens = analyseText(alias).tokens.map((token) => ({ norm: token.norm, lemma: token.lemma }));
    aliasTokens.set(alias, tokens);
  }
  return tokens;
}

const wordIndexes = new WeakMap<AnalysedText, Map<string, number[]>>();

/** Where each word form and lemma stands, built once per essay so each alias is looked up, not scanned for. */
function indexOf(analysed: AnalysedText): Map<string, number[]> {
  let index = wordIndexes.get(analysed);
  if (!index) {
    index = new Map();
    analysed.tokens.forEach((token, position) => {
      for (const key of new Set([token.norm, token.lemma])) {
        const positions = index!.get(key);
        if (positions) positions.push(position);
        else index!.set(key, [position]);
      }
    });
    wordIndexes.set(analysed, index);
  }
  return index;
}

/** Every place where one of the aliases stands; a word matches by its form or, for the last word, its lemma. */
export function findPhrases(analysed: AnalysedText, aliases: readonly string[]): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  const { tokens } = analysed;
  const words = indexOf(analysed);
  for (const alias of aliases) {
    const wanted = tokensOfAlias(alias);
    const firstWord = wanted[0];
    if (!firstWord) continue;
    const starts = new Set([...(words.get(firstWord.norm) ?? []), ...(wanted.length === 1 ? (words.get(firstWord.lemma) ?? []) : [])]);
    for (const index of [...starts].sort((a, b) => a - b)) {
      if (index + wanted.length > tokens.length) continue;
      const matched = wanted.every((word, offset) => {
        const token = tokenAt(tokens, index + offset);
        const last = offset === wanted.length - 1;
        return token.norm === word.norm || (last && token.lemma === word.lemma && word.lemma.length > 2);
      });
      if (!matched) continue;
      const first = tokenAt(tokens, index);
      const end = tokenAt(tokens, index + wanted.length - 1);
      if (first.sentence !== end.sentence) continue;
      matches.push({ firstToken: index, endToken: index + wanted.length, start: first.start, end: end.end, sentence: first.sentence });
    }
  }
  // One match per place: the longest alias wins where two overlap ("White Army" over "White").
  matches.sort((a, b) => b.endToken - b.firstToken - (a.endToken - a.firstToken) || a.start - b.start);
  const kept: PhraseMatch[] = [];
  for (const match of matches) {
    if (kept.some((other) => match.start < other.end && other.start < match.end)) continue;
    kept.push(match);
  }
  kept.sort((a, b) => a.start - b.start);
  return kept;
}
