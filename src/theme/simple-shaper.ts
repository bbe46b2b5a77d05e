/**
 * A fast shaper for text that needs no OpenType shaping: Latin, Greek, Cyrillic and
 * common punctuation and symbols, without combining marks. Glyphs come from the cmap,
 * advances from hmtx, kerning from the font's `kern` table (DejaVu's `kern` and GPOS
 * kerning hold the same pairs). Ligatures are not formed, which also keeps extracted
 * text free of ligature glyphs. Anything else returns undefined and goes to fontkit's
 * full shaping. Layout and pdfkit both use the result, so measured = drawn.
 */
import type { FontkitFont, FontkitGlyph, FontkitRun } from 'fontkit';

const MARK = /\p{M}/u;

/** Code points whose rendering needs no contextual shaping. */
function simple(cp: number): boolean {
  return (
    cp < 0x0590 || // Latin, IPA, Greek, Cyrillic, Armenian
    (cp >= 0x1e00 && cp <= 0x1fff) || // Latin Extended Additional, Greek Extended
    (cp >= 0x2000 && cp <= 0x2bff) || // punctuation, symbols, arrows, shapes
    (cp >= 0x2c60 && cp <= 0x2c7f) ||
    (cp >= 0xa720 && cp <= 0xa7ff) ||
    cp === 0xfffd
  );
}

interface KernTable {
  version: number;
  format: number;
  coverage: { horizontal?: boolean; crossStream?: boolean; override?: boolean; minimum?: boolean; vertical?: boolean };
  subtable: { pairs?: Array<{ left: number; right: number; value: number }> };
}

/** Pair kerning of format-0 `kern` subtables; undefined when the font has another kind. */
function kernPairs(font: FontkitFont): Map<number, number> | undefined {
  const pairs = new Map<number, number>();
  const kern = (font as unknown as { kern?: { tables: KernTable[] } }).kern;
  for (const t of kern?.tables ?? []) {
    if (t.version !== 0 || t.format !== 0 || !t.coverage.horizontal || t.coverage.crossStream || t.coverage.minimum || !t.subtable.pairs) return undefined;
    for (const p of t.subtable.pairs) {
      const key = p.left * 65536 + p.right;
      pairs.set(key, t.coverage.override ? p.value : (pairs.get(key) ?? 0) + p.value);
    }
  }
  return pairs;
}

export function simpleShaper(font: FontkitFont): (text: string) => FontkitRun | undefined {
  let pairs: Map<number, number> | undefined | null = null;
  return (text: string) => {
    if (MARK.test(text)) return undefined;
    if (pairs === null) pairs = kernPairs(font);
    if (!pairs) return undefined;
    const glyphs: FontkitGlyph[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (!simple(cp)) return undefined;
      glyphs.push(font.glyphForCodePoint(cp));
    }
    let advanceWidth = 0;
    const positions = glyphs.map((g, i) => {
      const next = glyphs[i + 1];
      const xAdvance = g.advanceWidth + (next ? (pairs!.get(g.id * 65536 + next.id) ?? 0) : 0);
      advanceWidth += xAdvance;
      return { xAdvance, yAdvance: 0, xOffset: 0, yOffset: 0 };
    });
    return { glyphs, positions, advanceWidth };
  };
}
