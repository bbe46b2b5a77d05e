/** How many threads render by default (the CLI's `--jobs`). */
import { availableParallelism } from 'node:os';

/**
 * Render threads when `--jobs` is not given: one core fewer than the machine has. The
 * build thread is never alone on its core: V8's background threads (concurrent marking,
 * optimising compiles) and libuv's pool (cover rasters, file writes) keep about half of
 * another core busy. Measured on 2 cores, side by side: one render thread built the
 * sample in 1.9–2.5 s and 100 briefings in 9.0–10.2 s, two threads in 2.3–2.5 s and
 * 9.2–10.4 s, with 30 % more CPU time and 350 instead of 230 MiB: a second thread's
 * module load and JIT warm-up, competing for the core those threads were using.
 */
export function defaultRenderThreads(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}
