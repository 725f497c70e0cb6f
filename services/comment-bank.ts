/**
 * The comment bank (domain/comment-bank.ts): an instructor's saved comments for the course of
 * their session (platform, deployment, course context and their user id), plus the starter
 * comments that fit the assignment's rubric. Instructors only.
 */
import {
  assertBankEntry,
  isStarterEntryId,
  MAX_BANK_ENTRIES,
  starterEntriesFor,
  type BankEntry,
} from '../domain/comment-bank';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../domain/errors';
import {
  findBankEntry,
  insertBankEntry,
  listBankEntries,
  removeBankEntry,
  updateBankEntry,
  type BankOwner,
  type StoredBankEntry,
} from '../models/comment-bank';
import type { Assignment } from '../models/assignments';
import { assignmentOf } from './grading';
import type { Session } from './sessions';

function ownerOf(session: Session): BankOwner {
  return {
    platformIssuer: session.platformIssuer,
    deploymentId: session.deploymentId,
    contextId: session.contextId,
    userId: session.userId,
  };
}

function toView(entry: StoredBankEntry): BankEntry {
  return { id: entry.id, text: entry.text, ...(entry.criterionId ? { criterionId: entry.criterionId } : {}), starter: false };
}

/** The instructor's own entries (newest first), then the starter entries for the assignment's rubric. */
export async function getCommentBank(session: Session, checkedAssignment?: Promise<Assignment>): Promise<BankEntry[]> {
  // The page that reads the session's assignment anyway hands it over (one read of it, not two).
  const [assignment, { entries }] = await Promise.all([checkedAssignment ?? assignmentOf(session), listBankEntries(ownerOf(session))]);
  return [...entries.reverse().map(toView), ...starterEntriesFor(assignment.rubric)];
}

export interface BankEntryInput {
  text: string;
  criterionId?: string | null;
}

/**
 * Saves a comment to the bank; the same words for the same criterion are saved once.
 * @throws {InvalidInputError} for empty or overlong words, an unknown criterion, or a full bank
 */
export async function saveToCommentBank(session: Session, input: BankEntryInput): Promise<BankEntry> {
  const assignment = await assignmentOf(session);
  assertBankEntry(assignment.rubric, input);
  const text = input.text.trim();
  const criterionId = input.criterionId ?? undefined;
  const owner = ownerOf(session);
  const { entries, claimed } = await listBankEntries(owner);
  const same = entries.find((e) => e.text === text && e.criterionId === criterionId);
  if (same) return toView(same);
  if (entries.length >= MAX_BANK_ENTRIES) {
    throw new InvalidInputError(`Your comment bank holds ${MAX_BANK_ENTRIES} comments; delete some you no longer use first.`);
  }
  return toView(await insertBankEntry(owner, { text, ...(criterionId ? { criterionId } : {}), at: new Date() }, claimed));
}

async function ownEntry(session: Session, entryId: string) {
  const assignment = await assignmentOf(session);
  if (isStarterEntryId(entryId)) throw new ForbiddenError('Starter comments come with the unit and cannot be changed. Save your own version instead.');
  const entry = await findBankEntry(ownerOf(session), entryId);
  if (!entry) throw new NotFoundError('This saved comment could not be found. It may have been deleted; reload the page.');
  return { assignment, entry };
}

export async function editBankEntry(session: Session, entryId: string, input: BankEntryInput): Promise<BankEntry> {
  const { assignment, entry } = await ownEntry(session, entryId);
  assertBankEntry(assignment.rubric, input);
  const change = { text: input.text.trim(), ...(input.criterionId ? { criterionId: input.criterionId } : {}), at: new Date() };
  await updateBankEntry(ownerOf(session), entry.id, change);
  return { id: entry.id, text: change.text, ...(change.criterionId ? { criterionId: change.criterionId } : {}), starter: false };
}

export async function deleteBankEntry(session: Session, entryId: string): Promise<void> {
  const { entry } = await ownEntry(session, entryId);
  await removeBankEntry(ownerOf(session), entry.id, new Date());
}
