/**
 * The shape of an assignment draft on the wire. Only types and sizes are
 * checked here; the meaning (required fields, distinct points, dates) is
 * checked by domain/assignment.ts, which also names each field to fix.
 */
import { z } from 'zod';

const text = (max: number) => z.string().max(max);
const optionalId = z.string().max(64).optional();

export const assignmentDraftSchema = z.object({
  title: text(1_000),
  subtitle: text(1_000),
  introduction: text(40_000),
  instructions: text(40_000),
  guidingQuestions: z.array(z.object({ id: optionalId, prompt: text(2_000), context: text(5_000) })).max(50),
  rubric: z.object({
    title: text(1_000),
    criteria: z
      .array(
        z.object({
          id: optionalId,
          title: text(1_000),
          description: text(5_000),
          guidingQuestionId: z.string().max(64).nullable().optional(),
          levels: z.array(z.object({ id: optionalId, label: text(500), descriptor: text(5_000), points: z.number() })).max(20),
        }),
      )
      .max(50),
  }),
  rules: z.object({
    minWords: z.number(),
    maxWords: z.number(),
    dueAt: z.string().max(64).nullable().optional(),
    cutoffAt: z.string().max(64).nullable().optional(),
    allowResubmission: z.boolean(),
  }),
});
