/**
 * The rubric assistant's agreement figures in the class overview (issue #15 item 6), over HTTP
 * against the real server: each grade is compared with the suggestion recorded for the revision
 * it was given on (an essay graded without the assistant asked, or regraded on a newer revision,
 * is left out); under five graded essays the page says the figures are not yet meaningful; from
 * five on it shows them per criterion and overall in a table with a caption and header scopes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreement, type Agreement, type LevelPair } from '../../domain/assistant/agreement';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { ROLE } from '../../emulator';
import { api, launch, pageHtml } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-essay-1';
const CRITERIA = builtInRubric.criteria;
const PARAGRAPHS = sampleEssay.split('\n\n');
// Different essays, so the suggestions differ from one essay to the next (each over 300 words).
const ESSAYS = [
  sampleEssay,
  [PARAGRAPHS[0], PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[1]].join('\n\n'),
  [...PARAGRAPHS].reverse().join('\n\n'),
  [...PARAGRAPHS, ...PARAGRAPHS].join('\n\n'),
  PARAGRAPHS.slice(2).join('\n\n'),
  PARAGRAPHS.slice(0, 6).join('\n\n'),
  PARAGRAPHS.slice(3).join('\n\n'),
];
const NAMES = ['Amir', 'Bea', 'Cai', 'Dev', 'Eli', 'Fay', 'Gus'];

let inkwell: RunningInkwell;
let teacher: string;
/** Submission id and session per student name. */
const students = new Map<string, { submissionId: string; token: string }>();

beforeAll(async () => {
  inkwell = await startInkwell();
  for (const name of NAMES) inkwell.platform.addMember({ sub: `student-${name.toLowerCase()}`, name, roles: [ROLE.learner] });
  teacher = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK })).sessionToken!;
  for (const [index, name] of NAMES.entries()) {
    const token = (await launch(inkwell.platform, { userId: `student-${name.toLowerCase()}`, resourceLinkId: LINK })).sessionToken!;
    const saved = await api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text: ESSAYS[index], baseRevision: 0 });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect((await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: saved.json.revision })).status).toBe(200);
    students.set(name, { submissionId: '', token });
  }
  const list = await pageHtml(inkwell.baseUrl, '/grading', teacher);
  for (const name of NAMES) {
    const id = new RegExp(`/grading/([a-f0-9]{24})">${name}<`).exec(list)?.[1];
    expect(id, `${name} in the submission list`).toBeDefined();
    students.get(name)!.submissionId = id!;
  }
});

afterAll(async () => {
  await inkwell?.stop();
});

function submissionOf(name: string): string {
  return students.get(name)!.submissionId;
}

/** The level the assistant suggests per criterion, as the grading view asks for it (which records it). */
async function suggestionsFor(name: string): Promise<Record<string, string>> {
  const response = await api(inkwell.baseUrl, teacher, 'GET', `/api/grading/submissions/${submissionOf(name)}/assistant`);
  expect(response.status).toBe(200);
  const { suggestions } = response.json as unknown as { suggestions: { criterionId: string; levelId: string }[] };
  return Object.fromEntries(suggestions.map((suggestion) => [suggestion.criterionId, suggestion.levelId]));
}

/** The built-in rubric's level ids end in their points, 1 (lowest) to 4. */
function rankOf(levelId: string): number {
  return Number(/-(\d)$/.exec(levelId)![1]);
}

/** A level `steps` away from `levelId`, staying on the scale. */
function levelAway(levelId: string, steps: number): string {
  const rank = rankOf(levelId);
  const moved = rank + steps <= 4 ? rank + steps : rank - steps;
  return levelId.replace(/\d$/, String(moved));
}

async function grade(name: string, selections: Record<string, string>, baseVersion = 0): Promise<void> {
  const response = await api(inkwell.baseUrl, teacher, 'PUT', `/api/grading/submissions/${submissionOf(name)}/grade`, {
    selections,
    criterionComments: {},
    overallComment: '',
    release: false,
    baseVersion,
  });
  expect(response.status, JSON.stringify(response.json)).toBe(200);
}

/** The page's text, without React's text-node markers. */
function agreementSection(html: string): string {
  const start = html.indexOf('id="agreement-heading"');
  expect(start, 'the agreement section').toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start)).replace(/<!-- -->/g, '');
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** The table's rows as cell texts, header cell first. */
function tableRows(section: string): string[][] {
  const body = section.slice(section.indexOf('<tbody'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1]!)));
}

function shownFigures(figures: Agreement): string[] {
  const kappa = figures.quadraticKappa === undefined ? '—cannot be computed' : figures.quadraticKappa.toFixed(2).replace('-', '−');
  return [String(figures.count), `${Math.round(figures.exact * 100)}%`, `${Math.round(figures.withinOne * 100)}%`, kappa];
}

/** What the instructor chose against what was suggested, per criterion, as the test grades. */
const pairs = new Map<string, LevelPair[]>();

function remember(suggested: Record<string, string>, chosen: Record<string, string>): void {
  for (const criterion of CRITERIA) {
    pairs.set(criterion.id, [...(pairs.get(criterion.id) ?? []), { suggested: rankOf(suggested[criterion.id]!), chosen: rankOf(chosen[criterion.id]!) }]);
  }
}

describe('the rubric assistant agreement in the class overview', () => {
  it('has nothing to compare before any essay is graded with its suggestions', async () => {
    const section = agreementSection(await pageHtml(inkwell.baseUrl, '/grading/overview', teacher));
    expect(textOf(section)).toContain('Nothing to compare yet.');
    expect(section).not.toContain('<table');
  });

  it('says the figures are not yet meaningful with fewer than five graded essays, leaving out essays graded without the suggestions of that revision', async () => {
    const [first, second] = CRITERIA;
    for (const name of ['Amir', 'Bea']) {
      const suggested = await suggestionsFor(name);
      // The instructor moves the first criterion one level; takes the rest.
      const chosen = { ...suggested, [first!.id]: levelAway(suggested[first!.id]!, 1) };
      await grade(name, chosen);
      remember(suggested, chosen);
    }
    // Gus is graded without the assistant ever asked: nothing to compare.
    await grade('Gus', Object.fromEntries(CRITERIA.map((criterion) => [criterion.id, `${criterion.id}-3`])));
    // Fay's suggestion is for her first text; she revises it and is graded on the new one, unseen by the assistant.
    const firstText = await suggestionsFor('Fay');
    const returned = await api(inkwell.baseUrl, teacher, 'POST', `/api/grading/submissions/${submissionOf('Fay')}/return`, { note: 'Say more about the NEP.' });
    expect(returned.status, JSON.stringify(returned.json)).toBe(200);
    const fay = students.get('Fay')!.token;
    const current = (await api(inkwell.baseUrl, fay, 'GET', '/api/essay/draft')).json.revision as number;
    const revised = await api(inkwell.baseUrl, fay, 'PUT', '/api/essay/draft', { text: `${ESSAYS[5]}\n\nThe NEP brought back small trade.`, baseRevision: current });
    expect(revised.status).toBe(200);
    expect((await api(inkwell.baseUrl, fay, 'POST', '/api/essay/submit', { revision: revised.json.revision })).status).toBe(200);
    await grade('Fay', { ...firstText, [second!.id]: levelAway(firstText[second!.id]!, 2) });

    const figures = (await api(inkwell.baseUrl, teacher, 'GET', '/api/grading/assistant-agreement')).json as unknown as { essays: number; overall: Agreement };
    expect(figures.essays).toBe(2);
    expect(figures.overall.count).toBe(2 * CRITERIA.length);

    const section = agreementSection(await pageHtml(inkwell.baseUrl, '/grading/overview', teacher));
    expect(textOf(section)).toContain('Not yet meaningful: only 2 graded essays can be compared, and the figures need at least 5');
    expect(section).not.toContain('<table');
    expect(section).not.toMatch(/\d+%/);
  });

  it('shows exact agreement, within one level and weighted kappa per criterion and overall from five graded essays on', async () => {
    const [first, second] = CRITERIA;
    for (const [name, change] of [
      ['Cai', 'both'],
      ['Dev', 'none'],
      ['Eli', 'none'],
    ] as const) {
      const suggested = await suggestionsFor(name);
      const chosen =
        change === 'both'
          ? { ...suggested, [first!.id]: levelAway(suggested[first!.id]!, 2), [second!.id]: levelAway(suggested[second!.id]!, 1) }
          : suggested;
      await grade(name, chosen);
      remember(suggested, chosen);
    }

    const expected = {
      criteria: CRITERIA.map((criterion) => agreement(pairs.get(criterion.id)!, criterion.levels.length)),
      overall: agreement([...pairs.values()].flat(), 4),
    };
    // By hand for the first criterion: two of five chosen as suggested, four within one level.
    expect(expected.criteria[0]).toMatchObject({ count: 5, exact: 0.4, withinOne: 0.8 });

    const figures = (await api(inkwell.baseUrl, teacher, 'GET', '/api/grading/assistant-agreement')).json as unknown as {
      essays: number;
      overall: Agreement;
      criteria: { criterionId: string; figures: Agreement }[];
    };
    expect(figures.essays).toBe(5);
    expect(figures.overall).toEqual(expected.overall);
    expect(figures.criteria.map((entry) => entry.figures)).toEqual(expected.criteria);

    const section = agreementSection(await pageHtml(inkwell.baseUrl, '/grading/overview', teacher));
    expect(section).toContain('<caption>Agreement on 5 graded essays, per criterion and overall</caption>');
    expect(section.match(/<th scope="col"/g)).toHaveLength(5);
    expect(section.match(/<th scope="row"/g)).toHaveLength(CRITERIA.length + 1);
    expect(textOf(section)).toMatch(/1 is perfect agreement, 0 no better than chance/);
    const rows = tableRows(section);
    expect(rows).toEqual([
      ...CRITERIA.map((criterion, index) => [criterion.title, ...shownFigures(expected.criteria[index]!)]),
      ['All criteria', ...shownFigures(expected.overall)],
    ]);
    expect(rows[0]!.slice(1, 3)).toEqual(['5', '40%']);
  });

  it('is for instructors only', async () => {
    expect((await api(inkwell.baseUrl, students.get('Amir')!.token, 'GET', '/api/grading/assistant-agreement')).status).toBe(403);
  });
});
