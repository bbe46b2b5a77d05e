/**
 * A render worker thread: rebuilds its own `Env` from the plain `WorkerSpec`, then
 * renders each edition job it is sent and posts back bytes and diagnostics.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { folderCache } from '../cache/store.js';
import { loadCatalogue } from '../content/locales.js';
import { nodeEnv } from '../env.js';
import { loadLinkRules } from '../model/normalise-url.js';
import { loadTheme } from '../theme/theme.js';
import { renderEdition, type EditionJob, type RenderContext } from './render-edition.js';
import type { WorkerSpec } from './pool.js';

const spec = workerData as WorkerSpec;
// Output goes back to the build thread, never to disk: this Env's site is never opened.
const env = nodeEnv({ contentRoot: spec.contentRoot, outputRoot: spec.contentRoot, sourceDateEpoch: spec.sourceDateEpoch ?? '' });
const rc: RenderContext = {
  env,
  catalogue: spec.catalogue ?? loadCatalogue(),
  linkRules: loadLinkRules(),
  theme: loadTheme(),
  fonts: { cache: spec.cacheDir ? folderCache(spec.cacheDir) : undefined },
};

parentPort!.on('message', ({ id, job }: { id: number; job: EditionJob }) => {
  renderEdition(job, rc).then(
    (result) => parentPort!.postMessage({ id, result }),
    (err: Error) => {
      throw err;
    },
  );
});
