import { z } from 'zod';
import { MAX_COMMENT_CHARS } from '../../../../domain/grade';

/** A comment saved to the bank: its words (checked by domain/comment-bank.ts) and its criterion. */
export const bankEntrySchema = z.object({
  text: z.string().max(MAX_COMMENT_CHARS * 2),
  /** The rubric criterion the comment belongs to; null or absent for a general comment. */
  criterionId: z.string().regex(/^[a-z0-9-]{1,64}$/i).nullable().optional(),
});
