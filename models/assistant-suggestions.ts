/**
 * The `assistant_suggestions` collection: the rubric assistant's suggested level per criterion for
 * one essay revision, `_id` = `<submission>:<revision>:<rubric version>`, written once when the
 * grading view first asks. The class overview compares them with the levels the instructor chose
 * (agreement figures), without analysing every essay again. No essay text is stored here.
 */
import type { Collection } from 'mongodb';
import { getDb } from './db';

export interface StoredSuggestion {
  submissionId: string;
  assignmentId: string;
  revision: number;
  rubricVersion: number;
  /** Level id per criterion id. */
  levels: Record<string, string>;
  createdAt: Date;
}

interface SuggestionDocument extends StoredSuggestion {
  _id: string;
}

async function collection(): Promise<Collection<SuggestionDocument>> {
  return (await getDb()).collection<SuggestionDocument>('assistant_suggestions');
}

const suggestionId = (submissionId: string, revision: number, rubricVersion: number) => `${submissionId}:${revision}:${rubricVersion}`;

/** Records the suggestion for a revision; recording it again changes nothing (same essay, same answer). */
export async function recordSuggestion(suggestion: StoredSuggestion): Promise<void> {
  try {
    await (await collection()).insertOne({ _id: suggestionId(suggestion.submissionId, suggestion.revision, suggestion.rubricVersion), ...suggestion });
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
  }
}

export interface SuggestionKey {
  submissionId: string;
  revision: number;
  rubricVersion: number;
}

/** The suggestions recorded for these essay revisions, found by `_id` (the look-up every backend indexes). */
export async function findSuggestions(keys: readonly SuggestionKey[]): Promise<StoredSuggestion[]> {
  if (keys.length === 0) return [];
  const ids = keys.map((key) => suggestionId(key.submissionId, key.revision, key.rubricVersion));
  const documents = await (await collection()).find({ _id: { $in: ids } }).toArray();
  return documents.map(({ _id: _unused, ...rest }) => rest);
}

export async function deleteSuggestionsOfSubmissions(submissionIds: readonly string[]): Promise<void> {
  if (submissionIds.length === 0) return;
  await (await collection()).deleteMany({ submissionId: { $in: [...submissionIds] } });
}
