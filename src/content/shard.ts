/**
 * `build --shard K/N`: which briefings one of N machines builds. Every locale of a slug
 * stays in one shard (the language switch of each page links its siblings), and slugs are
 * spread by source size, largest first, each to the shard with the least so far (ties: the
 * lower shard, then slug order). The result depends only on the sources: every machine of a
 * CI matrix computes the same split without talking to the others.
 */
import type { Env } from '../env.js';
import type { SourceRef } from './discover.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses `K/N` (1 ≤ K ≤ N); a message for anything else. */
export function parseShard(text: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) return `--shard must be K/N with 1 ≤ K ≤ N (e.g. 2/3), got ${JSON.stringify(text)}`;
  return { index, count };
}

/** Slug → 1-based shard, from each slug's total source size (all its locales). */
export function assignShards(sizes: ReadonlyMap<string, number>, count: number): Map<string, number> {
  const slugs = [...sizes.keys()].sort((a, b) => sizes.get(b)! - sizes.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  const load = new Array<number>(count).fill(0);
  const out = new Map<string, number>();
  for (const slug of slugs) {
    const lightest = load.indexOf(Math.min(...load));
    load[lightest]! += sizes.get(slug)!;
    out.set(slug, lightest + 1);
  }
  return out;
}

/** The refs of `selected` whose slug falls in `shard`, sizes measured over every ref. */
export async function refsInShard(env: Env, refs: readonly SourceRef[], selected: SourceRef[], shard: Shard): Promise<SourceRef[]> {
  const sizes = new Map<string, number>();
  for (const r of refs) sizes.set(r.slug, (sizes.get(r.slug) ?? 0) + (await env.readContent(r.path)).byteLength);
  const shards = assignShards(sizes, shard.count);
  return selected.filter((r) => shards.get(r.slug) === shard.index);
}
