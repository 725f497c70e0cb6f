// The essay as the assistant reads it: sentences and word tokens with their character ranges in the
// original text, from wink-nlp's English model (shipped inside its npm package, so nothing is
// downloaded and the same text always gives the same tokens).
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Token {
  /** As written. */
  text: string;
  /** Lower case, curly quotes straightened: what matching compares. */
  norm: string;
  lemma: string;
  /** wink's universal part of speech (NOUN, VERB, PROPN, NUM, PUNCT, …). */
  pos: string;
  start: number;
  end: number;
  /** Index of the sentence the token belongs to. */
  sentence: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Index of its first token and one past its last. */
  firstToken: number;
  endToken: number;
  paragraph: number;
}

export interface Paragraph {
  start: number;
  end: number;
  firstSentence: number;
  endSentence: number;
}

export interface AnalysedText {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  paragraphs: Paragraph[];
}

let nlp: ReturnType<typeof winkNLP> | undefined;

function engine(): ReturnType<typeof winkNLP> {
  // Loading the model takes a moment; do it once, on first use.
  nlp ??= winkNLP(model);
  return nlp;
}

/** The token at an index known to be in range. */
export function tokenAt(tokens: readonly Token[], index: number): Token {
  const token = tokens[index];
  if (!token) throw new RangeError(`No token ${index} (of ${tokens.length}).`);
  return token;
}

export function sentenceAt(analysed: AnalysedText, index: number): Sentence {
  const sentence = analysed.sentences[index];
  if (!sentence) throw new RangeError(`No sentence ${index} (of ${analysed.sentences.length}).`);
  return sentence;
}

export function normalise(word: string): string {
  return word.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

export function analyseText(text: string): AnalysedText {
  const winkNlp = engine();
  const its = winkNlp.its;
  const doc = winkNlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const lemmas = doc.tokens().out(its.lemma as Parameters<ReturnType<typeof doc.tokens>['out']>[0]) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const spans = doc.sentences().out(its.span) as unknown as [number, number][];

  // wink keeps the text losslessly (each token knows the spaces before it), so offsets add up.
  const tokens: Token[] = [];
  let position = 0;
  values.forEach((value, index) => {
    position += (spaces[index] ?? '').length;
    // Guard against any normalisation wink might do: find the token where it really is.
    const found = text.startsWith(value, position) ? position : text.indexOf(value, position);
    const start = found === -1 ? position : found;
    tokens.push({
      text: value,
      norm: normalise(value),
      lemma: normalise(lemmas[index] ?? value),
      pos: tags[index] ?? 'X',
      start,
      end: start + value.length,
      sentence: 0,
    });
    position = start + value.length;
  });

  const sentences: Sentence[] = [];
  for (const [first, last] of spans) {
    if (first > last || first >= tokens.length) continue;
    // Line breaks are tokens of their own to wink; a sentence's range is its words.
    let firstWord = first;
    let lastWord = Math.min(last, tokens.length - 1);
    while (firstWord < lastWord && tokenAt(tokens, firstWord).text.trim() === '') firstWord++;
    while (lastWord > firstWord && tokenAt(tokens, lastWord).text.trim() === '') lastWord--;
    for (let index = first; index <= last && index < tokens.length; index++) tokenAt(tokens, index).sentence = sentences.length;
    sentences.push({
      start: tokenAt(tokens, firstWord).start,
      end: tokenAt(tokens, lastWord).end,
      firstToken: first,
      endToken: last + 1,
      paragraph: 0,
    });
  }

  // A paragraph break is a line break between sentences.
  const paragraphs: Paragraph[] = [];
  sentences.forEach((sentence, index) => {
    const previous = sentences[index - 1];
    const current = paragraphs[paragraphs.length - 1];
    if (!previous || !current || text.slice(previous.end, sentence.start).includes('\n')) {
      paragraphs.push({ start: sentence.start, end: sentence.end, firstSentence: index, endSentence: index + 1 });
    } else {
      current.end = sentence.end;
      current.endSentence = index + 1;
    }
    sentence.paragraph = paragraphs.length - 1;
  });

  return { text, tokens, sentences, paragraphs };
}

/** The words (no punctuation) of a sentence, as token indexes. */
export function wordTokens(analysed: AnalysedText, sentence: Sentence): number[] {
  const indexes: number[] = [];
  for (let index = sentence.firstToken; index < sentence.endToken; index++) {
    const token = tokenAt(analysed.tokens, index);
    if (token.pos !== 'PUNCT' && /[\p{L}\p{N}]/u.test(token.text)) indexes.push(index);
  }
  return indexes;
}
