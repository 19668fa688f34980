import { z } from 'zod';

/**
 * The structured model of one article. Every fact the bot states comes from here,
 * and every item carries the paragraph number(s) (¶) it comes from.
 * Cross-references (actor, topic, side ids) are checked by integrity.ts after parsing.
 * Objects are strict: a misspelt key in the hand-written JSON ("shortform", "palce") is an
 * error rather than silently dropped.
 */

/** Ids travel inside button custom ids (100 characters at most), so they stay short. */
const id = z
  .string()
  .max(32, 'ids are at most 32 characters (they travel in button ids)')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase-dashed id');
const nonEmpty = z.string().trim().min(1);
/** A paragraph number, 1-based (¶1 is the first paragraph of the body). */
const cite = z.number().int().positive();
const cites = z.array(cite).min(1);
/**
 * Set by `npm run article -- new` on every candidate a person has to confirm; the loader refuses
 * to serve a model that still has one (`npm run article -- check` lists them).
 */
const draft = z.literal(true).optional();

export const paragraphSchema = z.strictObject({
  n: cite,
  text: nonEmpty,
});

export const summaryPointSchema = z.strictObject({
  text: nonEmpty,
  cites,
  draft,
});

export const sideSchema = z.strictObject({
  id: id.max(16, 'side ids are at most 16 characters'),
  name: nonEmpty,
  /** Short label for table headers ("China", "US"). */
  short: nonEmpty,
  draft,
});

export const aliasSchema = z.strictObject({
  text: nonEmpty,
  /** A short or common form that need not occur in the text ("the general", "PRC"). */
  shortForm: z.boolean().default(false),
});

export const actorKindSchema = z.enum(['person', 'organisation', 'state', 'place', 'group']);

export const roleSchema = z.strictObject({
  /** The role or title exactly as the article words it. */
  title: nonEmpty,
  cite,
});

export const actionSchema = z.strictObject({
  /** What the actor did or said, in our words, faithful to the text. */
  text: nonEmpty,
  cite,
  kind: z.enum(['said', 'did']),
  /** Verbatim support from the cited paragraph. */
  evidence: nonEmpty,
});

export const actorSchema = z.strictObject({
  id,
  name: nonEmpty,
  kind: actorKindSchema,
  /** Side id from `sides`; absent for actors on neither side (places, third parties). */
  side: id.optional(),
  aliases: z.array(aliasSchema).default([]),
  roles: z.array(roleSchema).default([]),
  description: nonEmpty,
  /** Paragraphs that mention the actor. */
  mentions: cites,
  actions: z.array(actionSchema).default([]),
  draft,
});

export const topicSchema = z.strictObject({
  id,
  name: nonEmpty,
  /** One line on what the article says about the topic. */
  line: nonEmpty,
  /** Words members may use for the topic (for search and autocomplete). */
  keywords: z.array(nonEmpty).default([]),
  cites,
  draft,
});

/**
 * How a stance is worded in the article: a direct quote, a paraphrase, or a paraphrase that
 * puts a few of its words in quotation marks ("would \"never compromise\" on the issue").
 */
export const attributionFormSchema = z.enum(['direct-quote', 'quoted-phrase', 'paraphrase']);

export const positionSchema = z.strictObject({
  id,
  /** Actor holding the stance. */
  holder: id,
  /** Side id, or "both" for stances the article gives to both sides. */
  side: id,
  topic: id,
  /** The stance in a short sentence, faithful to the evidence. */
  stance: nonEmpty,
  /** Verbatim from the cited paragraph. */
  evidence: nonEmpty,
  cite,
  /**
   * Actor id whose account this is (e.g. the defense ministry's statement, the Pentagon);
   * absent when it is the article's own reporting.
   */
  account: id.optional(),
  form: attributionFormSchema,
  draft,
});

export const quoteSchema = z.strictObject({
  id,
  /** The words inside the quotation marks, verbatim. */
  text: nonEmpty,
  speaker: id,
  /** Actor id whose account reports the quote; absent when the article reports it itself. */
  account: id.optional(),
  cite,
  context: nonEmpty,
  topic: id.optional(),
  draft,
});

export const eventSchema = z.strictObject({
  id,
  name: nonEmpty,
  description: nonEmpty,
  participants: z.array(id).default([]),
  /** Place actor id, when the article names one. */
  place: id.optional(),
  /** Null when the article gives no date. */
  date: z.string().nullable(),
  cites,
  /** Verbatim support. */
  evidence: nonEmpty,
  draft,
});

export const noteSchema = z.strictObject({
  id,
  kind: z.enum(['inconsistency', 'omission', 'attribution', 'framing', 'source']),
  text: nonEmpty,
  cites,
  draft,
});

/**
 * How readers may word questions about this article, beyond general English (src/ask/lexicon.ts):
 * its subject's own vocabulary, kept with the article so no article is tuned for in code.
 */
export const askHintsSchema = z.strictObject({
  /**
   * Near-synonyms in this article's subject: every word of a group is indexed and searched as
   * the group's first word ("boat" as "vessel"). Applied after the general groups.
   */
  synonyms: z.array(z.array(nonEmpty).min(2)).default([]),
  /**
   * Looser senses tried only for yes/no questions, whose answer always says the article does not
   * put it in those words ("selling" arms → "supporting"): word → the senses it may stand for.
   */
  yesNoSenses: z.record(z.string().min(1), z.array(nonEmpty).min(1)).default({}),
});

export const articleModelSchema = z.strictObject({
  /** The JSON Schema editors validate against (`npm run article -- schema` writes it). */
  $schema: z.string().optional(),
  schemaVersion: z.literal(1),
  id,
  headline: nonEmpty,
  outlet: nonEmpty,
  section: nonEmpty.optional(),
  /** ISO date (YYYY-MM-DD); null or absent when the article gives none. */
  published: z.iso.date('expected a date like 2025-03-12').nullable().optional(),
  /** Where the original article is published; answers link to it. */
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  /** The verbatim article text file, relative to the model file. */
  textFile: nonEmpty,
  paragraphs: z.array(paragraphSchema).min(1),
  summary: z.strictObject({
    brief: z.array(summaryPointSchema).min(1).max(2),
    standard: z.array(summaryPointSchema).min(1),
    full: z.array(summaryPointSchema).min(1),
  }),
  sides: z.array(sideSchema).min(1),
  actors: z.array(actorSchema).min(1),
  topics: z.array(topicSchema).min(1),
  positions: z.array(positionSchema).default([]),
  quotes: z.array(quoteSchema).default([]),
  events: z.array(eventSchema).default([]),
  notes: z.array(noteSchema).default([]),
  /** Optional: this article's own question vocabulary for /ask (see askHintsSchema). */
  ask: askHintsSchema.optional(),
});

export type ArticleModel = z.infer<typeof articleModelSchema>;
export type Paragraph = z.infer<typeof paragraphSchema>;
export type SummaryPoint = z.infer<typeof summaryPointSchema>;
export type Side = z.infer<typeof sideSchema>;
export type Alias = z.infer<typeof aliasSchema>;
export type Actor = z.infer<typeof actorSchema>;
export type ActorKind = z.infer<typeof actorKindSchema>;
export type Role = z.infer<typeof roleSchema>;
export type Action = z.infer<typeof actionSchema>;
export type Topic = z.infer<typeof topicSchema>;
export type Position = z.infer<typeof positionSchema>;
export type Quote = z.infer<typeof quoteSchema>;
export type ArticleEvent = z.infer<typeof eventSchema>;
export type Note = z.infer<typeof noteSchema>;
export type AskHints = z.infer<typeof askHintsSchema>;
export type SummaryLength = keyof ArticleModel['summary'];

/** Reserved side id for stances the article attributes to both sides. */
export const BOTH_SIDES = 'both';
