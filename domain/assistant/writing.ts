// What the essay's structure shows, for the writing criteria: an opening claim, paragraphs and their
// topic sentences, evidence (dates, names, quotations) tied to claims, transitions and a conclusion.
import { sentenceAt, type AnalysedText } from './text';

export interface WritingFeatures {
  words: number;
  sentences: number;
  paragraphs: number;
  wordsPerSentence: number;
  /** Share of sentences that explain (because, so, therefore, led to, which meant, …). */
  explainingShare: number;
  /** Sentences that explain, as indexes. */
  explaining: number[];
  /** Distinct years named. */
  years: number;
  /** Distinct proper names (people, places, bodies). */
  names: number;
  /** Quotations of three or more words. */
  quotations: { start: number; end: number }[];
  /** Distinct transition words used between ideas. */
  transitions: number;
  /** Share of sentences that start with a small letter. */
  lowercaseStarts: number;
  /** The sentence in the opening that states a claim, if any. */
  openingClaim?: number;
  /** The opening only announces a plan ("this essay will look at"). */
  announcesOnly: boolean;
  /** The sentence that concludes, if any. */
  conclusion?: number;
}

/** Words and phrases of a sentence that explains or weighs rather than retells. */
const EXPLAINING = ['because', 'therefore', 'thus', 'hence', 'consequently', 'consequence', 'so', 'meant', 'allowed', 'enabled', 'key', 'crucial', 'significant', 'important', 'mattered', 'matters', 'shows', 'showed', 'shaped', 'rather', 'instead', 'however', 'although', 'whereas', 'while', 'why', 'reason'];
const EXPLAINING_PHRASES = [/\bled to\b/i, /\bin order to\b/i, /\bso that\b/i, /\babove all\b/i, /\bgrew out of\b/i, /\bnot only\b/i, /\b(this|which) (meant|shows|allowed|gave|made)\b/i, /\bas a result\b/i];
const TRANSITIONS = ['however', 'therefore', 'moreover', 'furthermore', 'meanwhile', 'finally', 'although', 'instead', 'overall', 'thus', 'consequently', 'nevertheless', 'similarly', 'likewise', 'whereas', 'yet', 'first', 'second', 'third', 'firstly', 'secondly', 'lastly', 'later', 'ultimately', 'indeed'];
const CLAIM_WORDS = ['because', 'rather', 'not', 'through', 'by', 'due', 'result', 'key', 'mainly', 'largely', 'above', 'most', 'argue', 'shows', 'was', 'were'];
const ANNOUNCING = [/\bthis essay (will|is going to)\b/i, /\bi (will|am going to) (look|talk|write|explain|discuss)\b/i, /\bin this essay i\b/i];
const CONCLUDING = [/^\s*(in conclusion|to conclude|overall|in the end|in summary|to sum up|all in all|ultimately|in short)\b/i];

function isWord(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

export function writingFeatures(analysed: AnalysedText): WritingFeatures {
  const { tokens, sentences, paragraphs, text } = analysed;
  const words = tokens.filter((token) => isWord(token.text)).length;
  const sentenceWords = (index: number) => {
    const sentence = sentenceAt(analysed, index);
    return tokens.slice(sentence.firstToken, sentence.endToken);
  };
  const sentenceText = (index: number) => {
    const sentence = sentenceAt(analysed, index);
    return text.slice(sentence.start, sentence.end);
  };
  const isQuestion = (index: number) => sentenceText(index).trim().endsWith('?');
  const explaining = sentences.flatMap((sentence, index) =>
    sentenceWords(index).some((token) => EXPLAINING.includes(token.norm)) ||
    EXPLAINING_PHRASES.some((pattern) => pattern.test(text.slice(sentence.start, sentence.end)))
      ? [index]
      : [],
  );
  const years = new Set(tokens.filter((token) => /^1[6-9]\d\d$/.test(token.text)).map((token) => token.text)).size;
  const names = new Set(tokens.filter((token) => token.pos === 'PROPN' && /^\p{Lu}/u.test(token.text)).map((token) => token.norm)).size;
  const quotations = [...text.matchAll(/["“]([^"”\n]+)["”]/g)]
    .filter((match) => (match[1] ?? '').trim().split(/\s+/).length >= 3)
    .map((match) => ({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length }));
  const transitions = new Set(tokens.filter((token) => TRANSITIONS.includes(token.norm)).map((token) => token.norm)).size;
  const lowercaseStarts = sentences.filter((_, index) => {
    const first = sentenceWords(index).find((token) => /\p{L}/u.test(token.text));
    return first !== undefined && /^\p{Ll}/u.test(first.text);
  }).length;

  // The opening: the first paragraph that is not just the questions copied out (or, in an essay of
  // one paragraph, its first three sentences).
  const opening =
    paragraphs.length > 1
      ? paragraphs.find((paragraph) => {
          for (let index = paragraph.firstSentence; index < paragraph.endSentence; index++) if (!isQuestion(index)) return true;
          return false;
        })
      : { firstSentence: 0, endSentence: Math.min(3, sentences.length) };
  let openingClaim: number | undefined;
  let announcesOnly = false;
  for (let index = opening?.firstSentence ?? 0; index < (opening?.endSentence ?? 0); index++) {
    if (isQuestion(index)) continue;
    if (ANNOUNCING.some((pattern) => pattern.test(sentenceText(index)))) {
      announcesOnly = openingClaim === undefined;
      continue;
    }
    const long = sentenceWords(index).filter((token) => isWord(token.text)).length >= 12;
    if (openingClaim === undefined && long && sentenceWords(index).some((token) => CLAIM_WORDS.includes(token.norm))) {
      openingClaim = index;
      announcesOnly = false;
    }
  }

  const last = paragraphs[paragraphs.length - 1];
  let conclusion: number | undefined;
  if (last && paragraphs.length > 1) {
    for (let index = last.firstSentence; index < last.endSentence; index++) {
      if (CONCLUDING.some((pattern) => pattern.test(sentenceText(index)))) conclusion ??= index;
    }
    if (conclusion === undefined && last.endSentence - last.firstSentence >= 2) conclusion = last.firstSentence;
  }

  return {
    words,
    sentences: sentences.length,
    paragraphs: paragraphs.length,
    wordsPerSentence: sentences.length ? words / sentences.length : 0,
    explainingShare: sentences.length ? explaining.length / sentences.length : 0,
    explaining,
    years,
    names,
    quotations,
    transitions,
    lowercaseStarts: sentences.length ? lowercaseStarts / sentences.length : 0,
    openingClaim,
    announcesOnly,
    conclusion,
  };
}
