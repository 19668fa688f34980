import { createNameSuggester } from './queries.js';
import type { Actor, ArticleModel, Paragraph, Position, Quote, Side, Topic } from './schema.js';

/**
 * A loaded, validated article model with the lookups the builders need.
 * Immutable after construction; built once at startup.
 */
export class Article {
  readonly #actors: Map<string, Actor>;
  readonly #topics: Map<string, Topic>;
  readonly #sides: Map<string, Side>;
  readonly #positions: Map<string, Position>;
  readonly #paragraphs: Map<number, Paragraph>;
  /** Close actor names for a query that matched none (fuzzy). */
  readonly suggestActors: (query: string, limit?: number) => Actor[];

  constructor(
    readonly model: ArticleModel,
    /** The verbatim source text the paragraphs were checked against. */
    readonly sourceText: string,
  ) {
    this.#actors = new Map(model.actors.map((a) => [a.id, a]));
    this.#topics = new Map(model.topics.map((t) => [t.id, t]));
    this.#sides = new Map(model.sides.map((s) => [s.id, s]));
    this.#positions = new Map(model.positions.map((p) => [p.id, p]));
    this.#paragraphs = new Map(model.paragraphs.map((p) => [p.n, p]));
    this.suggestActors = createNameSuggester(this);
  }

  /** The library id: the model's `id`, which is also its folder's name in data/articles/. */
  get id(): string {
    return this.model.id;
  }

  get title(): string {
    return this.model.headline;
  }

  get paragraphCount(): number {
    return this.model.paragraphs.length;
  }

  paragraph(n: number): Paragraph | undefined {
    return this.#paragraphs.get(n);
  }

  actor(id: string): Actor | undefined {
    return this.#actors.get(id);
  }

  topic(id: string): Topic | undefined {
    return this.#topics.get(id);
  }

  side(id: string): Side | undefined {
    return this.#sides.get(id);
  }

  position(id: string): Position | undefined {
    return this.#positions.get(id);
  }

  positionsOf(actorId: string): Position[] {
    return this.model.positions.filter((p) => p.holder === actorId);
  }

  quotesBy(actorId: string): Quote[] {
    return this.model.quotes.filter((q) => q.speaker === actorId);
  }
}
