/**
 * The pattern sets `make compile` prepares as JSON (scripts/prepare-hyphenation.mjs)
 * hyphenate exactly as the `hyphen` package's own entries do.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREPARED_HYPHENATION } from '../../src/install/paths.js';
import { patternHyphenator } from '../../src/writers/pdf/hyphenate.js';

const require = createRequire(import.meta.url);
const words = (file: string) => [...new Set(readFileSync(file, 'utf8').match(/\p{L}{5,}/gu) ?? [])].slice(0, 400);
const options = { hyphenChar: '\u00AD', minWordLength: 5 };

describe('prepared hyphenation patterns', () => {
  it.each([
    ['fr', 'content/fr/paris-ai-summit-2025.md'],
    ['en-gb', 'content/en/paris-ai-summit-2025.md'],
  ])('%s: prepared as JSON, the same breaks as the package', (set, source) => {
    expect(existsSync(path.join(PREPARED_HYPHENATION, `${set}.json`))).toBe(true);
    const ours = patternHyphenator(set);
    const theirs = (require(`hyphen/${set}/index.js`) as { hyphenateSync: typeof ours }).hyphenateSync;
    const list = words(source);
    expect(list.length).toBeGreaterThan(200);
    expect(list.map((w) => ours(w, options))).toEqual(list.map((w) => theirs(w, options)));
    expect(list.some((w) => ours(w, options).includes('\u00AD'))).toBe(true);
  });

  it('takes an alias (de → de-1996) through the package entry', () => {
    expect(patternHyphenator('de')('Silbentrennung', options)).toBe('Sil\u00ADben\u00ADtren\u00ADnung');
  });
});
