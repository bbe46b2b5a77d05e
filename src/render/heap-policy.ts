/**
 * How much garbage V8 may keep, chosen per build. V8 lets the old generation grow to up to
 * four times what a collection leaves alive. A corpus build allocates steadily and keeps
 * little (the live heap stays near 45 MB from 100 to 1,000 briefings), so that headroom
 * was most of its peak RSS; capping it at twice the live heap cut the peak from 453 to
 * 359 MiB at 100 briefings and from 603 to 440 MiB at 1,000, in the same time. A long
 * edition keeps a large tree alive while it renders, and there the same cap means many
 * more full collections: a 2 MiB briefing took 13.6 s instead of 11.5 s. So the cap is
 * set for builds of many short editions only.
 *
 * The flag is process-wide and read at each collection: it applies to this thread and to
 * the render workers alike, from the moment it is set.
 */
import { setFlagsFromString } from 'node:v8';

/** Above this source size an edition counts as long (see above). */
export const LONG_SOURCE_BYTES = 256 * 1024;

let capped = false;

export function tuneHeapFor(sourceSizes: number[]): void {
  if (capped || sourceSizes.length < 2 || sourceSizes.some((n) => n > LONG_SOURCE_BYTES)) return;
  setFlagsFromString('--heap-growing-percent=100');
  capped = true;
}
