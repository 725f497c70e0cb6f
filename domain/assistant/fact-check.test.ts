import { beforeAll, describe, expect, it } from 'vitest';
import { sampleEssay } from '../unit';
import { builtInKnowledge } from './built-in-knowledge';
import { checkFacts } from './fact-check';
import { analyseText } from './text';

// wink's English model takes a few seconds to load on a busy machine: load it once, outside any one test's time limit.
beforeAll(() => void analyseText('Warm up.'), 60_000);

function flagsOf(text: string) {
  return checkFacts(analyseText(text), builtInKnowledge.facts);
}

describe('fact checks against the built-in unit', () => {
  it('flags both slips in the unit’s sample essay: Rapallo in 1921 and “Menshevik Whites”', () => {
    const flags = flagsOf(sampleEssay);
    const rapallo = flags.find((flag) => flag.factId === 'rapallo');
    const whites = flags.find((flag) => flag.factId === 'whites');
    expect(rapallo?.quote).toContain('1921');
    expect(rapallo?.fact).toMatch(/April 1922/);
    expect(whites?.quote).toContain('Menshevik Whites');
    expect(whites?.says).toMatch(/Mensheviks/);
    for (const flag of flags) expect(sampleEssay.slice(flag.start, flag.end)).toBe(flag.quote);
  });

  // Slips a student might make, in words other than the calibration essays'.
  it.each([
    ['The Treaty of Rapallo, signed in 1923, linked Russia and Germany.', 'rapallo'],
    ['In 1920 the USSR was founded as a union of republics.', 'ussr-founded'],
    ['Lenin died in 1925, and the struggle for power began.', 'lenin-died'],
    ['The sailors at Kronstadt rose in revolt in 1918.', 'kronstadt'],
    ['Trotsky was deported in 1925.', 'trotsky-deported'],
    ['In 1917 the Cheka was replaced by the Politburo, which was the secret police of the regime.', 'politburo'],
    ['The Comintern was the army of the Soviet state.', 'comintern'],
    ['Stalin introduced the New Economic Policy to calm the peasants.', 'nep-by-lenin'],
    ['The NEP was introduced by Trotsky.', 'nep-by-lenin'],
    ['Lenin launched the first Five-Year Plan.', 'five-year-plan-by-stalin'],
    ['The Whites were the Bolsheviks who fought for Lenin.', 'whites'],
    ['The White Army killed the Tsar and his family.', 'tsar-killed-by-bolsheviks'],
    ['The New Economic Plan let peasants sell grain.', 'nep-name'],
    ['The Treaty of Rapallo ended the war with Germany.', 'rapallo-not-brest'],
  ])('flags “%s”', (sentence, factId) => {
    expect(flagsOf(sentence).map((flag) => flag.factId)).toContain(factId);
  });

  // Correct statements that sit close to the facts (a false flag costs the instructor's trust).
  it.each([
    'The Treaty of Rapallo (April 1922) restored relations with Germany.',
    'In December 1922 the USSR was formed from Russia, Ukraine, Belarus and Transcaucasia.',
    'The USSR’s first constitution was adopted in 1924.',
    'Britain recognised the USSR in 1924, and Italy and France soon followed.',
    'Trotsky was expelled in 1927 and deported in 1929.',
    'Trotsky expelled 1927 deported 1929.',
    'The Kronstadt sailors who had backed the Bolsheviks in 1917 rebelled in March 1921.',
    'Stalin was General Secretary from 1922, and after Lenin died in January 1924 he used that post well.',
    'By 1929 Stalin had ended the NEP and launched the first Five-Year Plan.',
    'Stalin abandoned the NEP in favour of the Five-Year Plans.',
    'The Whites were anti-Bolshevik forces led by former Tsarist officers.',
    'The Whites fought the Bolsheviks from 1918 to 1920.',
    'The Whites were enemies of the Bolsheviks.',
    'The Politburo was the party’s top committee, while the Cheka was the secret police.',
    'The Cheka, set up in December 1917, was the secret police.',
    'Lenin introduced the NEP in 1921 after the Kronstadt rising.',
    'The NEP replaced War Communism, under which the state had taken all the grain it could find.',
    'Trotsky, who led the Red Army, was no match for Stalin in the Politburo.',
    'The Bolsheviks executed the Tsar and his family in July 1918.',
    'Nicholas II abdicated in March 1917, and in October the Bolsheviks overthrew the Provisional Government.',
    'Stalin did not start the NEP; Lenin did.',
    'In 1924 Stalin announced Socialism in One Country, and in 1928 he began the first Five-Year Plan.',
  ])('does not flag “%s”', (sentence) => {
    expect(flagsOf(sentence)).toEqual([]);
  });

  it('gives the same flags for the same text every time', () => {
    expect(flagsOf(sampleEssay)).toEqual(flagsOf(sampleEssay));
  });
});

describe('more of the fact sheet', () => {
  it.each([
    ['The Gulag was the secret police that arrested people.', 'gulag'],
    ['Kerensky was a Bolshevik who led the Provisional Government.', 'kerensky'],
    ['Lenin led the Mensheviks in 1917.', 'mensheviks-not-lenin'],
    ['The Cheka was headed by Trotsky.', 'cheka-led-by-dzerzhinsky'],
    ['The Provisional Government was led by Lenin.', 'provisional-government-led'],
    ['Bukharin was removed from the Politburo in 1926.', 'bukharin-removed'],
    ['The NEP was the collectivisation of the farms.', 'nep-not-collectivisation'],
    ['Lenin’s Testament named Stalin as his successor.', 'testament'],
  ])('flags “%s”', (sentence, factId) => {
    expect(flagsOf(sentence).map((flag) => flag.factId)).toContain(factId);
  });

  it.each([
    'Stalin ended the NEP and replaced it with collectivisation in 1929.',
    'War Communism was replaced by the NEP, which allowed private trade.',
    'Lenin’s Testament warned that Stalin should be removed as General Secretary.',
    'Felix Dzerzhinsky headed the Cheka, and Trotsky led the Red Army.',
    'Kerensky led the Provisional Government until the Bolsheviks overthrew it.',
    'The Bolsheviks fought the Mensheviks, whom Martov led.',
  ])('does not flag “%s”', (sentence) => {
    expect(flagsOf(sentence)).toEqual([]);
  });
});
