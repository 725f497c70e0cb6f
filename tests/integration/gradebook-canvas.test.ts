/**
 * Grade passback against a Canvas-flavoured platform whose launch carries only
 * the line items container: Inkwell must find or create the gradebook column,
 * send Canvas's submission extension, and tell the truth when the LMS fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { api, launch, openPage, reopenLaunchPage } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { waitFor } from '../support/wait';

const LINK = 'rl-canvas-essay';
let inkwell: RunningInkwell;
let instructorToken: string;
let submissionId: string;

const selections = (levelIndex: number) =>
  Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[levelIndex]!.id]));

beforeAll(async () => {
  inkwell = await startInkwell({ platform: { flavour: 'canvas' } });
  inkwell.platform.addResourceLink({ id: LINK, title: 'Essay: Russia 1917–1929', withLineItem: false });
});

afterAll(async () => {
  await inkwell?.stop();
});

describe('a Canvas link without a line item', () => {
  it('creates the gradebook column on first submission and sends the submission extension', async () => {
    const student = await launch(inkwell.platform, { userId: 'student-chen', resourceLinkId: LINK });
    expect(student.status).toBe(303);
    const token = student.sessionToken!;
    expect((await api(inkwell.baseUrl, token, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
    expect((await api(inkwell.baseUrl, token, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);

    await waitFor(() => inkwell.platform.receivedScores.some((s) => s.accepted));
    const created = inkwell.platform.lineItems().filter((li) => li.resourceLinkId === LINK);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ scoreMaximum: 32, label: 'Essay: Russia 1917–1929', tag: 'inkwell-essay' });

    const body = inkwell.platform.receivedScores.find((s) => s.accepted)!.body as Record<string, unknown>;
    expect(body).toMatchObject({ userId: 'student-chen', activityProgress: 'Submitted', gradingProgress: 'PendingManual' });
    expect(body['https://canvas.instructure.com/lti/submission']).toMatchObject({
      new_submission: true,
      submission_type: 'online_text_entry',
    });
  });

  it('sends the instructor’s grade to the column it created', async () => {
    const instructor = await launch(inkwell.platform, { userId: 'teacher-rivera', resourceLinkId: LINK });
    instructorToken = instructor.sessionToken!;
    const html = await (await reopenLaunchPage(inkwell.baseUrl, instructor)).text();
    submissionId = /\/grading\/([a-f0-9]{24})"/.exec(html)![1]!;

    const result = await api(inkwell.baseUrl, instructorToken, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
      selections: selections(2),
      criterionComments: {},
      overallComment: '',
    });
    expect(result.json).toMatchObject({ total: 16, max: 32 });
    await waitFor(() => inkwell.platform.gradeFor(LINK, 'student-chen')?.gradingProgress === 'FullyGraded');
    expect(inkwell.platform.gradeFor(LINK, 'student-chen')).toMatchObject({ scoreGiven: 16, gradingProgress: 'FullyGraded' });
    // Canvas's submission extension travels with the grade too, so SpeedGrader keeps the submission time.
    const graded = inkwell.platform.receivedScores.filter((s) => s.accepted).at(-1)!.body as Record<string, unknown>;
    expect(graded['https://canvas.instructure.com/lti/submission']).toMatchObject({ new_submission: false });
    // Still one column: the second score reused the line item Inkwell remembered.
    expect(inkwell.platform.lineItems().filter((li) => li.resourceLinkId === LINK)).toHaveLength(1);
  });

  it('keeps the grade, gives up honestly after its attempts while the LMS fails, and sends it on retry', async () => {
    inkwell.platform.setFailureMode({ status: 500, rate: 1 });
    try {
      const result = await api(inkwell.baseUrl, instructorToken, 'PUT', `/api/grading/submissions/${submissionId}/grade`, {
        selections: selections(0),
        criterionComments: {},
        overallComment: 'Regraded',
        baseVersion: 1,
      });
      expect(result.status).toBe(200);
      expect(result.json).toMatchObject({ total: 32 });
      const sync = await waitFor(async () => {
        const s = (await api(inkwell.baseUrl, instructorToken, 'GET', `/api/grading/submissions/${submissionId}/sync`)).json.sync as { state: string; message: string };
        return s.state === 'failed' ? s : undefined;
      });
      expect(sync.message).toMatch(/gave up after 8 attempts/);
    } finally {
      inkwell.platform.setFailureMode(null);
    }
    // The LMS still has the old grade; Inkwell has the new one and shows it was not sent.
    expect(inkwell.platform.gradeFor(LINK, 'student-chen')).toMatchObject({ scoreGiven: 16 });
    const list = await (await openPage(inkwell.baseUrl, `/grading`, instructorToken)).text();
    expect(list).toContain('32 / 32');
    expect(list).toContain('Not sent:');

    const retry = await api(inkwell.baseUrl, instructorToken, 'POST', '/api/grading/retry-failed', {});
    expect(retry.json).toEqual({ retried: 1 });
    await waitFor(() => inkwell.platform.gradeFor(LINK, 'student-chen')?.scoreGiven === 32);
  });
});
