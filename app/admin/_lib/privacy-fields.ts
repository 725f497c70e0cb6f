/** Form fields of the student-data (privacy) pages, with messages written for the admin at the screen. */
import { z } from 'zod';
import { optionalText, requiredText } from './form-fields';

/** The word an admin types to confirm an erasure or a purge. */
export const ERASE_WORD = 'ERASE';

export const personFields = {
  issuer: requiredText('platform (issuer)', 2000),
  userId: requiredText('LMS user ID', 500),
};

export const courseFields = {
  issuer: requiredText('platform (issuer)', 2000),
  contextId: requiredText('course (context) ID', 500),
};

export const reasonField = optionalText('note', 500);

export function confirmedBy(word: string, notConfirmed: string) {
  return z.string({ error: notConfirmed }).refine((value) => value.trim() === word, notConfirmed);
}

/** The page of one person or course, to go back to after a refusal. */
export function personPath(issuer: string, userId: string): string {
  return `/admin/privacy/person?${new URLSearchParams({ issuer, userId }).toString()}`;
}

export function coursePath(issuer: string, contextId: string): string {
  return `/admin/privacy/course?${new URLSearchParams({ issuer, contextId }).toString()}`;
}
