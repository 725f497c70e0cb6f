/** Zod pieces shared by the admin forms, with messages written for the admin at the screen. */
import { z } from 'zod';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A required web address; `label` names the field as the form does. */
export function httpUrlField(label: string) {
  return z
    .string({ error: `${label} is missing.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(2000, `The ${label} is too long.`)
    .refine(isHttpUrl, `Enter the ${label} as a full web address starting with https:// (or http://).`);
}

/** An optional web address: an empty field means none. */
export function optionalHttpUrlField(label: string) {
  return z
    .string()
    .trim()
    .max(2000, `The ${label} is too long.`)
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || isHttpUrl(value), `Enter the ${label} as a full web address starting with https:// (or http://), or leave it empty.`);
}

export function requiredText(label: string, max = 255) {
  return z
    .string({ error: `${label} is missing.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `The ${label} can be at most ${max} characters.`);
}

export function optionalText(label: string, max = 200) {
  return z
    .string()
    .trim()
    .max(max, `The ${label} can be at most ${max} characters.`)
    .optional()
    .transform((value) => value || undefined);
}

/** An HTML checkbox: present when ticked, absent when not. */
export const checkbox = z
  .string()
  .optional()
  .transform((value) => value !== undefined);

const MISSING_PLATFORM = 'The form did not say which platform. Reload the admin page and try again.';

/** Hidden fields that name the platform a card's form acts on. */
export const platformKeyFields = {
  issuer: z.string({ error: MISSING_PLATFORM }).min(1, MISSING_PLATFORM),
  clientId: z.string({ error: MISSING_PLATFORM }).min(1, MISSING_PLATFORM),
};

/** Registration links: how long they stay valid, in days (the service caps them at 90). */
export const DEFAULT_LINK_DAYS = 7;
export const MAX_LINK_DAYS = 90;
