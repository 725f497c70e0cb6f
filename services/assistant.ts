/**
 * The rubric assistant in Inkwell: suggestions for the essay an instructor is grading (recorded so
 * the class overview can show how far the instructor agreed with them), the coverage check a student
 * can ask for while writing, and the agreement figures. It suggests only: nothing here writes a grade.
 */
import { agreement, type Agreement } from '../domain/assistant/agreement';
import type { Evidence } from '../domain/assistant/coverage';
import type { FactFlag } from '../domain/assistant/fact-check';
import type { UnitKnowledge } from '../domain/assistant/knowledge';
import { assessEssay, type AssessableCriterion } from '../domain/assistant/suggest';
import { knowledgeOfUnit } from '../domain/assistant/unit-knowledge';
import { assertDraftSize } from '../domain/essay';
import { ForbiddenError, NotFoundError } from '../domain/errors';
import type { Rubric } from '../domain/rubric';
import { findAssignmentById, type Assignment } from '../models/assignments';
import { findSuggestions, recordSuggestion, type StoredSuggestion } from '../models/assistant-suggestions';
import { listSubmissionsOfAssignment } from '../models/submissions';
import { assignmentOf, submissionInAssignment } from './grading';
import { sameCourse, type Session } from './sessions';

export interface AssistantSubject {
  criteria: readonly AssessableCriterion[];
  knowledge: UnitKnowledge;
  questions: readonly { id: string; prompt: string }[];
}

/** For the command line: an assignment's rubric and knowledge, or a clear sentence when there is none. */
export async function assistantSubjectOfAssignment(assignmentId: string): Promise<AssistantSubject> {
  const assignment = await findAssignmentById(assignmentId);
  if (!assignment) throw new Error(`No assignment has the id ${assignmentId}.`);
  return { criteria: assignment.rubric.criteria, knowledge: knowledgeOfUnit(assignment.unit), questions: assignment.unit.guidingQuestions };
}

/** The student's own assignment (instructors' calls go through services/grading.ts's checks). */
async function courseAssignment(session: Session): Promise<Assignment> {
  const assignment = await findAssignmentById(session.assignmentId);
  if (!assignment || !sameCourse(session, assignment)) {
    throw new NotFoundError('This assignment could not be found. Please open Inkwell again from your course.');
  }
  return assignment;
}

export interface SuggestionView {
  criterionId: string;
  levelId: string;
  reason: string;
  evidence: Evidence[];
}

export interface GradingAssistance {
  /** The essay revision the suggestions are about (its text is what the grading view shows). */
  revision: number;
  suggestions: SuggestionView[];
  flags: Omit<FactFlag, 'factId'>[];
}

/**
 * Suggestions for one submission of the session's assignment, on its latest text. The levels are
 * recorded (once per revision and rubric version) for the agreement figures.
 * @throws {ForbiddenError} for students; {NotFoundError} for another assignment's submission
 */
export async function assistSubmission(session: Session, submissionId: string): Promise<GradingAssistance> {
  const { assignment, submission } = await submissionInAssignment(session, submissionId);
  const assessment = assessEssay(submission.text, assignment.rubric.criteria, knowledgeOfUnit(assignment.unit));
  const suggestions = assessment.criteria.map(({ criterionId, levelId, reason, evidence }) => ({ criterionId, levelId, reason, evidence }));
  if (submission.revision > 0) {
    await recordSuggestion({
      submissionId: submission.id,
      assignmentId: assignment.id,
      revision: submission.revision,
      rubricVersion: assignment.rubricVersion,
      levels: Object.fromEntries(suggestions.map((suggestion) => [suggestion.criterionId, suggestion.levelId])),
      createdAt: new Date(),
    });
  }
  return {
    revision: submission.revision,
    suggestions,
    flags: assessment.flags.map(({ start, end, quote, says, fact }) => ({ start, end, quote, says, fact })),
  };
}

export interface QuestionCoverageView {
  guidingQuestionId: string;
  prompt: string;
  addressed: boolean;
  /** A gentle pointer for a question the essay seems to miss (never a score). */
  pointer?: string;
  missingParts: string[];
}

/**
 * Which guiding questions the student's current text appears to address: always before submitting,
 * while writing only where the assignment allows it. Nothing is stored and nothing is scored: the
 * student sees questions, not levels.
 * @throws {ForbiddenError} for an instructor session
 */
export async function checkCoverage(session: Session, text: string, purpose: 'submit' | 'writing'): Promise<QuestionCoverageView[]> {
  if (session.role !== 'student') throw new ForbiddenError('The coverage check is for students writing their essay.');
  assertDraftSize(text);
  const assignment = await courseAssignment(session);
  if (purpose === 'writing' && !assignment.unit.rules.coverageWhileWriting) {
    throw new ForbiddenError('This assignment shows which questions your essay covers when you submit it.');
  }
  const questionCriteria = assignment.rubric.criteria.filter((criterion) => criterion.guidingQuestionId);
  const { coverage } = assessEssay(text, questionCriteria, knowledgeOfUnit(assignment.unit));
  return assignment.unit.guidingQuestions.flatMap((question) => {
    const found = coverage.find((entry) => entry.guidingQuestionId === question.id);
    if (!found) return [];
    const view: QuestionCoverageView = { guidingQuestionId: question.id, prompt: question.prompt, addressed: found.addressed, missingParts: found.missingParts };
    if (!found.addressed) view.pointer = `Your essay does not seem to answer “${question.prompt}” yet. Look at this question’s background in the brief.`;
    else if (found.missingParts.length > 0) view.pointer = `You may want to say something about ${found.missingParts.join(' and ')}.`;
    return [view];
  });
}

export interface CriterionAgreement {
  criterionId: string;
  title: string;
  figures: Agreement;
}

export interface AssignmentAgreement {
  /** Graded essays whose grade could be compared with a suggestion recorded for the same revision. */
  essays: number;
  overall: Agreement;
  criteria: CriterionAgreement[];
}

/** A level's place on its criterion's scale, 1 for the fewest points. */
function levelRank(rubric: Rubric, criterionId: string, levelId: string): number | undefined {
  const criterion = rubric.criteria.find((entry) => entry.id === criterionId);
  const ordered = [...(criterion?.levels ?? [])].sort((a, b) => a.points - b.points);
  const index = ordered.findIndex((level) => level.id === levelId);
  return index === -1 ? undefined : index + 1;
}

/**
 * How far the instructor's levels agreed with the suggestions on the essays they graded: each
 * grade (released or draft, with the current rubric) against the suggestion recorded for the very
 * revision it was given on. An essay graded without the assistant asked is left out.
 */
export async function assistantAgreement(session: Session): Promise<AssignmentAgreement> {
  const assignment = await assignmentOf(session);
  const graded = (await listSubmissionsOfAssignment(assignment.id)).flatMap((submission) =>
    submission.grade?.gradedRevision !== undefined && (submission.grade.rubricVersion ?? 1) === assignment.rubricVersion
      ? [{ submissionId: submission.id, revision: submission.grade.gradedRevision, selections: submission.grade.selections }]
      : [],
  );
  const suggestions = new Map<string, StoredSuggestion>(
    (await findSuggestions(graded.map((entry) => ({ ...entry, rubricVersion: assignment.rubricVersion })))).map((suggestion) => [suggestion.submissionId, suggestion]),
  );
  const pairsByCriterion = new Map<string, { suggested: number; chosen: number }[]>();
  let essays = 0;
  for (const entry of graded) {
    const suggestion = suggestions.get(entry.submissionId);
    if (!suggestion || suggestion.revision !== entry.revision) continue;
    let compared = false;
    for (const [criterionId, chosenLevel] of Object.entries(entry.selections)) {
      const suggestedLevel = suggestion.levels[criterionId];
      const suggested = suggestedLevel ? levelRank(assignment.rubric, criterionId, suggestedLevel) : undefined;
      const chosen = levelRank(assignment.rubric, criterionId, chosenLevel);
      if (suggested === undefined || chosen === undefined) continue;
      pairsByCriterion.set(criterionId, [...(pairsByCriterion.get(criterionId) ?? []), { suggested, chosen }]);
      compared = true;
    }
    if (compared) essays += 1;
  }
  const levelCount = Math.max(2, ...assignment.rubric.criteria.map((criterion) => criterion.levels.length));
  const criteria = assignment.rubric.criteria.flatMap((criterion) => {
    const pairs = pairsByCriterion.get(criterion.id);
    return pairs ? [{ criterionId: criterion.id, title: criterion.title, figures: agreement(pairs, criterion.levels.length) }] : [];
  });
  return { essays, overall: agreement([...pairsByCriterion.values()].flat(), levelCount), criteria };
}
