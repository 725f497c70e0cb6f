// What the rubric assistant knows about a unit: the look-fors of each guiding question and the
// unit's fact sheet. Plain data, so instructors can read and edit it in the assignment editor.

/** Something a good answer to a guiding question mentions, with the other ways students name it. */
export interface LookFor {
  id: string;
  label: string;
  aliases: string[];
  /** A part of the question that must not be left out ("domestic", "foreign"). */
  part?: string;
}

export interface QuestionKnowledge {
  /** The rubric criterion that grades this question. */
  criterionId: string;
  lookFors: LookFor[];
}

/** A dated event: an essay that puts it in another year is flagged. */
export interface DateFact {
  kind: 'date';
  id: string;
  /** The sentence shown to the instructor: "The USSR was founded in December 1922." */
  fact: string;
  /** How the event is named: "what" it happened to and, if needed, "what happened". */
  subject: string[];
  action?: string[];
  years: number[];
  /** Words that, in the same sentence, mean another event is meant (the USSR's 1924 "constitution"). */
  unless?: string[];
}

/** Something an essay may wrongly say a thing *is* ("the Politburo was the secret police"). */
export interface IdentityFact {
  kind: 'identity';
  id: string;
  fact: string;
  subject: string[];
  wrong: { aliases: string[]; says: string }[];
  /** Verbs that tie subject and wrong name, besides "was", "were", "meant", "stood for" …. */
  links?: string[];
  /** The wrong words are a claim on their own: near the subject is enough ("In the NEP the government took all the grain"). */
  near?: boolean;
  /** Words that, in the same sentence, mean the essay is contrasting rather than claiming. */
  unless?: string[];
}

/** Who did something ("Lenin introduced the NEP"): another named actor is flagged. */
export interface ActorFact {
  kind: 'actor';
  id: string;
  fact: string;
  deed: string[];
  verbs: string[];
  wrongActors: { aliases: string[]; name: string }[];
}

/** A wrong name for something, wrong wherever it stands ("New Economic Plan"). */
export interface MisnomerFact {
  kind: 'misnomer';
  id: string;
  fact: string;
  wrong: string[];
  says: string;
}

export type Fact = DateFact | IdentityFact | ActorFact | MisnomerFact;

export interface UnitKnowledge {
  questions: QuestionKnowledge[];
  facts: Fact[];
}
