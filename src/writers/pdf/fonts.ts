/**
 * The theme's fonts (npm dejavu-fonts-ttf, via `fontBytes`): measuring text the way
 * pdfkit will draw it, glyph coverage with fallback between the theme's families,
 * and registration in a pdfkit document. fontkit objects and measured widths are
 * cached per process: every document and locale uses the same dozen files.
 */
import { create, type FontkitFont, type FontkitGlyph, type FontkitRun } from 'fontkit';
import { hasStrongRtl } from './bidi.js';
import { fallbackBytes, fallbackPostscriptName, isFallbackFace, type FallbackFaceKey, type FallbackFaces } from './font-fallback.js';
import { RecentMemo } from './recent-memo.js';
import { trueTypeFace, TrueTypeSubset } from './truetype-subset.js';
import { parsedFont } from '../../theme/parsed-font.js';
import { simpleShaper } from '../../theme/simple-shaper.js';
import { FONT_ROLES, fontBytes, type FontRole, type FontStyle, type Theme } from '../../theme/theme.js';

/** A concrete face of the theme, e.g. `body-italic`. */
export type ThemeFaceKey = `${FontRole}-${FontStyle}`;
/** A face text is drawn in: one of the theme's, or a fallback slice (font-fallback.ts). */
export type FaceKey = ThemeFaceKey | FallbackFaceKey;

export function styleOf(bold: boolean, italic: boolean): FontStyle {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

export function faceKey(role: FontRole, bold: boolean, italic: boolean): ThemeFaceKey {
  return `${role}-${styleOf(bold, italic)}`;
}

interface LoadedFont {
  font: FontkitFont;
  /** Glyph coverage of the Basic Multilingual Plane, found out as asked: 0 unknown, 1 yes, 2 no. */
  covers: Uint8Array;
  /** Ascent and descent at 1 pt. */
  metrics: { ascent: number; descent: number };
  /** What pdfkit gets: the same font with layouts memoised across documents. */
  shared: FontkitFont;
  /** Width of a string at 1 pt, cached. */
  widths: RecentMemo<string, number>;
  scale: number;
}

const loaded = new Map<string, LoadedFont>();

/** PDF documents this thread has begun (FontSet), for the shaping memos' admission below. */
let documents = 0;

/**
 * A glyph that reports `codePoint` as its text, one per (glyph, code point): the words
 * of a corpus share them (a wrapper per glyph of every memoised word was most of the
 * memo's memory).
 */
const glyphsByPoint = new WeakMap<FontkitGlyph, Map<number, FontkitGlyph>>();

function glyphFor(glyph: FontkitGlyph, codePoint: number): FontkitGlyph {
  let byPoint = glyphsByPoint.get(glyph);
  if (!byPoint) glyphsByPoint.set(glyph, (byPoint = new Map()));
  let wrapped = byPoint.get(codePoint);
  if (!wrapped) byPoint.set(codePoint, (wrapped = Object.create(glyph, { codePoints: { value: [codePoint], enumerable: true } }) as FontkitGlyph));
  return wrapped;
}

/**
 * fontkit keeps one glyph object per glyph id per font, with the code points of whatever
 * first created it (possibly none), and pdfkit builds the PDF's ToUnicode map from those.
 * Shared across documents, that made the extracted text of one edition depend on what
 * the process had rendered before (a "c" lost from copy-paste). Runs of the simple shaper
 * map one glyph to one code point: each glyph gets its own code point here, whatever the
 * cache holds. (Runs shaped by fontkit keep its glyph objects: their positions and marks
 * depend on them.)
 */
function withCodePoints(run: FontkitRun, text: string): FontkitRun {
  const points = [...text].map((ch) => ch.codePointAt(0)!);
  if (points.length !== run.glyphs.length) return run;
  const glyphs = run.glyphs.map((g, i) => glyphFor(g, points[i]!));
  // A fontkit GlyphRun's advanceWidth is a getter, which a spread would drop.
  return { glyphs, positions: run.positions, advanceWidth: run.advanceWidth };
}

/**
 * fontkit shapes with glyph objects from its per-font cache, which keep the code points
 * of whatever first created them; pdfkit writes the ToUnicode map from those. A layout
 * with a cache of its own gets glyphs carrying the code points of this shaping (a
 * ligature its letters, a conjunct its characters), so what a PDF gives back on
 * copy-paste depends on its text only, never on what the process rendered before.
 */
function freshLayout(font: FontkitFont, text: string, direction: 'ltr' | 'rtl'): FontkitRun {
  const f = font as unknown as { _glyphs: unknown };
  const cache = f._glyphs;
  f._glyphs = {};
  try {
    return font.layout(text, undefined, undefined, undefined, direction);
  } finally {
    f._glyphs = cache;
  }
}

/**
 * Shaping a word is the costly part of drawing text. pdfkit caches it per document;
 * this wrapper caches it per process, and shapes simple scripts itself (shaper.ts).
 * pdfkit scales the positions of the run it receives in place, so each call gets
 * fresh position objects.
 */
function memoisedLayout(font: FontkitFont): FontkitFont {
  const memo = new RecentMemo<string, FontkitRun>();
  // The document that first asked for a text. A run is kept from the second document on:
  // a corpus's one-off texts (the "Note 38 :" of a title, a URL, a number) are asked for
  // by one document only (measured, then drawn), yet filled the memo at a word or two per
  // edition, ~1 KB each, for the whole build (2,048 per generation is ~1,000 editions):
  // these memos grew 2.7 MB from the 180th to the 720th edition, most of the growth of the
  // live heap after full collections (22 → 31 MB from 100 to 1,000 briefings; 22 → 25 MB
  // now, with build.ts's entries). A one-off text now costs its key only. "Document" is
  // the FontSet begun last: when two editions overlap (render/pool.ts), a text shared by
  // just those two may wait for a third before it is kept. Only hits change, never bytes.
  const firstAsked = new RecentMemo<string, number>();
  const fast = simpleShaper(font);
  const get = (text: string): FontkitRun => {
    let run = memo.get(text);
    if (!run) {
      const word = text.length > 1 && text.endsWith(' ') ? text.slice(0, -1) : undefined;
      if (word !== undefined && !word.includes(' ')) {
        // pdfkit shapes "word " chunks; the layout measured "word". A space does not
        // interact with its neighbours in these fonts, so join the two shapings.
        // A right-to-left word's glyphs come in visual order: its space is on the left.
        const a = get(word);
        const sp = get(' ');
        const [first, second] = hasStrongRtl(word) ? [sp, a] : [a, sp];
        run = { glyphs: [...first.glyphs, ...second.glyphs], positions: [...first.positions, ...second.positions], advanceWidth: a.advanceWidth + sp.advanceWidth };
      } else {
        const simple = fast(text);
        if (simple) run = withCodePoints(simple, text);
        else {
          // The direction comes from the text, not from its script: Arabic-Indic digits
          // (٤٠٠) are Arabic script but read left to right, and fontkit would reverse them.
          const rtl = hasStrongRtl(text);
          const shaped = freshLayout(font, text, rtl ? 'rtl' : 'ltr');
          run = rtl ? forTextExtraction(shaped, text) : shaped;
        }
      }
      // Bounded: a corpus build renders thousands of documents in one thread.
      const first = firstAsked.get(text);
      if (first === undefined) firstAsked.set(text, documents);
      else if (first !== documents) memo.set(text, run);
    }
    return run;
  };
  const shared = Object.create(font) as FontkitFont;
  shared.layout = (text: string, ...rest: unknown[]) => {
    if (rest.some((x) => x !== undefined)) return (font.layout as (...a: unknown[]) => FontkitRun)(text, ...rest);
    const run = get(text);
    return { ...run, glyphs: run.glyphs, positions: run.positions.map((p) => ({ ...p })), advanceWidth: run.advanceWidth };
  };
  return shared;
}

const MARK_ONLY = /^\p{M}+$/u;

/**
 * Adjusts a right-to-left run for text extraction, which reads it back by reversing the
 * characters of each right-to-left word (poppler's pdftotext does):
 * - glyphs come in visual order: one glyph per character gets the characters reversed
 *   (not whatever code points fontkit's shared glyph cache holds, see withCodePoints);
 * - a ligature's characters are mapped in reverse (lam-alef → "ال" reversed), so the
 *   reversal gives back the logical "لا" rather than "ال";
 * - marks (tanwin, shadda, harakat) keep their horizontal attachment but stay on the
 *   baseline: a mark raised with its own text matrix is read as a line of its own,
 *   cutting its word in two. The marks' outlines already sit above or below the letters.
 */
function forTextExtraction(run: FontkitRun, text: string): FontkitRun {
  const points = [...text].map((ch) => ch.codePointAt(0)!).reverse();
  const oneToOne = points.length === run.glyphs.length;
  const glyphs = run.glyphs.map((g, i) => {
    if (oneToOne) return Object.create(g, { codePoints: { value: [points[i]!], enumerable: true } }) as FontkitGlyph;
    return g.codePoints.length > 1 ? (Object.create(g, { codePoints: { value: [...g.codePoints].reverse(), enumerable: true } }) as FontkitGlyph) : g;
  });
  const positions = run.positions.map((p, i) => (p.yOffset && MARK_ONLY.test(String.fromCodePoint(...(run.glyphs[i]!.codePoints)) || ' ') ? { ...p, yOffset: 0 } : p));
  return { glyphs, positions, advanceWidth: run.advanceWidth };
}

/**
 * The header of the `post` table. fontkit decodes the whole table, with the names of
 * all 6,000 glyphs, when pdfkit only asks whether the font is fixed-pitch and for its
 * italic angle; that alone cost ~18 ms per font on a cold start.
 */
function postHeader(bytes: Uint8Array, font: FontkitFont): Record<string, number> | undefined {
  const entry = (font as unknown as { directory: { tables: Record<string, { offset: number; length: number } | undefined> } }).directory.tables.post;
  if (!entry || entry.length < 16) return undefined;
  const v = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, 16);
  return {
    version: v.getInt32(0) / 65536,
    italicAngle: v.getInt32(4) / 65536,
    underlinePosition: v.getInt16(8),
    underlineThickness: v.getInt16(10),
    isFixedPitch: v.getUint32(12),
  };
}

/** A theme font file, or a fallback face (its key). */
function load(file: string): LoadedFont {
  let f = loaded.get(file);
  if (!f) {
    const bytes = isFallbackFace(file) ? fallbackBytes(file) : fontBytes(file);
    const font = isFallbackFace(file) ? create(bytes) : parsedFont(file);
    const shared = memoisedLayout(font);
    const post = postHeader(bytes, font);
    if (post) Object.defineProperty(shared, 'post', { value: post });
    if (isFallbackFace(file)) Object.defineProperty(shared, 'postscriptName', { value: fallbackPostscriptName(file) });
    // pdfkit embeds what `createSubset()` returns: a byte-copying subset (truetype-subset.ts).
    const tt = trueTypeFace(bytes);
    if (tt) Object.defineProperty(shared, 'createSubset', { value: () => new TrueTypeSubset(tt) });
    const scale = 1 / font.unitsPerEm;
    f = { font, covers: new Uint8Array(0x10000), metrics: { ascent: font.ascent * scale, descent: -font.descent * scale }, shared, widths: new RecentMemo(), scale };
    loaded.set(file, f);
  }
  return f;
}

/**
 * Code points that are never drawn and need no glyph: the soft hyphen, zero widths and
 * joiners, the direction marks, the word joiner, variation selectors, the BOM. Inclusive ranges.
 */
export const INVISIBLE: ReadonlyArray<readonly [number, number]> = [[0xad, 0xad], [0x200b, 0x200f], [0x2060, 0x2060], [0xfe00, 0xfe0f], [0xfeff, 0xfeff]];

export function isInvisible(cp: number): boolean {
  for (const [from, to] of INVISIBLE) if (cp >= from && cp <= to) return true;
  return false;
}

export class FontSet {
  private readonly files: Record<ThemeFaceKey, string>;
  /** Faces for what the theme lacks; prepared for an edition by the writer. */
  fallbacks?: FallbackFaces;

  constructor(readonly theme: Theme) {
    documents++;
    const files = {} as Record<ThemeFaceKey, string>;
    for (const role of FONT_ROLES) {
      const fam = theme.fonts[role];
      for (const style of ['regular', 'bold', 'italic', 'boldItalic'] as const) files[`${role}-${style}`] = fam[style];
    }
    this.files = files;
  }

  file(face: FaceKey): string {
    return isFallbackFace(face) ? face : this.files[face];
  }

  /**
   * Width of `text` at `size` pt. pdfkit lays text out in chunks that end after each
   * space, so measure the same chunks: measured and drawn widths then agree exactly.
   */
  width(face: FaceKey, text: string, size: number): number {
    if (text === '') return 0;
    const f = load(this.file(face));
    let total = 0;
    let start = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i === text.length || text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) {
        const end = Math.min(i + 1, text.length);
        if (end > start) total += this.chunk(f, text.slice(start, end));
        start = end;
      }
    }
    return total * size;
  }

  private chunk(f: LoadedFont, chunk: string): number {
    let w = f.widths.get(chunk);
    if (w === undefined) {
      w = f.shared.layout(chunk).advanceWidth * f.scale;
      f.widths.set(chunk, w);
    }
    return w;
  }

  /** Ascent and descent (positive, below the baseline) at 1 pt. */
  metrics(face: FaceKey): { readonly ascent: number; readonly descent: number } {
    return load(this.file(face)).metrics;
  }

  has(face: FaceKey, cp: number): boolean {
    const f = load(this.file(face));
    // fontkit looks each code point up in the cmap (a lazily decoded table): every
    // character of the text asks, so the answers are kept.
    if (cp > 0xffff) return f.font.hasGlyphForCodePoint(cp);
    let known = f.covers[cp]!;
    if (known === 0) f.covers[cp] = known = f.font.hasGlyphForCodePoint(cp) ? 1 : 2;
    return known === 1;
  }

  /**
   * The face that prints `cp`: the wanted one, else the same style of the other theme
   * families, else their regular style; undefined when no theme font has the glyph.
   */
  faceFor(face: FaceKey, cp: number): FaceKey | undefined {
    if (isInvisible(cp) || this.has(face, cp)) return face;
    if (isFallbackFace(face)) return this.faceFor('body-regular', cp);
    const [role, style] = face.split('-') as [FontRole, FontStyle];
    const roles = [role, ...FONT_ROLES.filter((r) => r !== role)];
    for (const s of style === 'regular' ? [style] : [style, 'regular' as const]) {
      for (const r of roles) {
        const k: FaceKey = `${r}-${s}`;
        if (this.has(k, cp)) return k;
      }
    }
    const fallback = this.fallbacks?.faceFor(cp);
    return fallback && this.has(fallback, cp) ? fallback : undefined;
  }

  /**
   * What text extraction should read for `text` drawn in `face`, when the glyphs alone
   * would not give it back: Indic scripts draw some vowel signs before the consonant
   * they follow in the text (हि is drawn ि ह), so the glyphs' code points in drawing
   * order differ from the text. Right-to-left runs are handled by the shaping wrapper.
   */
  actualText(face: FaceKey, text: string): string | undefined {
    if (!isFallbackFace(face) || hasStrongRtl(text)) return undefined;
    // With marks, the glyphs' code points are not enough either: the ToUnicode map has one
    // entry per glyph, so a vowel sign drawn as part of ो (े + ा) would read ो everywhere.
    if (/\p{M}/u.test(text)) return text;
    const run = load(this.file(face)).shared.layout(text);
    const drawn = run.glyphs.map((g) => String.fromCodePoint(...g.codePoints)).join('');
    return drawn === text ? undefined : text;
  }

  /**
   * The font object to register with pdfkit for a face. pdfkit 0.20 accepts a fontkit
   * font, so the parsed fonts (and their shaping caches) are shared by every document
   * of the process instead of parsed each time.
   */
  pdfkitFont(face: FaceKey): unknown {
    return load(this.file(face)).shared;
  }
}
