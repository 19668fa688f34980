import type { Typefaces } from './font.js';
import type { Picture } from './render.js';
import type { Svg } from './svg.js';

/** What a miss draws: the SVG, and words saying what it shows (kept with the picture). */
export interface Drawing extends Svg {
  alt?: string;
}

interface DrawingTools {
  faces: Typefaces;
  rasterize: (svg: string) => Picture;
}

/** Pictures kept per process; a key names everything the picture depends on. */
const DEFAULT_MAX_ENTRIES = 64;

/**
 * The rendered-picture cache, built once at start-up and kept in ctx. Keys name what a picture
 * depends on (article, filter, a server's comment version), so a repeat costs a map lookup and
 * concurrent requests for the same picture share one render.
 */
export class Pictures {
  #tools: Promise<DrawingTools> | undefined;
  readonly #cache = new Map<string, Promise<Picture>>();

  constructor(readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  /**
   * fontkit, resvg and the shipped typefaces, loaded on the first draw: a bot that never draws
   * never pays for them (~20 MB of RSS at ready, BENCHMARKS.md section 6).
   */
  #drawingTools(): Promise<DrawingTools> {
    this.#tools ??= Promise.all([import('./font.js'), import('./render.js')]).then(([font, render]) => ({
      faces: font.loadTypefaces(),
      rasterize: render.rasterize,
    }));
    // A failed load (a broken install) is not kept, so the next draw tries again.
    this.#tools.catch(() => {
      this.#tools = undefined;
    });
    return this.#tools;
  }

  /** The picture for `key`, drawn by `draw` on a miss. A failed render is not kept. */
  get(key: string, draw: (faces: Typefaces) => Drawing | Promise<Drawing>): Promise<Picture> {
    const hit = this.#cache.get(key);
    if (hit) {
      // Most recently used goes last, so eviction takes the oldest.
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      return hit;
    }
    const rendered = this.#drawingTools()
      .then(async (tools) => ({ tools, drawn: await draw(tools.faces) }))
      .then(({ tools, drawn }) => ({
        ...tools.rasterize(drawn.svg),
        ...(drawn.alt ? { alt: drawn.alt } : {}),
      }))
      .catch((error: unknown) => {
        this.#cache.delete(key);
        throw error;
      });
    this.#cache.set(key, rendered);
    while (this.#cache.size > this.maxEntries) {
      const oldest = this.#cache.keys().next().value;
      if (oldest === undefined) break;
      this.#cache.delete(oldest);
    }
    return rendered;
  }

  get size(): number {
    return this.#cache.size;
  }
}
