/**
 * The gradebook gets the grade the instructor gave, in the assignment's own
 * column: a grade given under an older rubric version is sent as it was given
 * (issue #12 item 7), and a line item list without this link's column never
 * makes Inkwell post into another column (item 8).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentDraft } from '../../domain/assignment';
import { builtInRubric } from '../../domain/rubric';
import { sampleEssay } from '../../domain/unit';
import { CLAIM, SCOPE } from '../../emulator';
import { api, launch, reopenLaunchPage } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';
import { waitFor } from '../support/wait';

const TEACHER = 'teacher-rivera';
let inkwell: RunningInkwell;

beforeAll(async () => {
  inkwell = await startInkwell({ platform: { flavour: 'moodle' } });
});

afterAll(async () => {
  await inkwell?.stop();
});

/** The student launches the link, writes the sample essay and submits it. */
async function submitEssay(userId: string, resourceLinkId: string): Promise<void> {
  const student = await launch(inkwell.platform, { userId, resourceLinkId });
  expect(student.status).toBe(303);
  expect((await api(inkwell.baseUrl, student.sessionToken, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 })).status).toBe(200);
  expect((await api(inkwell.baseUrl, student.sessionToken, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
}

/** The instructor's launch: session, the assignment's id and each student's submission id (by name). */
async function teacherOf(resourceLinkId: string) {
  const teacher = await launch(inkwell.platform, { userId: TEACHER, resourceLinkId });
  const html = (await (await reopenLaunchPage(inkwell.baseUrl, teacher)).text()).replaceAll('<!-- -->', '');
  const submissionOf = (name: string) => new RegExp(`/grading/([a-f0-9]{24})">${name}<`).exec(html)?.[1];
  const assignmentId = /\/assignments\/([a-f0-9]{24})\/edit/.exec(html)?.[1];
  return { token: teacher.sessionToken!, assignmentId: assignmentId!, submissionOf };
}

async function syncOf(token: string, submissionId: string): Promise<{ state: string; message: string } | undefined> {
  const result = await api(inkwell.baseUrl, token, 'GET', `/api/grading/submissions/${submissionId}/sync`);
  return (result.json.sync as { state: string; message: string } | null) ?? undefined;
}

/** Scores the LMS received for a user, with the line item they were posted to. */
function scoresOf(userId: string) {
  return inkwell.platform.receivedScores.filter((s) => (s.body as { userId?: string } | undefined)?.userId === userId);
}

describe('a grade given under an earlier rubric version', () => {
  const LINK = 'rl-essay-1';
  // Level index 1 of every built-in criterion is worth 3 points: 24 of 32.
  const secondLevels = Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[1]!.id]));
  const removed = builtInRubric.criteria.at(-1)!;

  it('reaches the LMS with its own score and comment after the rubric changed', async () => {
    await submitEssay('student-ada', LINK);
    await submitEssay('student-ben', LINK);
    await waitFor(() => scoresOf('student-ben').some((s) => s.accepted), 15_000, 'the needs-grading notices');
    const teacher = await teacherOf(LINK);
    const ada = teacher.submissionOf('Ada Lovelace')!;
    const ben = teacher.submissionOf('Ben Okafor')!;

    // Ada's grade is released while the LMS is down; Ben's stays a draft.
    inkwell.platform.setFailureMode({ status: 503, rate: 1 });
    try {
      const released = await api(inkwell.baseUrl, teacher.token, 'PUT', `/api/grading/submissions/${ada}/grade`, {
        selections: secondLevels,
        criterionComments: { [removed.id]: 'Sources well chosen.' },
        overallComment: 'A careful essay.',
      });
      expect(released.json).toMatchObject({ total: 24, max: 32, released: true });
      const draft = await api(inkwell.baseUrl, teacher.token, 'PUT', `/api/grading/submissions/${ben}/grade`, {
        selections: secondLevels,
        criterionComments: {},
        overallComment: 'Draft for Ben.',
        release: false,
      });
      expect(draft.json).toMatchObject({ total: 24, released: false });
      await waitFor(async () => (await syncOf(teacher.token, ada))?.state === 'retrying', 15_000, 'Ada’s grade waiting for the LMS');

      // The instructor drops a criterion: the rubric becomes version 2 (28 points).
      const loaded = await api(inkwell.baseUrl, teacher.token, 'GET', `/api/assignments/${teacher.assignmentId}`);
      const edited = structuredClone(loaded.json.draft as AssignmentDraft);
      edited.rubric.criteria = edited.rubric.criteria.filter((c) => c.id !== removed.id);
      const saved = await api(inkwell.baseUrl, teacher.token, 'PUT', `/api/assignments/${teacher.assignmentId}`, edited);
      expect(saved.json).toMatchObject({ rubricVersion: 2, newRubricVersion: true });
    } finally {
      inkwell.platform.setFailureMode(null);
    }

    // The LMS is back: Ada's grade arrives as given, summarised with version 1.
    const adaInLms = await waitFor(() => {
      const cell = inkwell.platform.gradeFor(LINK, 'student-ada');
      return cell?.gradingProgress === 'FullyGraded' ? cell : undefined;
    }, 20_000, 'Ada’s grade in the LMS');
    expect(adaInLms).toMatchObject({ scoreGiven: 24, scoreMaximum: 32 });
    expect(adaInLms.comment).toContain('A careful essay.');
    expect(adaInLms.comment).toContain(`${removed.title}: ${removed.levels[1]!.label} (3/4) — Sources well chosen.`);
    expect(adaInLms.comment).toContain('Total: 24/32');
    await waitFor(async () => (await syncOf(teacher.token, ada))?.state === 'sent', 15_000, 'Ada’s grade shown as sent');

    // Ben's version-1 draft, released after the change, goes out as given too.
    const release = await api(inkwell.baseUrl, teacher.token, 'POST', `/api/grading/submissions/${ben}/release`, {});
    expect(release.status).toBe(200);
    const benInLms = await waitFor(() => {
      const cell = inkwell.platform.gradeFor(LINK, 'student-ben');
      return cell?.gradingProgress === 'FullyGraded' ? cell : undefined;
    }, 20_000, 'Ben’s grade in the LMS');
    expect(benInLms).toMatchObject({ scoreGiven: 24, scoreMaximum: 32 });
    expect(benInLms.comment).toContain('Draft for Ben.');
    expect(benInLms.comment).toContain('Total: 24/32');
    await waitFor(async () => (await syncOf(teacher.token, ben))?.state === 'sent', 15_000, 'Ben’s grade shown as sent');
  });
});

describe('a line item list without this link’s column', () => {
  const topLevels = Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[0]!.id]));

  it('creates the link’s own column instead of posting into a column made by hand', async () => {
    const LINK = 'rl-no-column';
    inkwell.platform.addResourceLink({ id: LINK, title: 'Essay without a column', withLineItem: false });
    const participation = inkwell.platform.addLineItem({ label: 'Participation', scoreMaximum: 10 });
    inkwell.platform.setLineItemFiltersIgnored(true);
    try {
      await submitEssay('student-chen', LINK);
      await waitFor(() => scoresOf('student-chen').some((s) => s.status !== 0), 15_000, 'Chen’s notice sent');
      const teacher = await teacherOf(LINK);
      const chen = teacher.submissionOf('Chen Wei')!;
      await api(inkwell.baseUrl, teacher.token, 'PUT', `/api/grading/submissions/${chen}/grade`, {
        selections: topLevels,
        criterionComments: {},
        overallComment: '',
      });
      await waitFor(async () => (await syncOf(teacher.token, chen))?.state === 'sent', 15_000, 'Chen’s grade sent');
    } finally {
      inkwell.platform.setLineItemFiltersIgnored(false);
    }

    const own = inkwell.platform.lineItems().filter((li) => li.resourceLinkId === LINK);
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ label: 'Essay without a column', scoreMaximum: 32, tag: 'inkwell-essay' });
    expect(inkwell.platform.gradebook.get(participation.id)?.get('student-chen')).toBeUndefined();
    expect(scoresOf('student-chen').map((s) => s.lineItemId)).toEqual([own[0]!.id, own[0]!.id]);
    expect(inkwell.platform.gradeFor(LINK, 'student-chen')).toMatchObject({ scoreGiven: 32, gradingProgress: 'FullyGraded' });
  });

  it('uses a column Inkwell made earlier, found by its resourceId and tag, and not another assignment’s', async () => {
    const LINK = 'rl-tagged-column';
    inkwell.platform.addResourceLink({ id: LINK, title: 'Essay with a tagged column', withLineItem: false });
    const teacher = await teacherOf(LINK);
    // Another Inkwell assignment's column comes first in the list; then this one's, without a resourceLinkId.
    const other = inkwell.platform.addLineItem({ label: 'Another essay', scoreMaximum: 32, resourceId: '0123456789abcdef01234567', tag: 'inkwell-essay' });
    const mine = inkwell.platform.addLineItem({ label: 'Essay with a tagged column', scoreMaximum: 32, resourceId: teacher.assignmentId, tag: 'inkwell-essay' });
    inkwell.platform.setLineItemFiltersIgnored(true);
    const before = inkwell.platform.lineItems().length;
    const scoresBefore = inkwell.platform.receivedScores.length;
    try {
      const ben = 'student-ben';
      await submitEssay(ben, LINK);
      const sent = await waitFor(() => {
        const notices = inkwell.platform.receivedScores.slice(scoresBefore).filter((s) => (s.body as { userId?: string }).userId === ben);
        return notices.length > 0 ? notices : undefined;
      }, 15_000, 'Ben’s notice sent');
      expect(sent.map((s) => s.lineItemId)).toEqual([mine.id]);
      expect(inkwell.platform.gradebook.get(mine.id)?.get(ben)).toMatchObject({ gradingProgress: 'PendingManual' });
      expect(inkwell.platform.gradebook.get(other.id)?.get(ben)).toBeUndefined();
      expect(inkwell.platform.lineItems()).toHaveLength(before);
    } finally {
      inkwell.platform.setLineItemFiltersIgnored(false);
    }
  });

  it('says so in plain words, and posts nowhere, when it may not create a column', async () => {
    const LINK = 'rl-read-only';
    inkwell.platform.addResourceLink({ id: LINK, title: 'Essay in a read-only gradebook', withLineItem: false });
    // This link's launches may read line items and post scores, but not create columns.
    inkwell.platform.setLaunchTamper((claims, header) => {
      const link = claims[CLAIM.resourceLink] as { id?: string } | undefined;
      const ags = claims[CLAIM.ags] as Record<string, unknown> | undefined;
      if (link?.id !== LINK || !ags) return { claims, header };
      return { claims: { ...claims, [CLAIM.ags]: { ...ags, scope: [SCOPE.lineItemReadonly, SCOPE.score] } }, header };
    });
    inkwell.platform.setLineItemFiltersIgnored(true);
    const before = inkwell.platform.receivedScores.length;
    try {
      const student = await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK });
      await api(inkwell.baseUrl, student.sessionToken, 'PUT', '/api/essay/draft', { text: sampleEssay, baseRevision: 0 });
      expect((await api(inkwell.baseUrl, student.sessionToken, 'POST', '/api/essay/submit', { revision: 1 })).status).toBe(200);
      const teacher = await teacherOf(LINK);
      const ada = teacher.submissionOf('Ada Lovelace')!;
      await api(inkwell.baseUrl, teacher.token, 'PUT', `/api/grading/submissions/${ada}/grade`, {
        selections: topLevels,
        criterionComments: {},
        overallComment: '',
      });
      const sync = await waitFor(async () => {
        const s = await syncOf(teacher.token, ada);
        return s && s.state !== 'queued' && s.state !== 'sending' ? s : undefined;
      }, 15_000, 'the grade’s outcome');
      expect(sync.state).toBe('failed');
      expect(sync.message).toMatch(/^The LMS has no gradebook column for this assignment/);
    } finally {
      inkwell.platform.setLaunchTamper(null);
      inkwell.platform.setLineItemFiltersIgnored(false);
    }
    expect(inkwell.platform.receivedScores.slice(before)).toEqual([]);
    expect(inkwell.platform.lineItems().filter((li) => li.resourceLinkId === LINK)).toEqual([]);
  });
});
