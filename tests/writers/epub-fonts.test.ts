/**
 * EPUB fonts: the embedded DejaVu faces are subsets of the characters the book shows,
 * small enough for a phone, and still cover every character a reader can see.
 */
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { memoryEnv } from '../../src/env.js';
import { subsetFontFile } from '../../src/theme/font-subset.js';
import { CONTENT, FIXTURES, readTree } from '../helpers/fixtures.js';
import { openBook } from './epub-support.js';

async function books(dir: string) {
  const env = memoryEnv(readTree(dir));
  expect((await build({ env, formats: ['epub'] })).ok).toBe(true);
  return [...env.outputs].filter(([k]) => k.endsWith('.epub')).map(([k, v]) => [k, v, openBook(v)] as const);
}

describe('EPUB fonts', () => {
  it('keeps each locale of the Paris briefing under 400 KB', async () => {
    for (const [name, bytes] of await books(CONTENT)) expect(bytes.byteLength, name).toBeLessThan(400 * 1024);
  });

  it('covers every character of the book text with the embedded body font', async () => {
    for (const [name, , book] of [...(await books(CONTENT)), ...(await books(path.join(FIXTURES, 'every-construct')))]) {
      const fonts = book.entries.filter((e) => e.name.endsWith('.ttf'));
      expect(fonts.length, name).toBeGreaterThan(0);
      const serif = fonts.find((e) => e.name.endsWith('/DejaVuSerif.ttf'))!;
      const face = fontkit.create(Buffer.from(serif.data)) as fontkit.Font;
      const missing = [...new Set([...book.readableText()])].filter((c) => c.trim() !== '' && !face.hasGlyphForCodePoint(c.codePointAt(0)!));
      expect(missing, name).toEqual([]);
    }
  });

  it('subsets deterministically and drops glyphs the text does not use', async () => {
    const a = await subsetFontFile('DejaVuSerif.ttf', 'Muraho « Kigali »');
    const b = await subsetFontFile('DejaVuSerif.ttf', 'Muraho « Kigali »');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const face = fontkit.create(Buffer.from(a)) as fontkit.Font;
    expect(face.hasGlyphForCodePoint(0x202f)).toBe(true);
    expect(face.hasGlyphForCodePoint(0x0416)).toBe(false); // Cyrillic Zhe: not in the text
  });
});
