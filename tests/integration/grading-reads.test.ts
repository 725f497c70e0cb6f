/**
 * What the grading pages read once instead of twice (issue #16, grading): the grading view
 * checks its submission once and shows the inline comments and the comment bank only after
 * that check passed; the submission list reads the LMS deliveries only when a grade has been
 * released. Over HTTP against the real server, so the pages behave as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorText } from '../../domain/inline-comments';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { ROLE } from '../../emulator';
import { api, launch, openPage } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { waitFor } from '../support/wait';

const LINK = 'rl-reads-essay';
const OTHER_COURSE = 'course-reads-other';
const OTHER_LINK = 'rl-reads-other';
const COMMENT = 'INLINE-NOTE-7731: check this date.';
const BANK_ENTRY = 'BANK-ENTRY-4410: cite a source here.';
const QUOTE = 'Treaty of Rapallo in 1921';

let inkwell: RunningInkwell;
let rivera: string;
let riveraElsewhere: string;
let student: string;
let submissionId: string;
let revision: number;

async function pageText(path: string, token: string): Promise<{ status: number; html: string }> {
  const response = await openPage(inkwell.baseUrl, path, token);
  return { status: response.status, html: (await response.text()).replaceAll('<!-- -->', '') };
}

const allLevels = (points: number) => Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, `${c.id}-${points}`]));

beforeAll(async () => {
  inkwell = await startInkwell({ platform: { flavour: 'moodle' } });
  inkwell.platform.addResourceLink({ id: LINK, title: 'Reads essay', withLineItem: true });
  inkwell.platform.addCourse({ id: OTHER_COURSE, label: 'HIST 303', title: 'Another course' });
  inkwell.platform.addMember({ sub: 'teacher-rivera', name: 'Maria Rivera', roles: [ROLE.instructor] }, OTHER_COURSE);
  inkwell.platform.addResourceLink({ id: OTHER_LINK, title: 'Other essay', withLineItem: true, contextId: OTHER_COURSE });
  inkwell.platform.addMember({ sub: 'student-ines', name: 'Ines Duarte', roles: [ROLE.learner] });
  rivera = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK })).sessionToken!;
  riveraElsewhere = (await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: OTHER_LINK, contextId: OTHER_COURSE })).sessionToken!;
  student = (await launch(inkwell.platform, { userId: 'student-ines', resourceLinkId: LINK })).sessionToken!;
  expect((await api(inkwell.baseUrl, student, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
  const submitted = await api(inkwell.baseUrl, student, 'POST', '/api/essay/submit', { revision: 1 });
  expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
  revision = submitted.json.revision as number;
  const list = (await pageText('/grading', rivera)).html;
  submissionId = /\/grading\/([a-f0-9]{24})">Ines Duarte</.exec(list)![1]!;
  const start = anchorText(sampleEssay).indexOf(QUOTE);
  const comment = await api(inkwell.baseUrl, rivera, 'POST', `/api/grading/submissions/${submissionId}/inline-comments`, {
    revision,
    start,
    end: start + QUOTE.length,
    quote: QUOTE,
    text: COMMENT,
  });
  expect(comment.status, JSON.stringify(comment.json)).toBe(201);
  const saved = await api(inkwell.baseUrl, rivera, 'POST', '/api/grading/comment-bank', { text: BANK_ENTRY, criterionId: 'c-evidence' });
  expect(saved.status, JSON.stringify(saved.json)).toBe(201);
}, 120_000);

afterAll(async () => {
  await inkwell?.stop();
});

describe('the grading view', () => {
  it('shows the essay, its inline comments, and the instructor’s own bank beside the starters', async () => {
    const { status, html } = await pageText(`/grading/${submissionId}`, rivera);
    expect(status).toBe(200);
    expect(html).toContain('<h1>Ines Duarte</h1>');
    expect(html).toContain(QUOTE);
    expect(html).toContain(COMMENT);
    expect(html).toContain(BANK_ENTRY);
  });

  it('shows nothing of a submission to the same instructor in another course, nor to its student', async () => {
    for (const token of [riveraElsewhere, student]) {
      const { html } = await pageText(`/grading/${submissionId}`, token);
      expect(html).toContain('This submission is not available');
      expect(html).not.toContain(COMMENT);
      expect(html).not.toContain(BANK_ENTRY);
      expect(html).not.toContain(QUOTE);
    }
  });

  it('answers a submission id that does not exist as not available', async () => {
    const { html } = await pageText('/grading/0123456789abcdef01234567', rivera);
    expect(html).toContain('This submission is not available');
    expect(html).not.toContain(BANK_ENTRY);
  });
});

describe('the submission list and its CSV', () => {
  const csv = async () => {
    const response = await fetch(`${inkwell.baseUrl}/grading/overview/csv`, { headers: { authorization: `Bearer ${rivera}` } });
    expect(response.status).toBe(200);
    return response.text();
  };

  it('shows a draft grade as not released, then a released one with where it stands in the LMS', async () => {
    const draft = await api(inkwell.baseUrl, rivera, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
      selections: allLevels(3),
      criterionComments: {},
      overallComment: '',
      release: false,
    });
    expect(draft.status, JSON.stringify(draft.json)).toBe(200);
    expect((await pageText('/grading', rivera)).html).toContain('Not released');
    expect(await csv()).toContain('Not released');

    const released = await api(inkwell.baseUrl, rivera, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
      selections: allLevels(4),
      criterionComments: {},
      overallComment: '',
      release: true,
      baseVersion: 1,
    });
    expect(released.status, JSON.stringify(released.json)).toBe(200);
    const list = (await pageText('/grading', rivera)).html;
    expect(list).not.toContain('Not released');
    expect(list).toMatch(/In the LMS|Waiting to be sent|Sending/);
    // The worker delivers it; the list and the CSV then read that from the delivery.
    await waitFor(async () => (await csv()).includes('In the LMS since'), 20_000, 'the grade in the LMS');
    expect((await pageText('/grading', rivera)).html).toContain('In the LMS since');
  });
});
