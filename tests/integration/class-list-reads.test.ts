/**
 * The class list's read of a whole class (models/submissions.ts listClassSubmissions): the same
 * submissions and grades as listSubmissionsOfAssignment, with each grade's comments left in the
 * database (the list, the class overview and the CSV show none). Against the real database.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { builtInRubric } from '../../domain/rubric';
import { builtInUnit } from '../../domain/unit';
import { upsertAssignmentOnLaunch } from '../../models/assignments';
import { closeDb, getDb } from '../../models/db';
import {
  claimGrade,
  findSubmissionById,
  listClassSubmissions,
  listSubmissionsOfAssignment,
  markSubmitted,
  saveDraftText,
  upsertSubmissionOnLaunch,
} from '../../models/submissions';

beforeAll(() => {
  process.env.MONGODB_URI = inject('mongoUri');
  process.env.INKWELL_DB_NAME = `inkwell_class_list_${randomBytes(4).toString('hex')}`;
});

afterAll(async () => {
  await (await getDb()).dropDatabase();
  await closeDb();
});

describe('listClassSubmissions', () => {
  it('lists every submission with its grade as listSubmissionsOfAssignment does, without the comments', async () => {
    const assignment = await upsertAssignmentOnLaunch(
      { platformIssuer: 'https://lms.example', deploymentId: 'd1', contextId: 'c-list', resourceLinkId: 'rl-list', clientId: 'client', unit: builtInUnit, rubric: builtInRubric },
      {},
    );
    const ids: string[] = [];
    for (const [index, name] of ['Ada', 'Ben', 'Cleo'].entries()) {
      const { id } = await upsertSubmissionOnLaunch({ assignmentId: assignment.id, userId: `u-${name}`, userName: name });
      ids.push(id);
      if (index === 2) continue; // Cleo has not written yet
      const saved = await saveDraftText(id, 0, `An essay by ${name}.`, 4);
      expect(saved.ok).toBe(true);
      expect((await markSubmitted((await findSubmissionById(id))!, new Date())).ok).toBe(true);
    }
    const ada = (await findSubmissionById(ids[0]!))!;
    const graded = await claimGrade(ada, 0, {
      gradeId: 'g-ada',
      gradedRevision: ada.revision,
      released: false,
      rubricId: builtInRubric.id,
      rubricVersion: 1,
      selections: Object.fromEntries(builtInRubric.criteria.map((c) => [c.id, `${c.id}-3`])),
      criterionComments: { [builtInRubric.criteria[0]!.id]: 'CRITERION-COMMENT-11' },
      overallComment: 'OVERALL-COMMENT-22',
      total: 12,
      max: 16,
      gradedAt: new Date(),
      gradedBy: 'teacher',
    });
    expect(graded.ok).toBe(true);

    const full = await listSubmissionsOfAssignment(assignment.id);
    const listed = await listClassSubmissions(assignment.id);
    expect(listed.map((s) => s.id)).toEqual(full.map((s) => s.id));
    for (const [index, submission] of listed.entries()) {
      const { grade, ...rest } = full[index]!;
      const { criterionComments: _comments, overallComment: _overall, ...gradeWithoutComments } = grade ?? { criterionComments: {}, overallComment: '' };
      expect(submission).toEqual(grade ? { ...rest, grade: gradeWithoutComments } : rest);
    }
    const adaListed = listed.find((s) => s.id === ada.id)!;
    expect(adaListed.grade).toMatchObject({ gradeId: 'g-ada', version: 1, total: 12, max: 16, released: false });
    expect(adaListed.status).toBe('graded');
    expect(JSON.stringify(listed)).not.toMatch(/CRITERION-COMMENT-11|OVERALL-COMMENT-22/);
    expect(listed.find((s) => s.userName === 'Cleo')).toMatchObject({ status: 'draft', revision: 0, wordCount: 0 });
  });
});
