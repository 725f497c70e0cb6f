// Rubrics and scoring. A rubric is a list of criteria; the grader picks one level per
// criterion, and the points of the picked levels add up to the essay's score.

import { RubricMismatchError } from './errors';

export interface Level {
  id: string;
  label: string;
  descriptor: string;
  points: number;
}

export interface Criterion {
  id: string;
  title: string;
  description: string;
  /** Set when the criterion assesses the answer to one guiding question of the unit. */
  guidingQuestionId?: string;
  /** Highest points first, which is also the order the grader sees them in. */
  levels: Level[];
}

export interface Rubric {
  id: string;
  title: string;
  criteria: Criterion[];
}

/** The level chosen for each criterion, keyed by criterion id. */
export type RubricSelections = Record<string, string>;

export interface RubricScore {
  total: number;
  max: number;
  complete: boolean;
  /** In rubric order, so the grader is pointed at the first gap on the page. */
  missingCriterionIds: string[];
}

type DescriptorsHighestFirst = readonly [exemplary: string, proficient: string, developing: string, beginning: string];

const BUILT_IN_LEVEL_SCALE = [
  { label: 'Exemplary', points: 4 },
  { label: 'Proficient', points: 3 },
  { label: 'Developing', points: 2 },
  { label: 'Beginning', points: 1 },
] as const;

function defineCriterion(
  criterion: Omit<Criterion, 'levels'>,
  descriptors: DescriptorsHighestFirst,
): Criterion {
  return {
    ...criterion,
    levels: BUILT_IN_LEVEL_SCALE.map((step, index) => ({
      id: `${criterion.id}-${step.points}`,
      label: step.label,
      points: step.points,
      descriptor: descriptors[index] ?? '',
    })),
  };
}

export const builtInRubric: Rubric = {
  id: 'rubric-rise-of-totalitarianism-russia',
  title: 'The Rise of Totalitarianism in Russia: essay rubric',
  criteria: [
    defineCriterion(
      {
        id: 'c-gq-rise',
        title: 'Rise of totalitarianism',
        description: 'Explains how totalitarian rule developed in Russia.',
        guidingQuestionId: 'gq-rise',
      },
      [
        'Traces how one-party rule grew out of the 1917 revolutions, through steps such as the Cheka, the closing of ' +
          'the Constituent Assembly and the ban on other parties, to Stalin’s total control, and explains why each step ' +
          'mattered.',
        'Explains several steps by which the Bolsheviks and then Stalin concentrated power, with some explanation of ' +
          'why they led to totalitarian rule.',
        'Mentions the revolution or Stalin’s control but describes rather than explains how totalitarian rule ' +
          'developed; key steps are missing or out of order.',
        'Does not explain how totalitarianism arose, or only restates the question.',
      ],
    ),
    defineCriterion(
      {
        id: 'c-gq-soviet-1920s',
        title: 'Establishing Soviet government',
        description: 'Explains how the Soviet government secured its position in the 1920s.',
        guidingQuestionId: 'gq-soviet-1920s',
      },
      [
        'Explains how victory in the civil war, the move from War Communism to the NEP and the founding of the USSR ' +
          'in 1922 together secured the Soviet state, and weighs which mattered most.',
        'Explains at least two of: victory in the civil war, the move from War Communism to the NEP, the creation ' +
          'of the USSR, and links them accurately to the government’s hold on power.',
        'Names relevant events such as the civil war or the NEP but does not explain how they helped the government ' +
          'establish itself.',
        'Gives little or no account of how the Soviet government established itself in the 1920s.',
      ],
    ),
    defineCriterion(
      {
        id: 'c-gq-stalin',
        title: 'Stalin’s rise to power',
        description: 'Explains how Joseph Stalin reached the top of the Soviet government.',
        guidingQuestionId: 'gq-stalin',
      },
      [
        'Explains how Stalin used the General Secretary’s power over appointments and shifting alliances against ' +
          'Trotsky, Zinoviev, Kamenev and Bukharin, and why his rivals failed to stop him.',
        'Explains how Stalin used his position in the Party and how he defeated at least one named rival after ' +
          'Lenin’s death in 1924.',
        'States that Stalin took power after Lenin’s death but says little about how; his rivals and methods are ' +
          'vague or unnamed.',
        'Does not address how Stalin rose to power, or the account is mostly inaccurate.',
      ],
    ),
    defineCriterion(
      {
        id: 'c-gq-policies',
        title: 'Domestic and foreign policy',
        description: 'Explains the domestic and foreign policies of the Soviet government in the 1920s.',
        guidingQuestionId: 'gq-policies',
      },
      [
        'Explains domestic policy (the NEP and the turn to the first Five-Year Plan) and foreign policy (the ' +
          'Comintern alongside Rapallo and diplomatic recognition), and shows how the two were connected.',
        'Accurately explains at least one domestic and one foreign policy of the 1920s and what each was meant to ' +
          'achieve.',
        'Covers domestic or foreign policy but not both, or lists policies without explaining their purpose.',
        'Mentions few or no Soviet policies from the 1920s.',
      ],
    ),
    defineCriterion(
      {
        id: 'c-thesis',
        title: 'Thesis & argument',
        description: 'Makes a clear, arguable claim and develops it across the whole essay.',
      },
      [
        'Opens with a clear, arguable thesis that answers all four questions; every paragraph advances it, and the ' +
          'conclusion follows from the evidence presented.',
        'States a clear thesis that most paragraphs support, though the argument sometimes drifts into summary.',
        'The thesis is vague, appears late or covers only part of the task; much of the essay retells events instead ' +
          'of arguing.',
        'Has no identifiable thesis; the essay lists facts or opinions without an argument connecting them.',
      ],
    ),
    defineCriterion(
      {
        id: 'c-evidence',
        title: 'Use of evidence',
        description: 'Supports claims with specific historical evidence and explains its significance.',
      },
      [
        'Supports every major claim with specific, relevant evidence (names, dates, policies, attributed quotations) ' +
          'and explains how each piece proves the point.',
        'Supports most claims with specific evidence and usually explains why it matters.',
        'Uses some evidence, but it is general, loosely connected to the claims, or quoted without explanation.',
        'Makes claims with little or no supporting evidence.',
      ],
    ),
    defineCriterion(
      {
        id: 'c-accuracy',
        title: 'Historical accuracy',
        description: 'Gets facts, dates, people and chronology right and uses historical terms precisely.',
      },
      [
        'Facts, dates, names and the order of events are accurate throughout, and terms such as totalitarianism and ' +
          'the NEP are used precisely.',
        'Mostly accurate; a few minor slips in dates or names do not weaken the argument.',
        'Several errors, such as misdated events or confused political groups, weaken parts of the argument.',
        'Frequent or serious errors distort the history and undermine the argument.',
      ],
    ),
    defineCriterion(
      {
        id: 'c-organisation',
        title: 'Organisation & writing',
        description: 'Is organised logically and written in clear, formal prose.',
      },
      [
        'Introduction, focused paragraphs with topic sentences, smooth transitions and a conclusion; clear, formal ' +
          'prose with almost no errors.',
        'Clear overall structure and paragraphing; a few awkward transitions or errors do not get in the way of ' +
          'meaning.',
        'Hard to follow in places: paragraphs mix or repeat ideas, and errors sometimes obscure meaning.',
        'No recognisable structure; frequent errors make the essay hard to understand.',
      ],
    ),
  ],
};

/**
 * Points for the criterion's best level. Computed rather than read from levels[0] so that a
 * draft rubric whose levels are not yet sorted still scores sensibly.
 */
export function criterionMaxPoints(criterion: { readonly levels: readonly Pick<Level, 'points'>[] }): number {
  return criterion.levels.reduce((highest, level) => Math.max(highest, level.points), 0);
}

export function maxPoints(rubric: Rubric): number {
  return rubric.criteria.reduce((sum, criterion) => sum + criterionMaxPoints(criterion), 0);
}

export function findLevel(rubric: Rubric, criterionId: string, levelId: string): Level | undefined {
  const criterion = rubric.criteria.find((candidate) => candidate.id === criterionId);
  return criterion?.levels.find((level) => level.id === levelId);
}

/**
 * Adds up the selected levels. Partial selections are scored so a grader can save as they go.
 * @throws {RubricMismatchError} when a selection names a criterion or level the rubric does not have,
 *   which usually means the page was built from an older version of the rubric.
 */
export function scoreRubric(rubric: Rubric, selections: RubricSelections): RubricScore {
  let total = 0;
  for (const [criterionId, levelId] of Object.entries(selections)) {
    const criterion = rubric.criteria.find((candidate) => candidate.id === criterionId);
    if (criterion === undefined) {
      throw new RubricMismatchError(undefined, {
        detail: `Criterion "${criterionId}" is not in rubric "${rubric.id}".`,
      });
    }
    const level = criterion.levels.find((candidate) => candidate.id === levelId);
    if (level === undefined) {
      throw new RubricMismatchError(undefined, {
        detail: `Level "${levelId}" is not in criterion "${criterionId}" of rubric "${rubric.id}".`,
      });
    }
    total += level.points;
  }

  const missingCriterionIds = rubric.criteria
    .filter((criterion) => !Object.hasOwn(selections, criterion.id))
    .map((criterion) => criterion.id);

  return {
    total,
    max: maxPoints(rubric),
    complete: missingCriterionIds.length === 0,
    missingCriterionIds,
  };
}

/** Problems an author must fix before the rubric can be used; empty when it is sound. */
export function validateRubric(rubric: Rubric): string[] {
  const problems: string[] = [];
  if (rubric.criteria.length === 0) problems.push('The rubric has no criteria.');

  const seenCriterionIds = new Set<string>();
  const seenLevelIds = new Set<string>();
  const reportedDuplicates = new Set<string>();

  // Level ids must be unique across the whole rubric, not just within a criterion, because a
  // stored selection is only unambiguous if a level id cannot mean two different things.
  for (const criterion of rubric.criteria) {
    if (seenCriterionIds.has(criterion.id) && !reportedDuplicates.has(`criterion:${criterion.id}`)) {
      problems.push(`Criterion id "${criterion.id}" is used more than once.`);
      reportedDuplicates.add(`criterion:${criterion.id}`);
    }
    seenCriterionIds.add(criterion.id);

    if (criterion.levels.length === 0) {
      problems.push(`Criterion "${criterion.id}" has no levels.`);
      continue;
    }

    const seenPoints = new Set<number>();
    const reportedPoints = new Set<number>();
    for (const level of criterion.levels) {
      if (seenLevelIds.has(level.id) && !reportedDuplicates.has(`level:${level.id}`)) {
        problems.push(`Level id "${level.id}" is used more than once.`);
        reportedDuplicates.add(`level:${level.id}`);
      }
      seenLevelIds.add(level.id);

      if (!Number.isFinite(level.points) || level.points < 0) {
        problems.push(`Level "${level.id}" in criterion "${criterion.id}" must be worth zero or more points.`);
      }
      if (seenPoints.has(level.points) && !reportedPoints.has(level.points)) {
        problems.push(`Criterion "${criterion.id}" has more than one level worth ${level.points} points.`);
        reportedPoints.add(level.points);
      }
      seenPoints.add(level.points);
    }

    const isHighestFirst = criterion.levels.every(
      (level, index, levels) => index === 0 || level.points <= (levels[index - 1]?.points ?? level.points),
    );
    if (!isHighestFirst) {
      problems.push(`Criterion "${criterion.id}" must list its levels from highest to lowest points.`);
    }
  }

  return problems;
}
