/**
 * Where editions are rendered: in this thread (`--jobs 1`, in-memory test builds) or in
 * a pool of worker threads, one per core by default. Both run `renderEdition` on the same
 * plain-data jobs, so output bytes do not depend on the number of jobs.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { EditionJob, RenderContext, RenderedEdition } from './render-edition.js';

export interface RenderPool {
  run(job: EditionJob): Promise<RenderedEdition>;
  close(): Promise<void>;
}

/** What a worker needs to rebuild its own `Env` and caches: plain data only. */
export interface WorkerSpec {
  contentRoot: string;
  /** SOURCE_DATE_EPOCH as given (seconds), or undefined. */
  sourceDateEpoch?: string;
  cacheDir?: string;
}

export function inProcessPool(load: () => Promise<RenderContext>): RenderPool {
  let rc: Promise<RenderContext> | undefined;
  return {
    async run(job) {
      const { renderEdition } = await import('./render-edition.js');
      return renderEdition(job, await (rc ??= load()));
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
  resolve: (r: RenderedEdition) => void;
  reject: (e: Error) => void;
}

export function workerPool(size: number, script: string, spec: WorkerSpec): RenderPool {
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  const queue: Pending[] = [];
  const all: Worker[] = [];

  const dispatch = () => {
    while (queue.length && (idle.length || all.length < size)) {
      let worker = idle.pop();
      if (!worker) {
        worker = new Worker(script, { workerData: spec });
        all.push(worker);
        const w = worker;
        w.on('message', (result: RenderedEdition) => {
          const task = busy.get(w)!;
          busy.delete(w);
          idle.push(w);
          task.resolve(result);
          dispatch();
        });
        w.on('error', (err) => {
          const task = busy.get(w);
          busy.delete(w);
          all.splice(all.indexOf(w), 1);
          task?.reject(err);
          dispatch();
        });
      }
      const task = queue.shift()!;
      busy.set(worker, task);
      worker.postMessage(task.job);
    }
  };

  return {
    run(job) {
      return new Promise((resolve, reject) => {
        queue.push({ job, resolve, reject });
        dispatch();
      });
    },
    async close() {
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
