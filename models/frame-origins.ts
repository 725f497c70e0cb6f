/**
 * The LMS origins each platform has actually shown Inkwell in: learned from
 * launches (the signed `launch_presentation.return_url`), one document per
 * platform and origin under a derived `_id`, so recording one twice is a
 * harmless duplicate-key insert.
 */
import type { Collection } from 'mongodb';
import { getDb } from './db';

export interface FrameOrigin {
  _id: string;
  issuer: string;
  origin: string;
  firstSeenAt: Date;
}

async function frameOrigins(): Promise<Collection<FrameOrigin>> {
  return (await getDb()).collection<FrameOrigin>('frame_origins');
}

const frameOriginKey = (issuer: string, origin: string) => JSON.stringify([issuer, origin]);

export async function recordFrameOrigin(issuer: string, origin: string, now = new Date()): Promise<void> {
  try {
    await (await frameOrigins()).insertOne({ _id: frameOriginKey(issuer, origin), issuer, origin, firstSeenAt: now });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 11000) throw error;
  }
}

/** Every recorded origin (a handful per platform; read by the periodic refresh, never per request). */
export async function listFrameOrigins(): Promise<FrameOrigin[]> {
  return (await frameOrigins()).find({}).toArray();
}
