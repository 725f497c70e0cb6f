/**
 * The `assignments` collection: one essay assignment per LMS resource link,
 * holding its own copy of the unit and rubric so that later edits never change
 * what other courses see.
 */
import { ObjectId, type Collection, type MatchKeysAndValues, type WithId } from 'mongodb';
import type { Rubric } from '../domain/rubric';
import type { Unit } from '../domain/unit';
import { getDb } from './db';

/** Where a resource link lives; together these keys are the tenant boundary. */
export interface ResourceLinkKey {
  platformIssuer: string;
  deploymentId: string;
  contextId: string;
  resourceLinkId: string;
}

export interface AssignmentGradebook {
  lineItemUrl?: string;
  lineItemsUrl?: string;
  scopes: string[];
}

export interface Assignment extends ResourceLinkKey {
  id: string;
  clientId: string;
  platformFamily?: string;
  contextTitle?: string;
  resourceLinkTitle?: string;
  unit: Unit;
  rubric: Rubric;
  gradebook?: AssignmentGradebook;
  /** The course roster service (NRPS) named by the latest launch. */
  membershipsUrl?: string;
  createdAt: Date;
  updatedAt: Date;
}

type AssignmentDocument = Omit<Assignment, 'id'>;

async function collection(): Promise<Collection<AssignmentDocument>> {
  return (await getDb()).collection<AssignmentDocument>('assignments');
}

function toAssignment(doc: WithId<AssignmentDocument>): Assignment {
  const { _id, ...rest } = doc;
  return { id: _id.toHexString(), ...rest };
}

function toObjectId(id: string): ObjectId | null {
  return ObjectId.isValid(id) && id.length === 24 ? new ObjectId(id) : null;
}

export async function findAssignmentById(id: string): Promise<Assignment | null> {
  const _id = toObjectId(id);
  if (!_id) return null;
  const doc = await (await collection()).findOne({ _id });
  return doc ? toAssignment(doc) : null;
}

export interface AssignmentSeed extends ResourceLinkKey {
  clientId: string;
  unit: Unit;
  rubric: Rubric;
}

export interface LaunchDetails {
  platformFamily?: string;
  contextTitle?: string;
  resourceLinkTitle?: string;
  gradebook?: AssignmentGradebook;
  membershipsUrl?: string;
}

/**
 * The assignment of a resource link, created from `seed` on its first launch.
 * One upsert: concurrent first launches of a class end with one assignment.
 * Launch details (titles, AGS endpoint) are refreshed on every launch because
 * the LMS may change them.
 */
export async function upsertAssignmentOnLaunch(seed: AssignmentSeed, details: LaunchDetails): Promise<Assignment> {
  const now = new Date();
  const key: ResourceLinkKey = {
    platformIssuer: seed.platformIssuer,
    deploymentId: seed.deploymentId,
    contextId: seed.contextId,
    resourceLinkId: seed.resourceLinkId,
  };
  // Dotted paths: a launch without a line item must not erase the one found earlier.
  const set: Record<string, unknown> = { updatedAt: now, clientId: seed.clientId };
  if (details.platformFamily) set.platformFamily = details.platformFamily;
  if (details.contextTitle) set.contextTitle = details.contextTitle;
  if (details.resourceLinkTitle) set.resourceLinkTitle = details.resourceLinkTitle;
  if (details.membershipsUrl) set.membershipsUrl = details.membershipsUrl;
  if (details.gradebook) {
    set['gradebook.scopes'] = details.gradebook.scopes;
    if (details.gradebook.lineItemsUrl) set['gradebook.lineItemsUrl'] = details.gradebook.lineItemsUrl;
    if (details.gradebook.lineItemUrl) set['gradebook.lineItemUrl'] = details.gradebook.lineItemUrl;
  }
  const col = await collection();
  const upsert = () =>
    col.findOneAndUpdate(
      key,
      { $set: set as MatchKeysAndValues<AssignmentDocument>, $setOnInsert: { ...key, unit: seed.unit, rubric: seed.rubric, createdAt: now } },
      { upsert: true, returnDocument: 'after' },
    );
  let doc;
  try {
    doc = await upsert();
  } catch (error) {
    // Two first launches at once: the loser of the unique index simply retries and finds it.
    if ((error as { code?: number }).code !== 11000) throw error;
    doc = await upsert();
  }
  if (!doc) throw new Error('Assignment upsert returned nothing');
  return toAssignment(doc);
}

/** Remembers the gradebook column found or created for this assignment. */
export async function setAssignmentLineItem(id: string, lineItemUrl: string): Promise<void> {
  const _id = toObjectId(id);
  if (!_id) return;
  await (await collection()).updateOne({ _id }, { $set: { 'gradebook.lineItemUrl': lineItemUrl, updatedAt: new Date() } });
}
