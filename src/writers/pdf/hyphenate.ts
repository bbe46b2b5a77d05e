/**
 * Hyphenation points for the PDF only: the syllable rules of `syllables.ts` for the
 * languages that have no patterns (rw, sw), else the Liang patterns of the npm `hyphen`
 * package named by the locale (`fr`, `en-gb`...). Returns break offsets inside a word;
 * the line breaker turns them into optional breaks that print a hyphen only when taken.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PREPARED_HYPHENATION } from '../../install/paths.js';
import { RecentMemo } from './recent-memo.js';
import { SYLLABLE_RULES, syllableBreaks } from './syllables.js';

export type Hyphenator = (word: string) => number[];

const require = createRequire(import.meta.url);
const cache = new Map<string, Hyphenator | null>();

type PatternHyphenator = (text: string, options?: { hyphenChar?: string; minWordLength?: number }) => string;

/**
 * The synchronous hyphenator of one of the `hyphen` package's pattern sets. The package
 * ships each set as a large JavaScript object literal (en-gb: 164 KB); `make compile`
 * writes each set as JSON (scripts/prepare-hyphenation.mjs), and only the synchronous
 * hyphenator is made (the package's per-language entry makes four). Loading fr and en-gb
 * and hyphenating a word took 52 ms through the package's entries, 18 ms this way.
 * Throws for a set the package does not have.
 */
export function patternHyphenator(set: string): PatternHyphenator {
  let source: string;
  try {
    source = require.resolve(`hyphen/patterns/${set}.js`);
  } catch {
    // An alias (de → de-1996, en → en-us…) or no such set: the package's own entry decides.
    return (require(`hyphen/${set}/index.js`) as { hyphenateSync: PatternHyphenator }).hyphenateSync;
  }
  const create = require('hyphen/hyphen.js') as (patterns: unknown) => PatternHyphenator;
  let patterns: unknown;
  try {
    patterns = JSON.parse(readFileSync(path.join(PREPARED_HYPHENATION, `${set}.json`), 'utf8'));
  } catch {
    patterns = require(source); // not prepared (running from sources): the package's own file
  }
  return create(patterns);
}

/** Letters kept before the first and after the last break (TeX's lefthyphenmin/righthyphenmin). */
const LEFT_MIN = 2;
const RIGHT_MIN = 3;
const WORD = /^[\p{L}\p{M}’']+$/u;

/** The hyphenator of a pattern set, or null when the locale has none (or the set does not exist). */
export async function loadHyphenator(patternSet: string | null): Promise<Hyphenator | null> {
  if (!patternSet || !/^[a-z]{2,3}(?:-[a-z0-9]+)*$/.test(patternSet)) return null;
  if (cache.has(patternSet)) return cache.get(patternSet)!;
  let hyphenator: Hyphenator | null = null;
  const syllables = SYLLABLE_RULES[patternSet];
  if (syllables) {
    const memo = new RecentMemo<string, number[]>();
    hyphenator = (word: string) => {
      let hit = memo.get(word);
      if (!hit) memo.set(word, (hit = WORD.test(word) ? syllableBreaks(word, syllables) : []));
      return hit;
    };
    cache.set(patternSet, hyphenator);
    return hyphenator;
  }
  try {
    const hyphenateSync = patternHyphenator(patternSet);
    const memo = new RecentMemo<string, number[]>();
    hyphenator = (word: string) => {
      let hit = memo.get(word);
      if (hit) return hit;
      hit = [];
      if (WORD.test(word) && word.length >= LEFT_MIN + RIGHT_MIN && word !== word.toUpperCase()) {
        const marked = hyphenateSync(word, { hyphenChar: '\u00AD', minWordLength: LEFT_MIN + RIGHT_MIN });
        let offset = 0;
        for (const ch of marked) {
          if (ch === '\u00AD') {
            if (offset >= LEFT_MIN && word.length - offset >= RIGHT_MIN && !/['’]/.test(word[offset - 1] ?? '')) hit.push(offset);
          } else offset += ch.length;
        }
      }
      memo.set(word, hit);
      return hit;
    };
  } catch {
    hyphenator = null;
  }
  cache.set(patternSet, hyphenator);
  return hyphenator;
}
