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
 * ASSIGNMENT_LIMITS (the editor's Add buttons stop at those), so an oversized list gets the
 * domain's message rather than a shape error.
 */
import { z } from 'zod';

/** An id or an ISO date-time. */
const short = z.string().max(64);
/** Aliases, verbs, wrong names: the domain allows 20 of 200 characters each. */
const phrases = z.array(z.string().max(2_000)).max(100);

const fact = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), id: short.optional(), fact: z.string(), subject: phrases, action: phrases.optional(), years: z.array(z.number()).max(100), unless: phrases.optional() }),
  z.object({
    kind: z.literal('identity'),
    id: short.optional(),
    fact: z.string(),
    subject: phrases,
    wrong: z.array(z.object({ aliases: phrases, says: z.string() })).max(100),
    links: phrases.optional(),
    near: z.boolean().optional(),
    unless: phrases.optional(),
  }),
  z.object({ kind: z.literal('actor'), id: short.optional(), fact: z.string(), deed: phrases, verbs: phrases, wrongActors: z.array(z.object({ aliases: phrases, name: z.string() })).max(100) }),
  z.object({ kind: z.literal('misnomer'), id: short.optional(), fact: z.string(), wrong: phrases, says: z.string() }),
]);

const knowledge = z.object({
  questions: z
    .array(z.object({ criterionId: short, lookFors: z.array(z.object({ id: short.optional(), label: z.string(), aliases: phrases, part: z.string().nullable().optional() })).max(200) }))
    .max(50),
  facts: z.array(fact).max(1_000),
});

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
    coverageWhileWriting: z.boolean().optional(),
  }),
  knowledge: knowledge.optional(),
});
