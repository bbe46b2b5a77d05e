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
  const read = kernPairsFromBytes(font);
  return read !== null ? read : decodedKernPairs(font);
}

/** fontkit's decoding of the `kern` table (any version). */
export function decodedKernPairs(font: FontkitFont): Map<number, number> | undefined {
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

/**
 * The same pairs read straight from a Microsoft (version 0) `kern` table's bytes: fontkit
 * decodes the table field by field, 30 ms for DejaVu Sans Bold's 1,538 pairs on a cold
 * start, against well under one here. null: not that kind of table (fontkit reads it).
 */
export function kernPairsFromBytes(font: FontkitFont): Map<number, number> | undefined | null {
  const f = font as unknown as { directory?: { tables: Record<string, { offset: number; length: number } | undefined> }; stream?: { buffer?: Uint8Array } };
  const entry = f.directory?.tables.kern;
  const bytes = f.stream?.buffer;
  if (!entry) return new Map();
  if (!(bytes instanceof Uint8Array) || entry.offset + entry.length > bytes.byteLength || entry.length < 4) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, entry.length);
  if (v.getUint16(0) !== 0) return null; // Apple's version 1 header
  const pairs = new Map<number, number>();
  let at = 4;
  for (let n = v.getUint16(2); n > 0; n--) {
    if (at + 14 > entry.length) return null;
    const length = v.getUint16(at + 2);
    const coverage = v.getUint16(at + 4);
    const [horizontal, minimum, crossStream, override, format] = [coverage & 1, coverage & 2, coverage & 4, coverage & 8, coverage >> 8];
    if (v.getUint16(at) !== 0 || format !== 0 || !horizontal || crossStream || minimum) return undefined;
    const count = v.getUint16(at + 6);
    // A subtable's 16-bit length overflows past 10,921 pairs: then only fontkit's reading is trusted.
    if (at + 14 + count * 6 > entry.length || length !== 14 + count * 6) return null;
    for (let i = 0, p = at + 14; i < count; i++, p += 6) {
      const key = v.getUint16(p) * 65536 + v.getUint16(p + 2);
      const value = v.getInt16(p + 4);
      pairs.set(key, override ? value : (pairs.get(key) ?? 0) + value);
    }
    at += length;
  }
  return pairs;
}

/** Kerning pairs per font: decoding a `kern` table is a cold start's cost, paid once per face (PDF and cover alike). */
const pairsByFont = new WeakMap<FontkitFont, Map<number, number> | undefined>();

export function simpleShaper(font: FontkitFont): (text: string) => FontkitRun | undefined {
  let pairs: Map<number, number> | undefined | null = null;
  return (text: string) => {
    if (MARK.test(text)) return undefined;
    if (pairs === null) {
      if (!pairsByFont.has(font)) pairsByFont.set(font, kernPairs(font));
      pairs = pairsByFont.get(font);
    }
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
