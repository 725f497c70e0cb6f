/**
 * Reads the stored facts the lifecycle rules (domain/submission-lifecycle.ts)
 * decide on: the essay's latest revision, an open "return for revision", the
 * grade; and the text a grade was given on, which is kept apart from the
 * revision ledger so pruning never removes it. It decides nothing itself.
 */
import { lifecycleOf, type Lifecycle, type LifecycleFacts } from '../domain/submission-lifecycle';
import { findEssayReturn, type EssayReturn } from '../models/essay-returns';
import { findKeptRevision, keepRevision, type KeptRevision } from '../models/kept-revisions';
import { toObjectId } from '../models/db';
import type { Submission, SubmissionSummary } from '../models/submissions';

export type { EssayReturn } from '../models/essay-returns';
export type { KeptRevision } from '../models/kept-revisions';

export interface SubmissionState {
  facts: LifecycleFacts;
  lifecycle: Lifecycle;
  /** The instructor's return that opened the current draft, when it is one. */
  openReturn?: EssayReturn;
}

/**
 * Whether the current draft is the one a return opened: the return's revision is in the ledger
 * and no submission came after it (a submission always comes after in time and in revision).
 */
function isOpenReturn(submission: SubmissionSummary, essayReturn: EssayReturn | null): essayReturn is EssayReturn {
  if (!essayReturn || submission.submitted || essayReturn.revision > submission.revision) return false;
  return !submission.submittedAt || submission.submittedAt.getTime() < essayReturn.returnedAt.getTime();
}

export function factsOf(submission: SubmissionSummary, essayReturn: EssayReturn | null): LifecycleFacts {
  return {
    latestRevision: submission.revision,
    latestSubmitted: submission.submitted,
    returned: isOpenReturn(submission, essayReturn),
    everSubmitted: submission.submitted || submission.submittedAt !== undefined,
    grade: submission.grade ? { released: submission.grade.released, gradedRevision: submission.grade.gradedRevision } : undefined,
  };
}

/** The lifecycle of one submission: one more look-up by `_id` (the return), only while it is a draft. */
export async function stateOf(submission: SubmissionSummary): Promise<SubmissionState> {
  const _id = toObjectId(submission.id);
  const essayReturn = _id && !submission.submitted ? await findEssayReturn(_id) : null;
  const facts = factsOf(submission, essayReturn);
  return { facts, lifecycle: lifecycleOf(facts), ...(facts.returned && essayReturn ? { openReturn: essayReturn } : {}) };
}

/** Keeps the submission's latest revision (the one being graded or returned) beyond pruning. */
export async function keepLatestRevision(submission: Submission): Promise<void> {
  await keepRevision(toObjectId(submission.id)!, {
    revision: submission.revision,
    text: submission.text,
    wordCount: submission.wordCount,
    savedAt: submission.updatedAt,
  });
}

/**
 * The text the current grade was given on, when it is not the latest text (then the caller
 * has that already). Null without a grade, for grades older than recorded revisions, or when
 * the grade is on the latest revision.
 */
export async function gradedTextOf(submission: Submission): Promise<KeptRevision | null> {
  const revision = submission.grade?.gradedRevision;
  if (revision === undefined || revision === submission.revision) return null;
  return findKeptRevision(toObjectId(submission.id)!, revision);
}
