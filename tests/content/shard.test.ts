/** The shard split: deterministic, whole briefings, balanced by source size. */
import { describe, expect, it } from 'vitest';
import { assignShards, parseShard, refsInShard } from '../../src/content/shard.js';
import { memoryEnv } from '../../src/env.js';

describe('assignShards', () => {
  it('gives each briefing, largest first, to the lightest shard', () => {
    const sizes = new Map([['d', 1], ['c', 5], ['a', 10], ['b', 6]]);
    expect(Object.fromEntries(assignShards(sizes, 2))).toEqual({ a: 1, b: 2, c: 2, d: 1 });
    // The same sizes in another order: the same split (every machine agrees).
    expect(assignShards(new Map([...sizes].reverse()), 2)).toEqual(assignShards(sizes, 2));
  });

  it('keeps the heaviest shard within one briefing of the lightest', () => {
    const sizes = new Map(Array.from({ length: 50 }, (_, i) => [`s${i}`, ((i * 7919) % 997) + 100] as [string, number]));
    const shards = assignShards(sizes, 4);
    const load = [1, 2, 3, 4].map((k) => [...shards].filter(([, s]) => s === k).reduce((n, [slug]) => n + sizes.get(slug)!, 0));
    expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(Math.max(...sizes.values()));
  });
});

describe('refsInShard', () => {
  it('puts every locale of a briefing in the same shard, and the shards cover every edition once', async () => {
    const env = memoryEnv({ 'fr/a.md': 'x'.repeat(300), 'en/a.md': 'x', 'fr/b.md': 'x'.repeat(200), 'fr/c.md': 'x'.repeat(150), 'rw/c.md': 'x'.repeat(100) });
    const refs = ['fr/a.md', 'en/a.md', 'fr/b.md', 'fr/c.md', 'rw/c.md'].map((p) => ({ path: p, locale: p.split('/')[0]!, slug: p.slice(3, -3) }));
    const shards = await Promise.all([1, 2].map((index) => refsInShard(env, refs, refs, { index, count: 2 })));
    expect(shards.map((s) => s.map((r) => r.path))).toEqual([['fr/a.md', 'en/a.md'], ['fr/b.md', 'fr/c.md', 'rw/c.md']]);
  });
});

describe('parseShard', () => {
  it('reads K/N and explains anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '3', '1/0', 'a/b']) expect(parseShard(bad)).toMatch(/^--shard must be K\/N/);
  });
});
