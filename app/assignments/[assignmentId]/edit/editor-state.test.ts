import { describe, expect, it } from 'vitest';
import { buildAssignmentContent, toAssignmentDraft } from '../../../../domain/assignment';
import { builtInRubric } from '../../../../domain/rubric';
import { builtInUnit } from '../../../../domain/unit';
import { criterionHighest, fromDraft, previewUnit, rubricTotal, toDraft } from './editor-state';
import { levelKey } from './field-paths';

const base = { unit: builtInUnit, rubric: builtInRubric };

describe('toDraft', () => {
  it('round-trips a draft', () => {
    const draft = toAssignmentDraft(base);
    expect(toDraft(fromDraft(draft))).toStrictEqual({ ok: true, draft });
  });

  it('refuses number fields without a number in the words the server uses for them', () => {
    const form = fromDraft(toAssignmentDraft(base));
    const criterion = form.criteria[0]!;
    const level = criterion.levels[0]!;
    level.points = '';
    form.minWords = 'many';
    const result = toDraft(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;

    const serverDraft = toAssignmentDraft(base);
    serverDraft.rubric.criteria[0]!.levels[0]!.points = Number.NaN;
    serverDraft.rules.minWords = Number.NaN;
    const server = buildAssignmentContent(serverDraft, base, () => 'id');
    if (server.ok) throw new Error('expected the server to refuse it');
    expect(result.errors).toStrictEqual({
      [levelKey(criterion.key, level.key, 'points')]: server.fieldErrors['rubric.criteria.0.levels.0.points'],
      'rules.minWords': server.fieldErrors['rules.minWords'],
    });
  });
});

describe('rubric total and preview', () => {
  it('counts each criterion’s highest level, ignoring points that are not numbers yet', () => {
    const form = fromDraft(toAssignmentDraft(base));
    expect(rubricTotal(form)).toBe(32);
    form.criteria[0]!.levels[0]!.points = 'x';
    expect(criterionHighest(form.criteria[0]!)).toBe(3);
  });

  it('splits the introduction into paragraphs as the server stores them', () => {
    const form = fromDraft(toAssignmentDraft(base));
    form.introduction = 'One.\r\n\r\n  Two.\n \nThree.';
    expect(previewUnit(form).introduction).toStrictEqual(['One.', 'Two.', 'Three.']);
  });
});

describe('the anonymous grading setting', () => {
  it('round-trips when on, and is left out when off', () => {
    const on = toAssignmentDraft({ unit: { ...builtInUnit, rules: { ...builtInUnit.rules, anonymousGrading: true } }, rubric: builtInRubric });
    const form = fromDraft(on);
    expect(form.anonymousGrading).toBe(true);
    expect(toDraft(form)).toStrictEqual({ ok: true, draft: on });
    form.anonymousGrading = false;
    const off = toDraft(form);
    if (!off.ok) throw new Error('expected a draft');
    expect('anonymousGrading' in off.draft.rules).toBe(false);
  });
});
