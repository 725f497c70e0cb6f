/**
 * Two Inkwell processes on one database, as behind a load balancer: a launch whose steps land
 * on different processes works, and what a process keeps from the steps it served (copies of
 * the page tickets it issued, Markdown trees) never lets a state or a ticket be
 * used twice, nor shows a student text that was edited since.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentDraft } from '../../domain/assignment';
import { api, launch, loginAndAuthorize, postIdToken, reopenLaunchPage, sessionTokenInPage } from '../support/lti-client';
import { startInkwell, type RunningInkwell } from '../support/inkwell-server';

const LINK = 'rl-essay-1';
const TEACHER = 'teacher-rivera';

let inkwell: RunningInkwell;
/** The second process (B); `inkwell.baseUrl` is the first (A). */
let other: { baseUrl: string; stop(): Promise<void> };

beforeAll(async () => {
  inkwell = await startInkwell();
  other = await inkwell.startAnother();
});

afterAll(async () => {
  await inkwell?.stop();
});

/** The same request, sent to process B instead of A. */
function onOther(url: string): string {
  const moved = new URL(url);
  const target = new URL(other.baseUrl);
  moved.host = target.host;
  return moved.href;
}

describe('a launch across two processes', () => {
  it('logs in on one process and launches on the other', async () => {
    const { cookie, form } = await loginAndAuthorize(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK });
    const result = await postIdToken(onOther(form.action), form.fields, cookie);
    expect(result.status).toBe(303);
    expect(result.page).toContain('Essay text');
    expect(result.sessionToken).toBeTruthy();
  });

  it('uses a state once: launched through the other process, the same launch is refused by the process that issued it', async () => {
    const { cookie, form } = await loginAndAuthorize(inkwell.platform, { userId: 'student-ben', resourceLinkId: LINK });
    expect((await postIdToken(onOther(form.action), form.fields, cookie)).status).toBe(303);
    const replay = await postIdToken(form.action, form.fields, cookie);
    expect(replay.status).toBe(401);
    expect(replay.ticket).toBeNull();
    expect(replay.body).toContain('Inkwell could not open');
  });

  it('opens the first page on either process, and only once', async () => {
    const { cookie, form } = await loginAndAuthorize(inkwell.platform, { userId: 'student-chen', resourceLinkId: LINK });
    const answer = await fetch(form.action, { method: 'POST', body: new URLSearchParams(form.fields), headers: { cookie }, redirect: 'manual' });
    expect(answer.status).toBe(303);
    const pageUrl = new URL(answer.headers.get('location')!, form.action).href;
    // The ticket was issued by A; B redeems it, after which A (which kept a copy) must not.
    const onB = await (await fetch(onOther(pageUrl))).text();
    expect(onB).toContain('Essay text');
    expect(sessionTokenInPage(onB)).toBeTruthy();
    const onA = await (await fetch(pageUrl)).text();
    expect(onA).not.toContain('Essay text');
    expect(sessionTokenInPage(onA)).toBeNull();
  });

  it('shows a student the assignment as edited through the other process', async () => {
    const oldWords = 'the Russian Empire collapsed';
    const before = await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK });
    expect(before.page).toContain(oldWords);
    const teacher = await launch(inkwell.platform, { userId: TEACHER, resourceLinkId: LINK });
    const assignmentId = String(decodeJwt(teacher.sessionToken!).assignmentId);
    const loaded = await api(other.baseUrl, teacher.sessionToken, 'GET', `/api/assignments/${assignmentId}`);
    const draft = loaded.json.draft as AssignmentDraft;
    const edited = { ...draft, introduction: 'Read the **new sources** before you write.' };
    const saved = await api(other.baseUrl, teacher.sessionToken, 'PUT', `/api/assignments/${assignmentId}`, edited);
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);

    // Process A rendered the old introduction a moment ago; its next page shows the new one.
    const after = await launch(inkwell.platform, { userId: 'student-ada', resourceLinkId: LINK });
    expect(after.page).toContain('new sources');
    expect(draft.introduction).toContain(oldWords);
    expect(after.page).not.toContain(oldWords);
    const reopened = await (await reopenLaunchPage(inkwell.baseUrl, after)).text();
    expect(reopened).toContain('new sources');
  });
});
