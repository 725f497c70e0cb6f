import { z } from 'zod';

/** An autosave: the whole text, and the revision the editor started from (served by server/autosave-route.ts). */
export const draftSchema = z.object({
  text: z.string(),
  baseRevision: z.number().int().nonnegative(),
});
