import { describe, expect, it } from 'vitest';
import { RecentMemo } from '../../src/writers/pdf/recent-memo.js';

describe('RecentMemo (the per-word caches of PDF layout)', () => {
  it('keeps at most two generations: a corpus of one-off words cannot grow it', () => {
    const memo = new RecentMemo<string, number>(100);
    for (let i = 0; i < 10_000; i++) memo.set(`word-${i}`, i);
    let kept = 0;
    for (let i = 0; i < 10_000; i++) if (memo.get(`word-${i}`) !== undefined) kept++;
    expect(kept).toBeLessThanOrEqual(200);
    expect(memo.get('word-9999')).toBe(9999);
  });

  it('keeps a word that is still in use through any number of generations', () => {
    const memo = new RecentMemo<string, number>(10);
    memo.set('de', 1);
    for (let i = 0; i < 1000; i++) {
      memo.set(`once-${i}`, i);
      expect(memo.get('de')).toBe(1);
    }
    expect(memo.get('once-0')).toBeUndefined();
  });
});
