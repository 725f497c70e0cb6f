// The rubric assistant for an assignment: its rubric and unit knowledge, ready for the domain's analysis.
import { knowledgeOfUnit } from '../domain/assistant/unit-knowledge';
import type { AssessableCriterion } from '../domain/assistant/suggest';
import type { UnitKnowledge } from '../domain/assistant/knowledge';
import { findAssignmentById } from '../models/assignments';

export interface AssistantSubject {
  criteria: readonly AssessableCriterion[];
  knowledge: UnitKnowledge;
  questions: readonly { id: string; prompt: string }[];
}

/** For the command line: an assignment's rubric and knowledge, or a clear sentence when there is none. */
export async function assistantSubjectOfAssignment(assignmentId: string): Promise<AssistantSubject> {
  const assignment = await findAssignmentById(assignmentId);
  if (!assignment) throw new Error(`No assignment has the id ${assignmentId}.`);
  return {
    criteria: assignment.rubric.criteria,
    knowledge: knowledgeOfUnit(assignment.unit),
    questions: assignment.unit.guidingQuestions,
  };
}
