import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_LIMITS as L, buildAssignmentContent, toAssignmentDraft, type AssignmentDraft } from '../../domain/assignment';
import { builtInRubric } from '../../domain/rubric';
import { builtInUnit } from '../../domain/unit';
import { assignmentDraftSchema } from './assignment-draft-schema';

const base = { unit: builtInUnit, rubric: builtInRubric };

function draft(edit: (draft: AssignmentDraft) => void): AssignmentDraft {
  const value = structuredClone(toAssignmentDraft(base));
  edit(value);
  return value;
}

describe('assignmentDraftSchema', () => {
  it('leaves every length to domain/assignment.ts, so authors get its message', () => {
    const long = draft((d) => {
      d.title = 'x'.repeat(5_000);
      d.introduction = 'x'.repeat(L.markdownChars * 3);
      d.guidingQuestions[0]!.prompt = 'x'.repeat(L.promptChars * 10);
      d.rubric.criteria[0]!.levels[0]!.label = 'x'.repeat(L.labelChars * 10);
    });
    const parsed = assignmentDraftSchema.safeParse(long);
    expect(parsed.success).toBe(true);
    const built = buildAssignmentContent(parsed.data as AssignmentDraft, base, () => 'id');
    expect(built.ok).toBe(false);
    if (!built.ok) {
      expect(built.fieldErrors).toMatchObject({
        title: `Keep this to ${L.titleChars} characters or fewer.`,
        introduction: 'Keep this to 20,000 characters or fewer.',
        'guidingQuestions.0.prompt': `Keep this to ${L.promptChars} characters or fewer.`,
        'rubric.criteria.0.levels.0.label': `Keep this to ${L.labelChars} characters or fewer.`,
      });
    }
  });

  it('accepts lists longer than the domain allows, so the domain names the list to fix', () => {
    const many = draft((d) => {
      d.guidingQuestions = Array.from({ length: L.maxGuidingQuestions + 1 }, () => ({ prompt: 'Why?', context: '' }));
      const criterion = d.rubric.criteria[0]!;
      criterion.levels = Array.from({ length: L.maxLevels + 1 }, (_, points) => ({ label: 'L', descriptor: '', points }));
      d.rubric.criteria = Array.from({ length: L.maxCriteria + 1 }, () => structuredClone(criterion));
    });
    expect(assignmentDraftSchema.safeParse(many).success).toBe(true);
  });

  it('refuses what is not a draft', () => {
    expect(assignmentDraftSchema.safeParse(draft((d) => Object.assign(d.rules, { minWords: '300' }))).success).toBe(false);
    expect(assignmentDraftSchema.safeParse({ title: 'Only a title' }).success).toBe(false);
  });
});
