/**
 * A build split by format renders one edition in two jobs; only one of them draws the
 * cover (it costs a rasterizer and its fonts). This completes the other job's result.
 * Kept apart from render-edition.ts so that build.ts can use it without loading the model.
 */
import type { RenderedEdition } from './render-edition.js';

/**
 * `result`, rendered with `cover: false`, completed with the cover `drawn` by another job
 * of the same edition: the same meta and cover asset a single job would have given.
 */
export function withCoverOf(result: RenderedEdition, drawn: RenderedEdition): RenderedEdition {
  const cover = drawn.cover;
  if (!cover) return result;
  return { ...result, meta: drawn.meta, cover, artifacts: result.artifacts.map((a) => (a.bytes ? { ...a, assets: [...a.assets, cover] } : a)) };
}
