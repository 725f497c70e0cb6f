/** Deterministic essay-like text (~1,500 words) for each benchmark student. */

const WORDS = (
  'the revolution of 1917 tsar nicholas provisional government lenin bolsheviks soviets war communism ' +
  'new economic policy stalin five year plans collectivisation kulaks famine purges show trials gulag ' +
  'propaganda cult of personality party state terror workers peasants industrialisation secret police ' +
  'ideology marxism leninism civil war red army white army trotsky succession central committee ' +
  'historians argue that evidence suggests however therefore in contrast by 1928 by 1936 the regime ' +
  'consolidated power through fear and persuasion while ordinary citizens adapted resisted or complied'
).split(' ');

/** A small seeded generator, so every run writes the same essays. */
function generator(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export function essayText(studentIndex: number, words = 1500): string {
  const next = generator(studentIndex * 2654435761 + 17);
  const out: string[] = [];
  let sentence = 0;
  for (let i = 0; i < words; i++) {
    let word = WORDS[Math.floor(next() * WORDS.length)]!;
    if (sentence === 0) word = word[0]!.toUpperCase() + word.slice(1);
    sentence++;
    if (sentence > 12 + Math.floor(next() * 10)) {
      word += '.';
      sentence = 0;
      if (next() < 0.15) word += '\n\n';
    }
    out.push(word);
  }
  return out.join(' ').replace(/\n\n /g, '\n\n') + '.';
}
