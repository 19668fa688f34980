import type { Article } from '../article/article.js';
import { AskEngine } from './engine.js';

/**
 * One /ask engine per article of the library, each built from its own model only, once at start
 * (buildContext: `ctx.ask`) — the Article itself stays a plain model with lookups.
 */
export class AskEngines {
  readonly #byId = new Map<string, AskEngine>();

  constructor(articles: Iterable<Article>) {
    for (const article of articles) this.#byId.set(article.id, new AskEngine(article.model));
  }

  /** The engine of `article`; one outside the library (a test's fixture) is built on first use. */
  for(article: Article): AskEngine {
    let engine = this.#byId.get(article.id);
    if (engine === undefined) {
      engine = new AskEngine(article.model);
      this.#byId.set(article.id, engine);
    }
    return engine;
  }
}
