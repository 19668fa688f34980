import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

/** A rendered picture. */
export interface Picture {
  png: Buffer;
  width: number;
  height: number;
  /** What the picture shows, in words (alt text), when its maker gave them. */
  alt?: string;
}

/** Text is already outlines, so no font is looked up: system fonts stay out of the picture. */
const OPTIONS: ResvgRenderOptions = { font: { loadSystemFonts: false }, logLevel: 'off' };

/**
 * Renders SVG to PNG on the calling thread. Only a cache miss renders (~30–50 ms of CPU for the full
 * grid); resvg's renderAsync on libuv's pool was measured at +30 MB RSS more, as each pool thread
 * keeps its own malloc arena of freed pixmaps (BENCHMARKS.md, section 7).
 */
export function rasterize(svg: string): Picture {
  const image = new Resvg(svg, OPTIONS).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
