/**
 * The `inline_comments` collection: instructors' comments on passages of a submission's essay,
 * one document per comment, `_id` = `<submission>:<n>` (models/numbered-documents.ts), so the
 * grading view reads them by `_id` alone. Each records the essay revision and offsets it is
 * anchored to; the revision's text is kept in `kept_revisions` before the first comment on it.
 * Only instructors write here; students see comments through their released feedback.
 */
import type { Collection } from 'mongodb';
import { getDb } from './db';
import { insertNumbered, numberedId, numberOf, readNumbered, type NumberedDocument } from './numbered-documents';

export interface StoredInlineComment {
  id: string;
  submissionId: string;
  revision: number;
  start: number;
  end: number;
  quote: string;
  text: string;
  criterionId?: string;
  authorId: string;
  authorName?: string;
  createdAt: Date;
  updatedAt: Date;
}

interface InlineCommentDocument extends NumberedDocument, Partial<Omit<StoredInlineComment, 'id'>> {}

async function collection(): Promise<Collection<InlineCommentDocument>> {
  return (await getDb()).collection<InlineCommentDocument>('inline_comments');
}

function toInlineComment(doc: InlineCommentDocument): StoredInlineComment | null {
  if (doc.removed || doc.submissionId === undefined || doc.text === undefined) return null;
  return {
    id: String(numberOf(doc.submissionId, doc._id)),
    submissionId: doc.submissionId,
    revision: doc.revision ?? 0,
    start: doc.start ?? 0,
    end: doc.end ?? 0,
    quote: doc.quote ?? '',
    text: doc.text,
    ...(doc.criterionId ? { criterionId: doc.criterionId } : {}),
    authorId: doc.authorId ?? '',
    ...(doc.authorName ? { authorName: doc.authorName } : {}),
    createdAt: doc.createdAt ?? new Date(0),
    updatedAt: doc.updatedAt ?? new Date(0),
  };
}

/** All comments on a submission (every revision), in the order they were made. */
export async function listInlineComments(submissionId: string): Promise<{ comments: StoredInlineComment[]; claimed: number }> {
  const docs = await readNumbered(await collection(), submissionId);
  return { comments: docs.flatMap((doc) => toInlineComment(doc) ?? []), claimed: docs.length };
}

export async function insertInlineComment(
  comment: Omit<StoredInlineComment, 'id'>,
  claimed: number,
): Promise<StoredInlineComment> {
  const doc = await insertNumbered(await collection(), comment.submissionId, claimed, (_id) => ({ _id, ...comment }));
  return toInlineComment(doc)!;
}

/** A comment's `_id` from its submission and its number (`id`, as the API names it), or null for a malformed id. */
function documentId(submissionId: string, id: string): string | null {
  return /^[1-9][0-9]{0,8}$/.test(id) ? numberedId(submissionId, Number(id)) : null;
}

/** The comment, when `id` names one of this submission's that is not removed. */
export async function findInlineComment(submissionId: string, id: string): Promise<StoredInlineComment | null> {
  const _id = documentId(submissionId, id);
  if (!_id) return null;
  const doc = await (await collection()).findOne({ _id });
  return doc ? toInlineComment(doc) : null;
}

export async function updateInlineComment(
  comment: StoredInlineComment,
  change: { text: string; criterionId?: string; updatedAt: Date },
): Promise<void> {
  const unset = change.criterionId ? {} : { $unset: { criterionId: '' as const } };
  await (await collection()).updateOne(
    { _id: numberedId(comment.submissionId, Number(comment.id)) },
    { $set: { text: change.text, updatedAt: change.updatedAt, ...(change.criterionId ? { criterionId: change.criterionId } : {}) }, ...unset },
  );
}

/** Removes a comment, leaving a marker that keeps its number taken. */
export async function removeInlineComment(comment: StoredInlineComment, at: Date): Promise<void> {
  const _id = numberedId(comment.submissionId, Number(comment.id));
  await (await collection()).replaceOne({ _id }, { removed: true, updatedAt: at });
}
