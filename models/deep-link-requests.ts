/**
 * Deep Linking requests waiting for the instructor's choice. The platform's
 * settings (return URL, data to echo) stay on the server; the browser only
 * carries the session naming the request. Completing one claims it under a
 * unique `_id`, so a request answers the LMS at most once.
 */
import type { Collection } from 'mongodb';
import { getDb } from './db';

/** The platform's deep linking settings, as stored (same shape as lti/deep-linking's). */
export interface StoredDeepLinkingSettings {
  returnUrl: string;
  data?: string;
  acceptTypes: string[];
  acceptMultiple: boolean;
  title?: string;
  text?: string;
}

export interface DeepLinkRequest {
  id: string;
  platformIssuer: string;
  clientId: string;
  deploymentId: string;
  contextId: string;
  contextTitle?: string;
  userId: string;
  settings: StoredDeepLinkingSettings;
  createdAt: Date;
}

type DeepLinkRequestDocument = Omit<DeepLinkRequest, 'id'> & { _id: string };

async function requests(): Promise<Collection<DeepLinkRequestDocument>> {
  return (await getDb()).collection<DeepLinkRequestDocument>('deep_link_requests');
}

export async function insertDeepLinkRequest(request: DeepLinkRequest): Promise<void> {
  const { id, ...rest } = request;
  await (await requests()).insertOne({ _id: id, ...rest });
}

export async function findDeepLinkRequest(id: string): Promise<DeepLinkRequest | null> {
  const doc = await (await requests()).findOne({ _id: id });
  if (!doc) return null;
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

/** True for the first caller only. */
export async function claimDeepLinkRequest(id: string, at: Date): Promise<boolean> {
  try {
    await (await getDb()).collection<{ _id: string; at: Date }>('deep_link_request_uses').insertOne({ _id: id, at });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}
