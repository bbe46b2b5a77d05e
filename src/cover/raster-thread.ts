/**
 * Where a cover's pixels are made: on a thread of their own. A 600×850 raster is a fresh
 * 2 MB pixmap in resvg, copied out into another 2 MB buffer (`pixels`) and laid out for
 * deflate: page faults and copies that, done on the thread that renders editions, held it
 * for about 6 ms a cover (resvg's `renderAsync` draws on libuv's pool, but the copy runs
 * where it is awaited). One long-lived thread draws every cover of its renderer and
 * reuses its memory; the renderer only sends the SVG and gets the PNG back.
 *
 * Running from the TypeScript sources (tests) there is no compiled thread script: covers
 * are then drawn with `renderAsync` here, by the same encoder, to the same bytes.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { encodePng } from './png.js';
import type { RasterReply } from './raster-worker.js';

const script = fileURLToPath(new URL('./raster-worker.js', import.meta.url));

let worker: Worker | undefined;
const pending = new Map<number, { resolve: (png: Uint8Array) => void; reject: (e: Error) => void }>();
let ids = 0;

function thread(): Worker {
  if (worker) return worker;
  const w = new Worker(script);
  w.on('message', (reply: RasterReply) => {
    const task = pending.get(reply.id)!;
    pending.delete(reply.id);
    if (!pending.size) w.unref(); // an idle raster thread never keeps the process alive
    if ('error' in reply) task.reject(new Error(reply.error));
    else task.resolve(reply.png);
  });
  w.on('error', (err) => {
    worker = undefined;
    for (const task of pending.values()) task.reject(err);
    pending.clear();
  });
  w.unref();
  return (worker = w);
}

/** `svg` drawn by resvg with `options`, as PNG bytes (png.ts). */
export function rasterize(svg: string, options: ResvgRenderOptions): Promise<Uint8Array> {
  if (!existsSync(script)) return rasterizeHere(svg, options);
  const w = thread();
  const id = ids++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref(); // a cover on its way keeps the process alive
    w.postMessage({ id, svg, options });
  });
}

async function rasterizeHere(svg: string, options: ResvgRenderOptions): Promise<Uint8Array> {
  // Loaded on use: only builds that make covers pay for the native module.
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(svg, options);
  // Straight from resvg's pixels: an opaque cover has no premultiplied alpha to undo.
  return encodePng(image.pixels, image.width, image.height);
}
