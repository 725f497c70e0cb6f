/**
 * The rubric assistant over HTTP: suggestions and flags for the instructor grading an essay, the
 * student's coverage check (questions, never a score), and the agreement figures once graded.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentDraft } from '../../domain/assignment';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { api, launch } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-essay-1';
let inkwell: RunningInkwell;
let student: string;
let teacher: string;
let submissionId: string;

beforeAll(async () => {
  inkwell = await startInkwell();
  student = (await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK })).sessionToken!;
  teacher = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK })).sessionToken!;
  expect((await api(inkwell.baseUrl, student, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
  expect((await api(inkwell.baseUrl, student, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
  submissionId = String(decodeJwt(student).submissionId);
});

afterAll(async () => {
  await inkwell?.stop();
});

interface Assistance {
  revision: number;
  suggestions: { criterionId: string; levelId: string; reason: string; evidence: { start: number; end: number; quote: string }[] }[];
  flags: { start: number; end: number; quote: string; says: string; fact: string }[];
}

describe('suggestions for the instructor', () => {
  it('suggests a level with reasons and evidence for every criterion, and flags the slips against the fact sheet', async () => {
    const response = await api(inkwell.baseUrl, teacher, 'GET', `/api/grading/submissions/${submissionId}/assistant`);
    expect(response.status).toBe(200);
    const assistance = response.json as unknown as Assistance;
    expect(assistance.suggestions.map((suggestion) => suggestion.criterionId)).toEqual(builtInRubric.criteria.map((criterion) => criterion.id));
    for (const suggestion of assistance.suggestions) {
      const criterion = builtInRubric.criteria.find((entry) => entry.id === suggestion.criterionId);
      expect(criterion?.levels.map((level) => level.id)).toContain(suggestion.levelId);
      for (const evidence of suggestion.evidence) expect(sampleEssay.slice(evidence.start, evidence.end)).toBe(evidence.quote);
    }
    const quotes = assistance.flags.map((flag) => flag.quote).join(' | ');
    expect(quotes).toContain('Menshevik Whites');
    expect(quotes).toContain('1921');
  });

  it('is for instructors only, and only for their own assignment’s essays', async () => {
    expect((await api(inkwell.baseUrl, student, 'GET', `/api/grading/submissions/${submissionId}/assistant`)).status).toBe(403);
    expect((await api(inkwell.baseUrl, teacher, 'GET', '/api/grading/submissions/0123456789abcdef01234567/assistant')).status).toBe(404);
  });

  it('never grades: asking for suggestions leaves the essay ungraded', async () => {
    const list = await api(inkwell.baseUrl, teacher, 'GET', `/api/grading/submissions/${submissionId}/sync`);
    expect(list.json.sync ?? null).toBeNull();
  });
});

describe('the student’s coverage check', () => {
  it('names the questions the text seems to answer and points gently at the missing ones, with no score', async () => {
    const onlyStalin =
      'Stalin rose because as General Secretary he appointed loyal officials, and after Lenin died he allied with ' +
      'Zinoviev and Kamenev against Trotsky, then with Bukharin against them.';
    const response = await api(inkwell.baseUrl, student, 'POST', '/api/essay/coverage', { text: onlyStalin, purpose: 'submit' });
    expect(response.status).toBe(200);
    const questions = response.json.questions as { guidingQuestionId: string; addressed: boolean; pointer?: string }[];
    expect(questions.map((question) => question.guidingQuestionId)).toEqual(['gq-rise', 'gq-soviet-1920s', 'gq-stalin', 'gq-policies']);
    expect(questions.find((question) => question.guidingQuestionId === 'gq-stalin')?.addressed).toBe(true);
    const missed = questions.find((question) => question.guidingQuestionId === 'gq-policies');
    expect(missed?.addressed).toBe(false);
    expect(missed?.pointer).toMatch(/does not seem to answer/);
    expect(JSON.stringify(response.json)).not.toMatch(/level|score|points/i);
  });

  it('is offered while writing by the built-in unit, refused once the instructor turns it off, and refused to instructors', async () => {
    expect((await api(inkwell.baseUrl, student, 'POST', '/api/essay/coverage', { text: 'Some words.', purpose: 'writing' })).status).toBe(200);
    const assignmentId = String(decodeJwt(teacher).assignmentId);
    const { draft } = (await api(inkwell.baseUrl, teacher, 'GET', `/api/assignments/${assignmentId}`)).json as unknown as { draft: AssignmentDraft };
    expect(draft.rules.coverageWhileWriting).toBe(true);
    const saved = await api(inkwell.baseUrl, teacher, 'PUT', `/api/assignments/${assignmentId}`, { ...draft, rules: { ...draft.rules, coverageWhileWriting: false } });
    expect(saved.status).toBe(200);
    expect((await api(inkwell.baseUrl, student, 'POST', '/api/essay/coverage', { text: 'Some words.', purpose: 'writing' })).status).toBe(403);
    expect((await api(inkwell.baseUrl, teacher, 'POST', '/api/essay/coverage', { text: 'Some words.', purpose: 'submit' })).status).toBe(403);
    expect((await api(inkwell.baseUrl, student, 'POST', '/api/essay/coverage', { text: 42, purpose: 'submit' })).status).toBe(422);
  });
});

describe('agreement figures', () => {
  it('compare the levels the instructor chose with the ones suggested, per criterion and overall', async () => {
    const assistance = (await api(inkwell.baseUrl, teacher, 'GET', `/api/grading/submissions/${submissionId}/assistant`)).json as unknown as Assistance;
    // The instructor takes every suggestion but the first criterion's, where they pick another level.
    const selections = Object.fromEntries(assistance.suggestions.map((suggestion) => [suggestion.criterionId, suggestion.levelId]));
    const first = builtInRubric.criteria[0]!;
    const other = first.levels.find((level) => level.id !== selections[first.id])!;
    selections[first.id] = other.id;
    const graded = await api(inkwell.baseUrl, teacher, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
      selections,
      criterionComments: {},
      overallComment: '',
      release: false,
      baseVersion: 0,
    });
    expect(graded.status).toBe(200);

    const response = await api(inkwell.baseUrl, teacher, 'GET', '/api/grading/assistant-agreement');
    expect(response.status).toBe(200);
    const figures = response.json as unknown as {
      overall: { count: number; exact: number; withinOne: number };
      criteria: { criterionId: string; figures: { count: number; exact: number } }[];
    };
    expect(figures.overall.count).toBe(builtInRubric.criteria.length);
    expect(figures.overall.exact).toBeCloseTo((builtInRubric.criteria.length - 1) / builtInRubric.criteria.length, 5);
    expect(figures.criteria.find((entry) => entry.criterionId === first.id)?.figures.exact).toBe(0);
    expect((await api(inkwell.baseUrl, student, 'GET', '/api/grading/assistant-agreement')).status).toBe(403);
  });
});

describe('knowledge the instructor edits', () => {
  const socialistRealism = {
    kind: 'misnomer' as const,
    fact: 'Socialist Realism was the official style of the arts from 1932, after this unit’s period.',
    wrong: ['Socialist Realism'],
    says: 'Socialist Realism belongs to the 1920s',
  };

  async function flagQuotes(token: string, id: string): Promise<string[]> {
    const response = await api(inkwell.baseUrl, token, 'GET', `/api/grading/submissions/${id}/assistant`);
    expect(response.status).toBe(200);
    return (response.json as unknown as Assistance).flags.map((flag) => flag.quote);
  }

  it('changes what the assistant flags once saved, and copies of the assignment carry it', async () => {
    const assignmentId = String(decodeJwt(teacher).assignmentId);
    expect((await flagQuotes(teacher, submissionId)).join(' ')).not.toContain('Socialist Realism');
    const { draft } = (await api(inkwell.baseUrl, teacher, 'GET', `/api/assignments/${assignmentId}`)).json as unknown as { draft: AssignmentDraft };
    const saved = await api(inkwell.baseUrl, teacher, 'PUT', `/api/assignments/${assignmentId}`, {
      ...draft,
      knowledge: { ...draft.knowledge!, facts: [...draft.knowledge!.facts, socialistRealism] },
    });
    expect(saved.status).toBe(200);
    expect((await flagQuotes(teacher, submissionId)).join(' ')).toContain('Socialist Realism');

    // A new link that starts from this assignment (a copied course) gets the edited fact sheet too.
    const copyLink = 'rl-essay-copy';
    inkwell.platform.addResourceLink({ id: copyLink, title: 'Copied essay', withLineItem: true, custom: { inkwell_assignment: assignmentId } });
    const copyTeacher = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: copyLink })).sessionToken!;
    const copyStudent = (await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: copyLink })).sessionToken!;
    expect(decodeJwt(copyTeacher).assignmentId).not.toBe(assignmentId);
    expect((await api(inkwell.baseUrl, copyStudent, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
    expect((await flagQuotes(copyTeacher, String(decodeJwt(copyStudent).submissionId))).join(' ')).toContain('Socialist Realism');
  });

  it('refuses knowledge that breaks a rule, naming the field, and a fact sheet that is too long', async () => {
    const assignmentId = String(decodeJwt(teacher).assignmentId);
    const { draft } = (await api(inkwell.baseUrl, teacher, 'GET', `/api/assignments/${assignmentId}`)).json as unknown as { draft: AssignmentDraft };
    const count = draft.knowledge!.facts.length;
    const badYear = await api(inkwell.baseUrl, teacher, 'PUT', `/api/assignments/${assignmentId}`, {
      ...draft,
      knowledge: { ...draft.knowledge!, facts: [...draft.knowledge!.facts, { kind: 'date', fact: 'Kronstadt rebelled in 1921.', subject: ['Kronstadt'], years: [921] }] },
    });
    expect(badYear.status).toBe(422);
    expect((badYear.json.fieldErrors as Record<string, string>)[`knowledge.facts.${count}.years`]).toMatch(/from 1000 to 2100/);
    const tooMany = await api(inkwell.baseUrl, teacher, 'PUT', `/api/assignments/${assignmentId}`, {
      ...draft,
      knowledge: { ...draft.knowledge!, facts: Array.from({ length: 201 }, () => socialistRealism) },
    });
    expect(tooMany.status).toBe(422);
    expect((tooMany.json.fieldErrors as Record<string, string>)['knowledge.facts']).toMatch(/at most 200 facts/);
    // Nothing of either was saved.
    expect((await flagQuotes(teacher, submissionId)).join(' ')).toContain('Socialist Realism');
  });
});
