/**
 * EPUB fonts: the book embeds only the DejaVu faces its pages use, each a subset of the
 * characters the book shows, small enough for a phone, and still covering every
 * character a reader can see.
 */
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { memoryEnv } from '../../src/env.js';
import { fontBytes, loadTheme } from '../../src/theme/theme.js';
import { CONTENT, FIXTURES, readTree } from '../helpers/fixtures.js';
import { openBook } from './epub-support.js';

async function books(dir: string) {
  const env = memoryEnv(readTree(dir));
  expect((await build({ env, formats: ['epub'] })).ok).toBe(true);
  return [...env.outputs].filter(([k]) => k.endsWith('.epub')).map(([k, v]) => [k, v, openBook(v)] as const);
}

const face = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes)) as fontkit.Font;

describe('EPUB fonts', () => {
  it('keeps each locale of the Paris briefing under 150 KB (2.83 MB with the twelve full faces)', async () => {
    const built = await books(CONTENT);
    expect(built.length).toBeGreaterThan(0);
    for (const [name, bytes] of built) expect(bytes.byteLength, name).toBeLessThan(150 * 1024);
  });

  it('covers every character of the book text, the upper-cased cover label included, with every embedded face', async () => {
    const theme = loadTheme();
    const originals = new Map(Object.values(theme.fonts).flatMap((f) => [f.regular, f.bold, f.italic, f.boldItalic]).map((file) => [file, face(fontBytes(file))]));
    for (const [name, , book] of [...(await books(CONTENT)), ...(await books(path.join(FIXTURES, 'every-construct')))]) {
      const fonts = book.entries.filter((e) => e.name.startsWith('OEBPS/fonts/') && e.name.endsWith('.ttf'));
      expect(fonts.length, name).toBeGreaterThan(0);
      const label = /<p class="label">([^<]*)<\/p>/.exec(book.text('OEBPS/title-page.xhtml'))![1]!;
      const shown = [...new Set([...book.readableText(), ...label.toUpperCase()])].filter((c) => c.trim() !== '');
      for (const entry of fonts) {
        const file = path.basename(entry.name);
        const original = originals.get(file)!;
        // These books hold no character DejaVu lacks, so "covered" means every one.
        expect(shown.filter((c) => !original.hasGlyphForCodePoint(c.codePointAt(0)!)), `${name} ${file}`).toEqual([]);
        const subset = face(entry.data);
        expect(shown.filter((c) => !subset.hasGlyphForCodePoint(c.codePointAt(0)!)), `${name} ${file}`).toEqual([]);
      }
    }
  });
});
