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
  /** Starts at 1; grows when the rubric changes after grading began (see rubric-versions.ts). */
  rubricVersion: number;
  gradebook?: AssignmentGradebook;
  /** The course roster service (NRPS) named by the latest launch. */
  membershipsUrl?: string;
  /**
   * True for an assignment made in the Deep Linking picker and not yet launched: its
   * `resourceLinkId` is `placement:<id>`. Each resource link launched from it gets its own copy.
   */
  placement?: boolean;
  /** The placement or course assignment this one was copied from. */
  sourceAssignmentId?: string;
  createdAt: Date;
  updatedAt: Date;
}

type AssignmentDocument = Omit<Assignment, 'id'>;

async function collection(): Promise<Collection<AssignmentDocument>> {
  return (await getDb()).collection<AssignmentDocument>('assignments');
}

function toAssignment(doc: WithId<AssignmentDocument>): Assignment {
  const { _id, ...rest } = doc;
  // Assignments stored before rubric versions existed are on version 1.
  return { id: _id.toHexString(), ...rest, rubricVersion: rest.rubricVersion ?? 1 };
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
  sourceAssignmentId?: string;
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
      {
        $set: set as MatchKeysAndValues<AssignmentDocument>,
        $setOnInsert: {
          ...key,
          unit: seed.unit,
          rubric: seed.rubric,
          rubricVersion: 1,
          ...(seed.sourceAssignmentId ? { sourceAssignmentId: seed.sourceAssignmentId } : {}),
          createdAt: now,
        },
      },
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

/** The assignment of a resource link, if it has one already (no write). */
export async function findAssignmentOfResourceLink(key: ResourceLinkKey): Promise<Assignment | null> {
  const doc = await (await collection()).findOne(key);
  return doc ? toAssignment(doc) : null;
}

/** An assignment made in the Deep Linking picker, before the LMS has created its link. */
export async function insertPlacement(input: Omit<AssignmentSeed, 'resourceLinkId'> & { title?: string }): Promise<Assignment> {
  const now = new Date();
  const _id = new ObjectId();
  const doc: AssignmentDocument = {
    platformIssuer: input.platformIssuer,
    deploymentId: input.deploymentId,
    contextId: input.contextId,
    resourceLinkId: `placement:${_id.toHexString()}`,
    clientId: input.clientId,
    resourceLinkTitle: input.title,
    unit: input.unit,
    rubric: input.rubric,
    rubricVersion: 1,
    placement: true,
    ...(input.sourceAssignmentId ? { sourceAssignmentId: input.sourceAssignmentId } : {}),
    createdAt: now,
    updatedAt: now,
  };
  await (await collection()).insertOne({ _id, ...doc });
  return toAssignment({ _id, ...doc });
}

/** The assignments of one course (tenant: platform, deployment, context), newest first. */
export async function listAssignmentsOfCourse(key: Omit<ResourceLinkKey, 'resourceLinkId'>): Promise<Assignment[]> {
  const docs = await (await collection()).find(key).sort({ createdAt: -1 }).limit(200).toArray();
  return docs.map(toAssignment);
}

/** Replaces the prompts, rubric and rules of an assignment. */
export async function saveAssignmentContent(id: string, content: { unit: Unit; rubric: Rubric; rubricVersion: number }): Promise<void> {
  const _id = toObjectId(id);
  if (!_id) return;
  await (await collection()).updateOne({ _id }, { $set: { ...content, updatedAt: new Date() } });
}

/** The most recently edited assignment that was copied from `sourceId` within the same course, if any. */
export async function findLatestCopyInCourse(source: Assignment): Promise<Assignment | null> {
  const doc = await (await collection())
    .find({
      sourceAssignmentId: source.id,
      platformIssuer: source.platformIssuer,
      deploymentId: source.deploymentId,
      contextId: source.contextId,
    })
    .sort({ updatedAt: -1 })
    .limit(1)
    .next();
  return doc ? toAssignment(doc) : null;
}

/** Dates the LMS sends with a launch (due, lock) become the assignment's rules. */
export async function setAssignmentDates(id: string, dates: { dueAt?: string; cutoffAt?: string }): Promise<void> {
  const _id = toObjectId(id);
  if (!_id) return;
  const set: Record<string, unknown> = { updatedAt: new Date() };
  if (dates.dueAt) set['unit.rules.dueAt'] = dates.dueAt;
  if (dates.cutoffAt) set['unit.rules.cutoffAt'] = dates.cutoffAt;
  await (await collection()).updateOne({ _id }, { $set: set as MatchKeysAndValues<AssignmentDocument> });
}
