/** Concepts: the things a question asks about, shared by the question reader and the engine. */

/** One thing the question asks about: alternatives that each count as naming it. */
export interface Concept {
  /** The question's words it comes from. */
  label: string;
  /** Every term of `groups`, for the search query. */
  terms: string[];
  /**
   * Ways a unit may name it: all terms of any one group must match ("Chinese delegation" is
   * named by its actor term, or by both "china" and "deleg").
   */
  groups: string[][];
  /** The actor it names, when it is a name or alias. */
  actor?: string;
  /** How much it matters: rarer in the article (or absent from it) weighs more. */
  weight: number;
  /** Whether the article (text or model) has any of its terms at all. */
  known: boolean;
}

/** The terms a unit matched (a Set, or the engine's bitmask view of one). */
export interface TermSet {
  has(term: string): boolean;
}

/** Whether a unit whose matched terms are `matched` names the concept. */
export const isCovered = (concept: Concept, matched: TermSet) =>
  concept.groups.some((group) => group.every((t) => matched.has(t)));

/** A concept from alternative ways of naming it (each a list of terms that must all match). */
export function concept(
  label: string,
  groups: string[][],
  weight: number,
  known: boolean,
  actor?: string,
): Concept {
  const nonEmpty = groups.filter((g) => g.length > 0);
  return {
    label,
    terms: [...new Set(nonEmpty.flat())],
    groups: nonEmpty,
    weight,
    known,
    ...(actor ? { actor } : {}),
  };
}
