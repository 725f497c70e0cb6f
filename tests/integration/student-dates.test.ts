/**
 * Dates the LMS sends with a launch (issue #12 item 10). Canvas fills
 * `$Canvas.assignment.dueAt.iso8601` with the launching user's own due date,
 * extension included: a student's launch changes that student's dates only,
 * an instructor's launch changes the assignment's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentDraft } from '../../domain/assignment';
import { sampleEssay } from '../../domain/unit';
import { CLAIM } from '../../emulator';
import { api, launch, reopenLaunchPage } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-dated-essay';
const TEACHER = 'teacher-rivera';
// The assignment's dates have passed; Ada has an extension into the future.
const CLASS_DATES = { due_at: '2020-01-10T23:59:00Z', lock_at: '2020-01-12T23:59:00Z' };
const ADA_DATES = { due_at: '2099-01-10T23:59:00Z', lock_at: '2099-01-12T23:59:00Z' };

let inkwell: RunningInkwell;

beforeAll(async () => {
  inkwell = await startInkwell({ platform: { flavour: 'canvas' } });
  inkwell.platform.addResourceLink({
    id: LINK,
    title: 'Dated essay',
    withLineItem: true,
    custom: { ...CLASS_DATES },
  });
  // As Canvas substitutes the variables per user: Ada's launches carry her own dates.
  inkwell.platform.setLaunchTamper((claims, header) =>
    claims.sub === 'student-ada' ? { claims: { ...claims, [CLAIM.custom]: { ...ADA_DATES } }, header } : { claims, header },
  );
});

afterAll(async () => {
  inkwell?.platform.setLaunchTamper(null);
  await inkwell?.stop();
});

async function essayPage(userId: string): Promise<{ token: string; html: string }> {
  const student = await launch(inkwell.platform, { userId, resourceLinkId: LINK });
  expect(student.status).toBe(303);
  const html = await (await reopenLaunchPage(inkwell.baseUrl, student)).text();
  return { token: student.sessionToken!, html };
}

async function assignmentDates(): Promise<AssignmentDraft['rules']> {
  const teacher = await launch(inkwell.platform, { userId: TEACHER, resourceLinkId: LINK });
  const list = await (await reopenLaunchPage(inkwell.baseUrl, teacher)).text();
  const assignmentId = /\/assignments\/([a-f0-9]{24})\/edit/.exec(list)![1]!;
  const draft = (await api(inkwell.baseUrl, teacher.sessionToken, 'GET', `/api/assignments/${assignmentId}`)).json.draft as AssignmentDraft;
  return draft.rules;
}

const iso = (value: string) => new Date(value).toISOString();

describe('per-student dates from the LMS', () => {
  it('a student’s launch with their own due date changes only their dates', async () => {
    expect(await assignmentDates()).toMatchObject({ dueAt: iso(CLASS_DATES.due_at), cutoffAt: iso(CLASS_DATES.lock_at) });

    const ada = await essayPage('student-ada');
    expect(ada.html).toContain(`dateTime="${iso(ADA_DATES.due_at)}"`);
    expect(ada.html).toContain(`dateTime="${iso(ADA_DATES.lock_at)}"`);

    const ben = await essayPage('student-ben');
    expect(ben.html).toContain(`dateTime="${iso(CLASS_DATES.due_at)}"`);
    expect(ben.html).not.toContain(iso(ADA_DATES.due_at));

    // The instructor still sees the assignment's dates.
    expect(await assignmentDates()).toMatchObject({ dueAt: iso(CLASS_DATES.due_at), cutoffAt: iso(CLASS_DATES.lock_at) });

    // The rules follow each student's own dates: Ada may still submit, Ben's lock date has passed.
    expect((await api(inkwell.baseUrl, ada.token, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
    const adaSubmit = await api(inkwell.baseUrl, ada.token, 'POST', '/api/essay/submit', { revision: 1 });
    expect(adaSubmit.status, JSON.stringify(adaSubmit.json)).toBe(200);
    expect((await api(inkwell.baseUrl, ben.token, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
    const benSubmit = await api(inkwell.baseUrl, ben.token, 'POST', '/api/essay/submit', { revision: 1 });
    expect(benSubmit.status).toBe(409);
    expect(benSubmit.json.message).toMatch(/deadline for this essay has passed/);
  });

  it('an instructor’s launch with new dates updates the assignment, and Ada keeps her own', async () => {
    const later = { due_at: '2099-02-10T23:59:00Z', lock_at: '2099-02-12T23:59:00Z' };
    inkwell.platform.resourceLink(LINK)!.custom = { ...later };
    expect(await assignmentDates()).toMatchObject({ dueAt: iso(later.due_at), cutoffAt: iso(later.lock_at) });

    const chen = await essayPage('student-chen');
    expect(chen.html).toContain(`dateTime="${iso(later.due_at)}"`);
    const ada = await essayPage('student-ada');
    expect(ada.html).not.toContain(iso(later.due_at));
  });
});
