import { create, type FontkitFont } from 'fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { trueTypeFace, TrueTypeSubset } from '../../src/writers/pdf/truetype-subset.js';

const require = createRequire(import.meta.url);
const fontFile = (name: string) => new Uint8Array(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`)));

/** A glyph's outline as SVG path data: what a PDF viewer draws. */
const outline = (font: FontkitFont, gid: number) => font.getGlyph(gid).path.toSVG();

describe('TrueType subset for PDF embedding', () => {
  const bytes = fontFile('DejaVuSerif.ttf');
  const font = create(bytes) as FontkitFont;
  const face = trueTypeFace(bytes)!;
  const text = 'Le Sommet de l’IA à Paris : façonner l’avenir — Œuvre ÉÀÇ ½ fi';
  const glyphs = font.layout(text).glyphs.map((g) => g.id);

  it('keeps every glyph drawn the same, with its advance, in the order the PDF numbered them', () => {
    const subset = new TrueTypeSubset(face);
    const ids = glyphs.map((g) => subset.includeGlyph(g));
    const out = create(Buffer.from(subset.encode())) as FontkitFont;
    // Composites (accented capitals) pull their components in after the drawn glyphs.
    expect(out.numGlyphs).toBe(subset.glyphs.length);
    expect(out.numGlyphs).toBeGreaterThan(new Set(glyphs).size);
    glyphs.forEach((gid, i) => {
      expect(outline(out, ids[i]!)).toBe(outline(font, gid));
      expect(out.getGlyph(ids[i]!).advanceWidth).toBe(font.getGlyph(gid).advanceWidth);
    });
    expect(out.unitsPerEm).toBe(font.unitsPerEm);
  });

  it('writes a well-formed file: table checksums and the whole-file adjustment hold', () => {
    const subset = new TrueTypeSubset(face);
    for (const g of glyphs) subset.includeGlyph(g);
    const file = subset.encode();
    const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
    const sum = (from: number, len: number) => {
      let s = 0;
      for (let i = 0; i < len; i += 4) s = (s + (i + 4 <= len ? v.getUint32(from + i) : Number(Array.from({ length: 4 }, (_, k) => (i + k < len ? file[from + i + k]! : 0)).reduce((a, b) => a * 256 + b, 0)))) >>> 0;
      return s;
    };
    const tables = v.getUint16(4);
    for (let t = 0; t < tables; t++) {
      const rec = 12 + 16 * t;
      const tag = String.fromCharCode(...file.slice(rec, rec + 4));
      const [check, offset, length] = [v.getUint32(rec + 4), v.getUint32(rec + 8), v.getUint32(rec + 12)];
      expect(offset % 4, tag).toBe(0);
      if (tag !== 'head') expect(sum(offset, length), tag).toBe(check);
    }
    expect(sum(0, file.byteLength + ((4 - (file.byteLength % 4)) % 4))).toBe(0xb1b0afba);
  });

  it('is much smaller than the face, and the same bytes twice', () => {
    const make = () => {
      const s = new TrueTypeSubset(face);
      for (const g of glyphs) s.includeGlyph(g);
      return s.encode();
    };
    const a = make();
    expect(a.byteLength).toBeLessThan(bytes.byteLength / 10);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(make()))).toBe(0);
  });

  it('declines fonts it cannot copy from (no glyf table)', () => {
    expect(trueTypeFace(bytes)).toBeDefined();
    expect(trueTypeFace(new Uint8Array([0x4f, 0x54, 0x54, 0x4f, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeUndefined(); // 'OTTO': CFF outlines
  });
});
