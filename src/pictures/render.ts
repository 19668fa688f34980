import { Resvg, type ResvgRenderOptions, renderAsync } from '@resvg/resvg-js';

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

/** Renders SVG to PNG on the calling thread (tests, bench). */
export function rasterize(svg: string): Picture {
  const image = new Resvg(svg, OPTIONS).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/** Renders SVG to PNG on libuv's thread pool, so the bot's event loop keeps serving others. */
export async function rasterizeAsync(svg: string): Promise<Picture> {
  const image = await renderAsync(svg, OPTIONS);
  return { png: image.asPng(), width: image.width, height: image.height };
}
