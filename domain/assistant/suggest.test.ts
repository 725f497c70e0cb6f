import { beforeAll, describe, expect, it } from 'vitest';
import { builtInRubric } from '../rubric';
import { sampleEssay } from '../unit';
import { builtInKnowledge } from './built-in-knowledge';
import { fitBands, leaveOneOut } from './calibration';
import { analyseText } from './text';
import { assessEssay, criterionKind, FITTED_BANDS, levelForScore } from './suggest';

// wink's English model takes a few seconds to load on a busy machine: load it once, outside any one test's time limit.
beforeAll(() => void analyseText('Warm up.'), 60_000);

const strongEssay = [
  'Soviet totalitarianism was built in stages rather than by one man: the Bolsheviks destroyed every rival centre of power ' +
    'because they ruled as a minority, and Stalin inherited those tools.',
  'In December 1917 Lenin created the Cheka, and in January 1918 the Bolsheviks dissolved the Constituent Assembly after ' +
    'one session. This meant that elections could no longer change the government. In March 1921 the Tenth Party Congress ' +
    'banned factions, so even inside the party disagreement became a crime.',
  'The government survived because it won the Civil War against the Whites and then retreated: after the Kronstadt rising ' +
    'of March 1921, Lenin introduced the New Economic Policy, which allowed private trade. In December 1922 the USSR was founded.',
  'As General Secretary from April 1922, Stalin appointed local secretaries, which gave him votes at every congress. After ' +
    'Lenin died in January 1924, he allied with Zinoviev and Kamenev against Trotsky, who lost the War Commissariat in 1925; ' +
    'then he turned to Bukharin. Trotsky was expelled in 1927 and deported in 1929.',
  'At home the NEP gave way to the first Five-Year Plan in 1928 and to collectivisation. Abroad the Comintern spread ' +
    'revolution while the Treaty of Rapallo (April 1922) restored relations with Germany, and Britain recognised the USSR in 1924.',
  'In conclusion, the tools Stalin used were made under Lenin; he did not invent totalitarianism but perfected it.',
].join('\n\n');

const weakEssay =
  'Russia became totalitarian because Stalin was bad. the whites killed the czar and Stalin started the NEP. ' +
  'the USSR started in 1917. The Politburo was the secret police. Then Stalin was the leader.';

describe('suggested levels', () => {
  it('suggests a level, a reason and evidence from the essay for every criterion of the built-in rubric', () => {
    const { criteria } = assessEssay(sampleEssay, builtInRubric.criteria, builtInKnowledge);
    expect(criteria.map((suggestion) => suggestion.criterionId)).toEqual(builtInRubric.criteria.map((criterion) => criterion.id));
    for (const suggestion of criteria) {
      expect(suggestion.level).toBeGreaterThanOrEqual(1);
      expect(suggestion.level).toBeLessThanOrEqual(4);
      const criterion = builtInRubric.criteria.find((entry) => entry.id === suggestion.criterionId);
      expect(criterion?.levels.map((level) => level.id)).toContain(suggestion.levelId);
      expect(suggestion.reason.length).toBeGreaterThan(20);
      for (const evidence of suggestion.evidence) expect(sampleEssay.slice(evidence.start, evidence.end)).toBe(evidence.quote);
    }
  });

  it('ranks a specific, explained, accurate essay above a vague one with slips on every criterion', () => {
    const strong = assessEssay(strongEssay, builtInRubric.criteria, builtInKnowledge);
    const weak = assessEssay(weakEssay, builtInRubric.criteria, builtInKnowledge);
    expect(strong.flags).toEqual([]);
    expect(weak.flags.length).toBeGreaterThanOrEqual(3);
    strong.criteria.forEach((suggestion, index) => {
      expect(suggestion.level).toBeGreaterThan(weak.criteria[index]?.level ?? 0);
    });
  });

  it('says when a part of a question is missing (foreign policy)', () => {
    const domesticOnly = strongEssay.replace(/Abroad[^.]*\./, '');
    const policies = assessEssay(domesticOnly, builtInRubric.criteria, builtInKnowledge).criteria.find(
      (suggestion) => suggestion.criterionId === 'c-gq-policies',
    );
    expect(policies?.reason).toMatch(/Nothing on foreign policy/);
  });

  it('is deterministic', () => {
    expect(assessEssay(sampleEssay, builtInRubric.criteria, builtInKnowledge)).toEqual(
      assessEssay(sampleEssay, builtInRubric.criteria, builtInKnowledge),
    );
  });

  it('still suggests the writing criteria for an assignment with no look-fors', () => {
    const { criteria, coverage } = assessEssay(strongEssay, builtInRubric.criteria, { questions: [], facts: [] });
    expect(coverage).toEqual([]);
    expect(criteria.map((suggestion) => suggestion.kind)).toEqual(['thesis', 'evidence', 'accuracy', 'organisation']);
  });

  it('spreads the four bands over a rubric with another number of levels', () => {
    expect([0, 2, 3, 4].map((score) => levelForScore(score, [1.5, 2.5, 3.5], 4))).toEqual([1, 2, 3, 4]);
    expect(levelForScore(-5, FITTED_BANDS.question, 3)).toBe(1);
    expect(levelForScore(99, FITTED_BANDS.question, 3)).toBe(3);
    expect(levelForScore(99, FITTED_BANDS.question, 5)).toBe(5);
    expect(levelForScore(99, FITTED_BANDS.question, 1)).toBe(1);
  });

  it('reads what a criterion assesses from the rubric', () => {
    expect(builtInRubric.criteria.map(criterionKind)).toEqual([
      'question', 'question', 'question', 'question', 'thesis', 'evidence', 'accuracy', 'organisation',
    ]);
    expect(criterionKind({ id: 'c1', title: 'Spelling and handwriting' })).toBeUndefined();
  });
});

describe('calibration', () => {
  it('puts bands between the mean scores of neighbouring levels, keeping an unseen level reachable', () => {
    const bands = fitBands(
      [
        { score: 0, level: 1 },
        { score: 2, level: 2 },
        { score: 6, level: 4 },
      ],
      [9, 9, 9],
    );
    expect(bands).toEqual([1, 3, 5]);
  });

  it('measures leave-one-out agreement without the held-out essay', () => {
    const essays = [1, 2, 3, 4].map((level) => ({
      essay: `e${level}`,
      points: [{ kind: 'accuracy' as const, score: level * 10, level }],
    }));
    const report = leaveOneOut(essays, FITTED_BANDS);
    expect(report.predictions).toHaveLength(4);
    expect(report.overall.count).toBe(4);
    expect(report.byKind.accuracy.withinOne).toBe(1);
  });
});
