import type { UnitKnowledge } from './assistant/knowledge';

// The essay assignment a student sees: framing text, the four guiding questions their one
// essay must answer, and the length rules it is checked against before submission.

export interface GuidingQuestion {
  id: string;
  prompt: string;
  /** Background shown beside the question, so students start from accurate facts. */
  context: string;
}

export interface SubmissionRules {
  minWords: number;
  maxWords: number;
  /**
   * When the essay is due, as an ISO 8601 date-time with an offset (`2025-03-01T17:00:00.000Z`). Work submitted
   * after it is late but still accepted until `cutoffAt`; after it a submitted essay can no longer be reopened.
   */
  dueAt?: string;
  /** ISO 8601 date-time after which nothing more can be submitted. Never before `dueAt`. */
  cutoffAt?: string;
  /** Whether a student may reopen a submitted, not yet graded essay until the due date. Absent means no. */
  allowResubmission?: boolean;
  /**
   * Anonymous grading: instructors see "Student N" instead of names until they reveal them
   * (domain/anonymity.ts). Absent means off.
   */
  anonymousGrading?: boolean;
  /**
   * Whether students may ask, while writing, which guiding questions their essay seems to address
   * (they always see it before submitting). Absent means no.
   */
  coverageWhileWriting?: boolean;
}

export interface Unit {
  id: string;
  title: string;
  subtitle: string;
  /** One string per paragraph. */
  introduction: string[];
  instructions: string;
  guidingQuestions: GuidingQuestion[];
  rules: SubmissionRules;
  /** The rubric assistant's look-fors and fact sheet, once an instructor has edited them (domain/assistant/unit-knowledge.ts). */
  knowledge?: UnitKnowledge;
}

export const builtInUnit: Unit = {
  id: 'unit-rise-of-totalitarianism-russia',
  title: 'The Rise of Totalitarianism in Russia',
  subtitle: 'From revolution to Stalin, 1917–1929',
  introduction: [
    'In 1917 the Russian Empire collapsed and the Bolsheviks, led by Vladimir Lenin, took power, promising peace, land ' +
      'and bread. Over the next twelve years they fought a civil war, rebuilt a ruined economy and created a new state, ' +
      'the Union of Soviet Socialist Republics.',
    'By the end of the 1920s one man, Joseph Stalin, stood at the head of that state. In this unit you will look at ' +
      'how a revolution that claimed to free workers and peasants gave rise to one of the first totalitarian ' +
      'governments of the twentieth century.',
  ],
  instructions:
    'Write one essay that answers all four guiding questions. Open with a clear thesis that states your overall ' +
    'argument, then support it with specific evidence: names, dates, policies and events. Explain how each piece of ' +
    'evidence supports your argument, and finish with a conclusion that draws your answers together.',
  guidingQuestions: [
    {
      id: 'gq-rise',
      prompt: 'How did totalitarianism rise in Russia?',
      context:
        'In February 1917 Tsar Nicholas II abdicated, and in October the Bolsheviks overthrew the Provisional ' +
        'Government that replaced him. They dissolved the elected Constituent Assembly in January 1918, created the ' +
        'Cheka secret police and gradually banned rival parties. In 1921 the Party also banned organised factions ' +
        'within its own ranks, leaving power concentrated in a small leadership.',
    },
    {
      id: 'gq-soviet-1920s',
      prompt: 'How did the Soviet government establish itself in the 1920s?',
      context:
        'The Red Army defeated the foreign-backed White armies in a civil war fought mainly from 1918 to 1921, while ' +
        'War Communism seized grain from peasants and nationalised industry. After peasant revolts and the Kronstadt ' +
        'rebellion of March 1921, Lenin introduced the New Economic Policy (NEP), which allowed small private trade. ' +
        'In December 1922 the Union of Soviet Socialist Republics (USSR) was formally created.',
    },
    {
      id: 'gq-stalin',
      prompt: 'How did Joseph Stalin rise to the top of the Soviet government?',
      context:
        'Stalin became General Secretary of the Communist Party in 1922, a post that let him appoint officials loyal ' +
        'to him, even though Lenin’s “Testament” warned against him. After Lenin died in January 1924, Stalin ' +
        'first sided with Zinoviev and Kamenev against Trotsky, then with Bukharin against Zinoviev and Kamenev. ' +
        'By the end of 1929 Trotsky had been expelled from the Party and deported, and Bukharin had been removed ' +
        'from the Politburo, leaving Stalin without serious rivals.',
    },
    {
      id: 'gq-policies',
      prompt: 'What domestic and foreign policies did the Soviet government pursue in the 1920s?',
      context:
        'At home the NEP mixed state control of large industry with private farming and trade until 1928, when ' +
        'the first Five-Year Plan began rapid, state-directed industrialisation. Abroad, the Communist International ' +
        '(Comintern) worked for revolution in other countries while the government sought trade and recognition, ' +
        'signing the Treaty of Rapallo with Germany in 1922 and gaining recognition from Britain and France in 1924.',
    },
  ],
  rules: {
    minWords: 300,
    maxWords: 3000,
    allowResubmission: false,
    // On for the demo: students can check their coverage while they write.
    coverageWhileWriting: true,
  },
};

// A real student essay for this unit, kept byte-for-byte (non-breaking spaces included) so
// demos and tests exercise the text students actually paste. Its factual slips are deliberate
// material for grading, not errors to fix.
export const sampleEssay: string = [
  `In the 1920s, Vladimir Lenin sought to move the Soviet government towards a path of "state capitalism." \u00a0A new economic approach was needed to stabilize Soviet government in the wake of a destructive civil war. \u00a0Lenin embraced the New Economic Policy as a way to bridge the stages of economic development where Marxist socialism could be recognized. \u00a0`,
  `The battles in the Russian Civil War between the Bolshevik Red and Menshevik Whites were brutal. \u00a0With so much of poverty gripping Russia, Lenin recognized that a type of "state capitalism" was needed in order to solidify Bolshevik support. \u00a0At the same time, Lenin understood that the Soviet economy had to pass through the Marxist stage of development to prepare it for socialism/ communism. \u00a0This became the primary domestic focus. \u00a0Lenin understood that the credibility of his government resided in addressing Soviet economic concerns and fortifying the base of urban workers that was the bulwark of Bolshevik support.`,
  `Domestic policy for the Soviet Union cast a looming shadow over foreign policy. For example, the signing of the Treaty of Rapallo in 1921 enabled alliances with Germany, perhaps the only nation in Europe that might have been more forlorn than the Soviet Union. \u00a0In signing the treaty, the Bolsheviks were able to rely on German support and cooperation between both nations. \u00a0This kept some level of control over foreign affairs, while the real challenges existed on the domestic front.`,
  `I think that totalitarianism rises in Russia as a result of Lenin's death. The focus of transforming Russia into a Communist vision was so forceful and so transformative in all aspects of Russian life that there was little in way of establishing power once Lenin died. \u00a0Few thought about it. Given the domestic challenges being faced, there was not time or emphasis placed on a transferral of power. The government was so driven by Lenin and his embodiment of power that it could only be established by him. \u00a0Everyone else played a supporting role to Lenin. \u00a0When he died, the result was a power vacuum in which Stalin emerged.`,
  `Members of the inner cabinet that worked with Lenin were more focused on the theoretical and intellectual claims to power. \u00a0Stalin was much more pragmatic in terms of designing a centralized system in which power rested in the hands of a single individual. \u00a0Stalin was able to design a system where his power alienated his enemies. \u00a0This system also enabled him to "spin" events in his favor, leverage he used to neutralize other threats vying for power. \u00a0By the mid-1930s, Stalin's claim to power had become complete.`,
  `It is in this vacuum in which totalitarianism is evident in the Soviet Union. Stalin's actions and intent underscore the the presence of totalitarianism. Totalitarianism can be seen as \u00a0"a system of rule, driven by an ideology, that seeks direction of all aspects of public activity, political, economic and social, and uses to that end, at least to a degree, propaganda and terror." \u00a0From this definition, one can see how the actions and behavior of Stalin helped to fuel the rise of totalitarianism in Russia.\u00a0`,
  `Given the above definition of totalitarianism, Stalin facilitated its rise in Russia. For example, Stalin's abandonment of the NEP in favor of centralized control of the economy reflects a singular approach to government. \u00a0The same centralization techniques that enabled him to assume power were mirrored in the way that Stalin demonstrated power and complete control over the economy.`,
  `At the same time, Stalin was able to use his own interpretation of Marxism as "an elaborate ideology" that justified his claims to power. \u00a0The monopoly on power extended to legislation, government planning, and enforcement. \u00a0Stalin's use of the secret police, purges, and banishment to work camps were all representative of his totalitarian "terroristic police control." \u00a0Stalin was the party, ensuring that there would be no other threats to his position. \u00a0Any threats were banished and removed with singularity and unilateralism.`,
  `Nikita Khrushchev\u00a0once said that\u00a0"It is impermissible and foreign to the spirit\u00a0of Marxism-Leninism to elevate one person, to transform him into a superman possessing supernatural characteristics akin to those of a god." \u00a0In making this critique against Stalin, he pointed out how Stalin abandoned Marxism- Leninist philosophy for a totalitarian one. \u00a0Stalin's Cult of Personality and insistence that his presence enveloped all of Soviet society in his own insistence of "Socialist Realism" established himself as his own ideology. \u00a0He became associated with all aspects of the Russian state. \u00a0In doing so, he facilitated the rise of totalitarianism in Russia. \u00a0It was no longer about the workers and their struggles. \u00a0It was about him.`,
].join('\n\n');
