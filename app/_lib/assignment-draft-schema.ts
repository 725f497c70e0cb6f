/**
 * The shape of an assignment draft on the wire: which fields exist and their
 * JSON types. It defines no assignment rule. Every rule (required fields,
 * lengths, how many questions, criteria and levels, distinct points, word
 * limits, dates) is defined once, in domain/assignment.ts, which names the
 * field to fix in words an author understands; a limit here as well would be
 * a second, differently worded version of the same rule.
 *
 * The only bounds here keep a request's work small, and the editor cannot
 * reach them: the body is at most MAX_BODY_BYTES (request.ts), ids and dates
 * are short machine-made strings, and the lists are capped well above
 * ASSIGNMENT_LIMITS (the editor's Add buttons stop at those).
 */
import { z } from 'zod';

/** An id or an ISO date-time. */
const short = z.string().max(64);

export const assignmentDraftSchema = z.object({
  title: z.string(),
  subtitle: z.string(),
  introduction: z.string(),
  instructions: z.string(),
  guidingQuestions: z.array(z.object({ id: short.optional(), prompt: z.string(), context: z.string() })).max(50),
  rubric: z.object({
    title: z.string(),
    criteria: z
      .array(
        z.object({
          id: short.optional(),
          title: z.string(),
          description: z.string(),
          guidingQuestionId: short.nullable().optional(),
          levels: z.array(z.object({ id: short.optional(), label: z.string(), descriptor: z.string(), points: z.number() })).max(20),
        }),
      )
      .max(50),
  }),
  rules: z.object({
    minWords: z.number(),
    maxWords: z.number(),
    dueAt: short.nullable().optional(),
    cutoffAt: short.nullable().optional(),
    allowResubmission: z.boolean(),
    anonymousGrading: z.boolean().optional(),
  }),
});
