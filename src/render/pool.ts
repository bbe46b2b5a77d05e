/**
 * Where editions are rendered: in this thread (`--jobs 1`, in-memory test builds) or in
 * a pool of worker threads, one per core by default. Both run `renderEdition` on the same
 * plain-data jobs, so output bytes do not depend on the number of jobs.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Catalogue } from '../content/locales.js';
import type { EditionJob, RenderContext, RenderedEdition } from './render-edition.js';

export interface RenderPool {
  /**
   * Renders `job` on any free thread, or, with `lane`, always on thread `lane % size`:
   * a thread that renders only some formats loads only those writers.
   */
  run(job: EditionJob, lane?: number): Promise<RenderedEdition>;
  close(): Promise<void>;
}

/** What a worker needs to rebuild its own `Env` and caches: plain data only. */
export interface WorkerSpec {
  contentRoot: string;
  /** SOURCE_DATE_EPOCH as given (seconds), or undefined. */
  sourceDateEpoch?: string;
  cacheDir?: string;
  /**
   * The build's catalogue, locales found in content folders included: a worker takes it
   * as is instead of reading the catalogue file again (YAML parsing was a tenth of a
   * worker's start).
   */
  catalogue?: Catalogue;
}

/**
 * Renders in this thread, at most `concurrency` jobs at a time (default one). A job awaits
 * work done off this thread (the cover's raster and PNG deflate, the EPUB's zip deflate on
 * libuv's pool, file writes): with two at a time the second renders in those gaps, where
 * one at a time left this thread idle a tenth of a corpus build (CPU profile of 100
 * briefings: 0.73 s of 7.3 s). More would only hold more documents at once: memory would
 * grow with the number in flight, never with the corpus. Jobs share nothing but caches
 * keyed by content, so their bytes do not depend on how they interleave.
 */
export function inProcessPool(load: () => Promise<RenderContext>, concurrency = 1): RenderPool {
  let rc: Promise<RenderContext> | undefined;
  let active = 0;
  const waiting: Array<() => void> = [];
  const slot = async (): Promise<void> => {
    if (active < concurrency) {
      active++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next(); // the slot passes straight to the next job
    else active--;
  };
  return {
    async run(job) {
      await slot();
      try {
        const { renderEdition } = await import('./render-edition.js');
        return await renderEdition(job, await (rc ??= load()));
      } finally {
        release();
      }
    },
    close: async () => undefined,
  };
}

/** The compiled worker module; absent when running from TypeScript sources (tests). */
export function workerScript(): string | undefined {
  const file = fileURLToPath(new URL('./worker.js', import.meta.url));
  return existsSync(file) ? file : undefined;
}

interface Pending {
  job: EditionJob;
  lane?: number;
  resolve: (r: RenderedEdition) => void;
  reject: (e: Error) => void;
}

/** Jobs a worker holds at once: one rendering, one waiting (or overlapping its awaits). */
const WORKER_DEPTH = 2;

/**
 * `size` render threads. With `local`, slot 0 is this thread (rendering between the
 * build's own awaits) and slots 1… are workers: the build thread mostly waits, and a
 * worker costs a fresh module load (about a quarter of a second), so on two cores this
 * thread plus one worker beats two workers.
 */
export function workerPool(size: number, script: string, spec: WorkerSpec, local?: () => Promise<RenderContext>): RenderPool {
  const workers: Array<Worker | undefined> = Array.from({ length: size });
  // Jobs each slot is rendering, by id. A worker holds up to WORKER_DEPTH: the next job is
  // already there when one ends, so it never waits for the build thread (busy rendering
  // its own share) to hear back and send another.
  const busy = Array.from({ length: size }, () => new Map<number, Pending>());
  const queue: Pending[] = [];
  const here = local ? inProcessPool(local) : undefined;
  let ids = 0;

  const runHere = (slot: number, id: number, task: Pending) => {
    here!
      .run(task.job)
      .then(task.resolve, task.reject)
      .finally(() => {
        busy[slot]!.delete(id);
        dispatch();
      });
  };

  const start = (slot: number): Worker => {
    const w = new Worker(script, { workerData: spec });
    w.on('message', ({ id, result }: { id: number; result: RenderedEdition }) => {
      const task = busy[slot]!.get(id)!;
      busy[slot]!.delete(id);
      task.resolve(result);
      dispatch();
    });
    w.on('error', (err) => {
      const tasks = [...busy[slot]!.values()];
      busy[slot]!.clear();
      workers[slot] = undefined;
      for (const task of tasks) task.reject(err);
      dispatch();
    });
    workers[slot] = w;
    return w;
  };

  const dispatch = () => {
    for (let slot = 0; slot < size; slot++) {
      const depth = here && slot === 0 ? 1 : WORKER_DEPTH;
      while (busy[slot]!.size < depth) {
        const i = queue.findIndex((t) => t.lane === undefined || t.lane % size === slot);
        if (i < 0) break;
        const [task] = queue.splice(i, 1);
        const id = ids++;
        busy[slot]!.set(id, task!);
        if (here && slot === 0) runHere(slot, id, task!);
        else (workers[slot] ?? start(slot)).postMessage({ id, job: task!.job });
      }
    }
  };

  return {
    run(job, lane) {
      return new Promise((resolve, reject) => {
        queue.push({ job, lane, resolve, reject });
        dispatch();
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w?.terminate()));
    },
  };
}
