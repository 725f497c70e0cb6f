/**
 * The `assignments` collection: one essay assignment per LMS resource link,
 * with its own copy of the unit and rubric so that later edits never change
 * what other courses see.
 *
 * The document holds what changes (titles and services from the LMS, the
 * submission rules, the names' reveal) and `contentVersion`, which names the
 * current version of its content (texts, questions, fact sheet, rubric) in
 * assignment-contents.ts: versions never change, so each process caches them and
 * a read of an assignment is one small document by `_id`. Assignments stored
 * before versions existed hold their content inline; the first read moves it
 * into a version.
 */
import { createHash } from 'node:crypto';
import { ObjectId, type Collection, type MatchKeysAndValues, type WithId } from 'mongodb';
import type { Rubric } from '../domain/rubric';
import type { SubmissionRules, Unit } from '../domain/unit';
import { findContentVersion, saveContentVersion, type VersionedContent } from './assignment-contents';
import { getDb, toObjectId } from './db';

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
  /** When an instructor revealed the names of an anonymously graded assignment, and who. */
  namesRevealed?: { at: Date; by: string; byName?: string };
  createdAt: Date;
  updatedAt: Date;
}

interface AssignmentDocument extends Omit<Assignment, 'id' | 'unit' | 'rubric' | 'rubricVersion'> {
  /** The current content version (assignment-contents.ts); absent while the content is inline. */
  contentVersion?: string;
  /** The unit's rules: settings, changed by edits and by an instructor's launch (the LMS's dates). */
  rules?: SubmissionRules;
  /** Inline content, only on assignments stored before content versions and not read since. */
  unit?: Unit;
  rubric?: Rubric;
  rubricVersion?: number;
}

async function collection(): Promise<Collection<AssignmentDocument>> {
  return (await getDb()).collection<AssignmentDocument>('assignments');
}

export class MissingContentVersionError extends Error {
  override name = 'MissingContentVersionError';
}

async function toAssignment(doc: WithId<AssignmentDocument>): Promise<Assignment> {
  const { _id, contentVersion, rules, unit: inlineUnit, rubric: inlineRubric, ...rest } = doc;
  const id = _id.toHexString();
  // Assignments stored before rubric versions existed are on version 1.
  const rubricVersion = rest.rubricVersion ?? 1;
  if (!contentVersion) {
    // Content inline (stored before versions); the rules may have been set on their own since.
    const unit = (inlineUnit && rules ? { ...inlineUnit, rules } : inlineUnit) as Unit;
    return { id, ...rest, unit, rubric: inlineRubric as Rubric, rubricVersion };
  }
  const content = await findContentVersion(id, contentVersion);
  // Versions are written before any assignment names them, and deleted only with it.
  if (!content) throw new MissingContentVersionError(`Assignment ${id} names content version ${contentVersion}, which is not stored.`);
  return { id, ...rest, unit: { ...content.unit, rules: rules as SubmissionRules }, rubric: content.rubric, rubricVersion };
}

/** A unit and rubric split into the stored content version and the rules, which stay on the assignment. */
function splitContent(content: { unit: Unit; rubric: Rubric }): { content: VersionedContent; rules: SubmissionRules } {
  const { rules, ...unit } = content.unit;
  // The rules are copied: the caller's (the built-in unit's) stay theirs.
  return { content: { unit, rubric: content.rubric }, rules: { ...rules } };
}

/** Migrations under way in this process, so concurrent first reads of an old assignment write its version once. */
const migrating = new Map<string, Promise<WithId<AssignmentDocument>>>();

/**
 * Moves the inline content of an assignment stored before content versions into a version,
 * once; other documents come back as they are. The pointer is set only while the document has
 * none, so an edit saved meanwhile (which wrote a version of its own) is never undone.
 */
async function withContentVersion(doc: WithId<AssignmentDocument>): Promise<WithId<AssignmentDocument>> {
  if (doc.contentVersion || !doc.unit || !doc.rubric) return doc;
  const key = doc._id.toHexString();
  let pending = migrating.get(key);
  if (!pending) {
    const { unit, rubric } = doc;
    pending = (async () => {
      const { content, rules } = splitContent({ unit, rubric });
      const contentVersion = await saveContentVersion(key, content);
      const col = await collection();
      const moved = await col.updateOne(
        { _id: doc._id, contentVersion: { $exists: false } },
        { $set: { contentVersion, rules: doc.rules ?? rules }, $unset: { unit: '', rubric: '' } },
      );
      if (moved.matchedCount === 1) {
        const { unit: _unit, rubric: _rubric, ...rest } = doc;
        return { ...rest, contentVersion, rules: doc.rules ?? rules };
      }
      return (await col.findOne({ _id: doc._id })) ?? doc;
    })().finally(() => migrating.delete(key));
    migrating.set(key, pending);
  }
  return pending;
}


/**
 * The `_id` of a resource link's assignment, derived from the link's keys, so a launch finds it
 * by `_id`: the only look-up FerretDB's SQLite backend answers from an index. Assignments
 * stored before this (and placements) have other ids and are found by their keys.
 */
export function assignmentIdOf(key: ResourceLinkKey): ObjectId {
  const parts = [key.platformIssuer, key.deploymentId, key.contextId, key.resourceLinkId];
  return new ObjectId(createHash('sha256').update(`assignment\n${JSON.stringify(parts)}`).digest().subarray(0, 12));
}

export async function findAssignmentById(id: string): Promise<Assignment | null> {
  const _id = toObjectId(id);
  if (!_id) return null;
  const doc = await (await collection()).findOne({ _id });
  return doc ? toAssignment(await withContentVersion(doc)) : null;
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

/** What a launch tells about its link, as the `$set` of an update; titles and AGS may change in the LMS. */
function launchDetailsUpdate(clientId: string, details: LaunchDetails): Record<string, unknown> {
  // Dotted paths: a launch without a line item must not erase the one found earlier.
  const set: Record<string, unknown> = { clientId };
  if (details.platformFamily) set.platformFamily = details.platformFamily;
  if (details.contextTitle) set.contextTitle = details.contextTitle;
  if (details.resourceLinkTitle) set.resourceLinkTitle = details.resourceLinkTitle;
  if (details.membershipsUrl) set.membershipsUrl = details.membershipsUrl;
  if (details.gradebook) {
    set['gradebook.scopes'] = details.gradebook.scopes;
    if (details.gradebook.lineItemsUrl) set['gradebook.lineItemsUrl'] = details.gradebook.lineItemsUrl;
    if (details.gradebook.lineItemUrl) set['gradebook.lineItemUrl'] = details.gradebook.lineItemUrl;
  }
  return set;
}

function valueAt(doc: object, path: string): unknown {
  return path.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined), doc);
}

/** Applies a `$set` with dotted paths to a plain copy, as the database does. */
function withPaths<T extends object>(doc: T, set: Record<string, unknown>): T {
  // Copies only the objects on each path (ObjectIds and dates elsewhere stay as they are).
  const copy = { ...doc } as Record<string, unknown>;
  for (const [path, value] of Object.entries(set)) {
    const parts = path.split('.');
    let target = copy;
    for (const part of parts.slice(0, -1)) {
      const next = { ...((target[part] as Record<string, unknown> | undefined) ?? {}) };
      target[part] = next;
      target = next;
    }
    target[parts.at(-1)!] = value;
  }
  return copy as T;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The assignment with the launch's details applied; written only when something changed. */
async function refreshLaunchDetails(doc: WithId<AssignmentDocument>, set: Record<string, unknown>): Promise<Assignment> {
  const changed = Object.entries(set).filter(([path, value]) => !sameValue(valueAt(doc, path), value));
  if (changed.length === 0) return toAssignment(doc);
  const update = { ...Object.fromEntries(changed), updatedAt: new Date() };
  await (await collection()).updateOne({ _id: doc._id }, { $set: update as MatchKeysAndValues<AssignmentDocument> });
  return toAssignment(withPaths(doc, update));
}

async function findDocumentOfResourceLink(key: ResourceLinkKey): Promise<WithId<AssignmentDocument> | null> {
  const col = await collection();
  const doc = (await col.findOne({ _id: assignmentIdOf(key) })) ?? (await col.findOne(key));
  return doc ? withContentVersion(doc) : null;
}

/**
 * The assignment of a resource link, created from `seed` on its first launch
 * (concurrent first launches of a class end with one assignment: the `_id` and
 * the unique index on the keys admit one). A returning launch is one look-up by
 * `_id`, and a write only when the LMS changed the link's titles or services.
 */
export async function upsertAssignmentOnLaunch(
  seed: AssignmentSeed,
  details: LaunchDetails,
  /** Content to start from instead of the seed's, looked up only when the link has no assignment yet. */
  contentOnCreate?: () => Promise<Pick<AssignmentSeed, 'unit' | 'rubric' | 'sourceAssignmentId'>>,
): Promise<Assignment> {
  const key: ResourceLinkKey = {
    platformIssuer: seed.platformIssuer,
    deploymentId: seed.deploymentId,
    contextId: seed.contextId,
    resourceLinkId: seed.resourceLinkId,
  };
  const set = launchDetailsUpdate(seed.clientId, details);
  const existing = await findDocumentOfResourceLink(key);
  if (existing) return refreshLaunchDetails(existing, set);

  const content = contentOnCreate ? await contentOnCreate() : seed;
  const _id = assignmentIdOf(key);
  const { content: versioned, rules } = splitContent(content);
  // The version first: an assignment never names one that is not stored.
  const contentVersion = await saveContentVersion(_id.toHexString(), versioned);
  const now = new Date();
  const fresh = {
    ...key,
    contentVersion,
    rules,
    rubricVersion: 1,
    ...(content.sourceAssignmentId ? { sourceAssignmentId: content.sourceAssignmentId } : {}),
    createdAt: now,
    updatedAt: now,
  } as AssignmentDocument;
  const doc = withPaths({ _id, ...fresh }, set);
  try {
    await (await collection()).insertOne(doc);
    return toAssignment(doc);
  } catch (error) {
    // Another first launch of the class created it a moment ago.
    if ((error as { code?: number }).code !== 11000) throw error;
    const winner = await findDocumentOfResourceLink(key);
    if (!winner) throw error;
    return refreshLaunchDetails(winner, set);
  }
}

/** Remembers the gradebook column found or created for this assignment. */
export async function setAssignmentLineItem(id: string, lineItemUrl: string): Promise<void> {
  const _id = toObjectId(id);
  if (!_id) return;
  await (await collection()).updateOne({ _id }, { $set: { 'gradebook.lineItemUrl': lineItemUrl, updatedAt: new Date() } });
}

/** An assignment made in the Deep Linking picker, before the LMS has created its link. */
export async function insertPlacement(input: Omit<AssignmentSeed, 'resourceLinkId'> & { title?: string }): Promise<Assignment> {
  const now = new Date();
  const _id = new ObjectId();
  const { content, rules } = splitContent(input);
  const contentVersion = await saveContentVersion(_id.toHexString(), content);
  const doc: AssignmentDocument = {
    platformIssuer: input.platformIssuer,
    deploymentId: input.deploymentId,
    contextId: input.contextId,
    resourceLinkId: `placement:${_id.toHexString()}`,
    clientId: input.clientId,
    resourceLinkTitle: input.title,
    contentVersion,
    rules,
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
  return Promise.all(docs.map(toAssignment));
}

/** Replaces the prompts, rubric and rules of an assignment: a new content version, then the pointer to it. */
export async function saveAssignmentContent(id: string, edited: { unit: Unit; rubric: Rubric; rubricVersion: number }): Promise<void> {
  const _id = toObjectId(id);
  if (!_id) return;
  const { content, rules } = splitContent(edited);
  const contentVersion = await saveContentVersion(_id.toHexString(), content);
  await (await collection()).updateOne(
    { _id },
    // Inline content of an assignment stored before versions goes with this save.
    { $set: { contentVersion, rules, rubricVersion: edited.rubricVersion, updatedAt: new Date() }, $unset: { unit: '', rubric: '' } },
  );
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
  // The launch that brings the dates read the assignment first, so its content is in a version and its rules here.
  if (dates.dueAt) set['rules.dueAt'] = dates.dueAt;
  if (dates.cutoffAt) set['rules.cutoffAt'] = dates.cutoffAt;
  await (await collection()).updateOne({ _id }, { $set: set as MatchKeysAndValues<AssignmentDocument> });
}

/** Records that the names of an anonymously graded assignment were revealed, by whom and when. */
export async function setNamesRevealed(id: string, revealed: { at: Date; by: string; byName?: string }): Promise<void> {
  const _id = toObjectId(id);
  if (!_id) return;
  // By `_id` alone (the one filter the embedded database answers from an index); two reveals at
  // the same moment leave the later one recorded, which is harmless.
  await (await collection()).updateOne({ _id }, { $set: { namesRevealed: revealed, updatedAt: new Date() } });
}

/** Hides the names again (anonymous grading turned on afresh): a new reveal is needed. */
export async function clearNamesRevealed(id: string): Promise<void> {
  const _id = toObjectId(id);
  if (!_id) return;
  await (await collection()).updateOne({ _id }, { $unset: { namesRevealed: '' }, $set: { updatedAt: new Date() } });
}
