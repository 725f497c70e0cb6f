/**
 * Grade passback (issue #6): 300 graded submissions are released at once while the LMS takes
 * 50 ms per score and answers 10% of them with a 500. Reports the time until every grade is in
 * the emulator's gradebook, how many requests that took (scores and tokens), and how many grades
 * were delivered. Grades are saved as drafts first (not timed), so only delivery is measured.
 */
import { performance } from 'node:perf_hooks';
import type { BenchContext, Scenario, Student } from '../lib/context';
import { send } from '../lib/http';
import { fullLaunch, pool } from '../lib/launch-flow';
import { round } from '../lib/stats';
import { save } from './autosave';
import { ensureSessions } from './launch';
import { builtInRubric } from '../../domain/rubric';

const COURSE = 'bench-a';
const WAIT_LIMIT_MS = 4 * 60_000;

async function submitEveryone(ctx: BenchContext, students: Student[]): Promise<void> {
  await pool(students, 10, async (student) => {
    const index = students.indexOf(student);
    if (student.revision === 0) await save(ctx.inkwell.baseUrl, student, index);
    // 409 = submitted already (e.g. by the instructor scenario): fine.
    await send('POST', `${ctx.inkwell.baseUrl}/api/essay/submit`, {
      headers: { authorization: `Bearer ${student.session}`, 'content-type': 'application/json' },
      body: JSON.stringify({ revision: student.revision }),
    });
  });
}

const scenario: Scenario = {
  name: 'passback',
  title: 'Grade passback: release 300 graded submissions',
  order: 70,
  usesServer: true,
  targets: [],
  async run(ctx: BenchContext) {
    await ensureSessions(ctx, [COURSE]);
    const course = ctx.courses[COURSE]!;
    const students = course.students.filter((s) => s.session);
    await submitEveryone(ctx, students);

    const teacher = await fullLaunch(ctx.platform, { userId: course.instructorId, resourceLinkId: course.resourceLinkId }, 'inkwell');
    if (!teacher.ok || !teacher.session) throw new Error(`instructor launch failed: ${teacher.error}`);
    const auth = { authorization: `Bearer ${teacher.session}`, 'content-type': 'application/json' };
    const submissionIds = [...(teacher.html ?? '').matchAll(/href="\/grading\/([0-9a-f]{24})"/g)].map((m) => m[1]!);
    ctx.log(`passback: grading ${submissionIds.length} submissions as drafts`);
    const selections = Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, c.levels[1]!.id]));
    let draftErrors = 0;
    await pool(submissionIds, 10, async (id) => {
      const response = await send('PUT', `${ctx.inkwell.baseUrl}/api/grading/submissions/${id}/grade`, {
        headers: auth,
        body: JSON.stringify({ selections, criterionComments: {}, overallComment: 'Benchmark grade', release: false }),
      });
      if (response.status !== 200) draftErrors++;
    });

    const userIds = students.map((s) => s.userId);
    const delivered = () => userIds.filter((u) => ctx.platform.gradeFor(course.resourceLinkId, u)?.gradingProgress === 'FullyGraded').length;
    const requestsBefore = ctx.platform.requestLog.length;
    ctx.platform.setFailureMode({ rate: 0.1, status: 500, delayMs: 50 });
    const started = performance.now();
    let releaseStatus = 0;
    try {
      const release = await send('POST', `${ctx.inkwell.baseUrl}/api/grading/release-all`, { headers: auth, body: '{}', timeoutMs: 180_000 });
      releaseStatus = release.status;
      ctx.log(`passback: release-all answered ${release.status} ${release.body.slice(0, 80)}; waiting for the gradebook`);
      while (delivered() < submissionIds.length && performance.now() - started < WAIT_LIMIT_MS) {
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      ctx.platform.setFailureMode(null);
    }
    const seconds = round((performance.now() - started) / 1000, 2);
    const log = ctx.platform.requestLog.slice(requestsBefore);
    const scores = log.filter((r) => r.path.includes('/scores'));
    const tokens = log.filter((r) => r.path.endsWith('/token'));
    const failures = scores.filter((r) => r.status >= 500).length;
    const count = delivered();
    const markdown = [
      `${submissionIds.length} graded submissions released at once (release-all answered ${releaseStatus}; ${draftErrors} draft saves failed).`,
      'The emulator took 50 ms per score and answered 10% of score requests with 500.',
      '',
      '| Figure | Value |',
      '|---|---:|',
      `| Time until all are in the gradebook | ${seconds} s |`,
      `| Grades delivered | ${count} of ${submissionIds.length} |`,
      `| Requests to the LMS | ${log.length} (${scores.length} scores, of which ${failures} injected 500s; ${tokens.length} token requests) |`,
    ].join('\n');
    return {
      figures: { 'passback.release300_s': seconds, 'passback.requests': log.length, 'passback.delivered': count },
      markdown,
      details: { released: submissionIds.length, delivered: count, seconds, scores: scores.length, failures, tokens: tokens.length, draftErrors },
    };
  },
};

export default scenario;
