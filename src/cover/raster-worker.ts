/**
 * The cover raster thread (see raster-thread.ts): draws each SVG it is sent with resvg and
 * posts back the PNG bytes, or the error's message.
 */
import { parentPort } from 'node:worker_threads';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { encodePng } from './png.js';

// Each cover leaves two dead 2 MB buffers outside the JavaScript heap (resvg's pixmap and
// the copy of its pixels). This thread allocates almost no JavaScript, so V8 would only
// collect them once some 64 MB of them had piled up: a young-generation collection after
// each cover (a fraction of a millisecond on this small heap) frees them at once.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (options: { type: 'minor' }) => void;

export interface RasterRequest {
  id: number;
  svg: string;
  options: ResvgRenderOptions;
}

export type RasterReply = { id: number; png: Uint8Array } | { id: number; error: string };

parentPort!.on('message', ({ id, svg, options }: RasterRequest) => {
  (async () => {
    const image = new Resvg(svg, options).render();
    return encodePng(image.pixels, image.width, image.height);
  })().then(
    (png) => {
      parentPort!.postMessage({ id, png } satisfies RasterReply);
      collect({ type: 'minor' });
    },
    (err: Error) => parentPort!.postMessage({ id, error: err.message } satisfies RasterReply),
  );
});
