/**
 * Faces for the characters no theme face has (CJK, Indic scripts, emoji...): the theme's
 * `fallbackFonts`, npm @fontsource packages of Noto families. Such a package ships a
 * family as unicode-range slices (one WOFF2 file per script, or per few hundred CJK
 * characters) listed in its `unicode.json`; a character is looked up there, so a document
 * reads only the slices it uses (the whole of Noto Sans SC is 5 MB, a slice 40-120 kB).
 *
 * - PDF: `sliceSfnt` turns a slice into plain TrueType (fontkit cannot subset the
 *   transformed `glyf` of a WOFF2 file; pdfkit then embeds a subset of it).
 * - HTML and EPUB: `fallbackSubsets` makes one subset per slice of the characters a page
 *   shows that the theme fonts lack, for an @font-face rule with that `unicode-range`.
 * Variable slices are read at their default instance (regular weight), and subsets are
 * pinned to it, so every format draws the same outlines.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import subsetFont from 'subset-font';
import type { FontFormat } from './font-subset.js';
import { BASE_CHARACTERS } from './site-fonts.js';
import { parsedFont } from './parsed-font.js';
import type { FallbackFamily, Theme } from './theme.js';

const require = createRequire(import.meta.url);

export interface FallbackSlice {
  /** Stable name of the slice: package id and slice, e.g. `noto-sans-sc-119`. */
  id: string;
  /** CSS family name, e.g. "Noto Sans SC". */
  family: string;
  /** Path of the slice's WOFF2 file inside the npm package. */
  file: string;
  /** Code point ranges the slice covers (inclusive), from the package's unicode.json. */
  ranges: Array<[number, number]>;
  /** A variable font (read at its default instance, the regular weight). */
  variable: boolean;
}

function parseRanges(list: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const part of list.split(',')) {
    const m = /^\s*U\+([0-9a-f]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!m) continue;
    const a = parseInt(m[1]!, 16);
    out.push([a, m[2] ? parseInt(m[2], 16) : a]);
  }
  return out;
}

const packages = new Map<string, FallbackSlice[]>();

/** The slices of one fallback family, in the package's order. */
export function familySlices(spec: FallbackFamily): FallbackSlice[] {
  let hit = packages.get(spec.package);
  if (hit) return hit;
  // The packages export only their CSS: the main entry (index.css) tells where they are.
  const dir = path.dirname(require.resolve(spec.package));
  const meta = JSON.parse(readFileSync(path.join(dir, 'metadata.json'), 'utf8')) as { id: string };
  const unicode = JSON.parse(readFileSync(path.join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
  // @fontsource-variable ships the weight axis (`-wght-`), @fontsource one file per weight.
  const variable = spec.package.startsWith('@fontsource-variable/');
  hit = Object.entries(unicode).map(([key, ranges]) => {
    const slice = key.replace(/^\[(.*)\]$/, '$1');
    return {
      id: `${meta.id}-${slice}`,
      family: spec.family,
      file: path.join(dir, 'files', `${meta.id}-${slice}-${variable ? 'wght' : '400'}-normal.woff2`),
      ranges: parseRanges(ranges),
      variable,
    };
  });
  packages.set(spec.package, hit);
  return hit;
}

const lookups = new Map<string, Map<number, FallbackSlice | null>>();

/** The first slice of the theme's fallback chain that covers `cp`, if any. */
export function fallbackSlice(theme: Theme, cp: number): FallbackSlice | undefined {
  const chain = theme.fallbackFonts ?? [];
  if (chain.length === 0) return undefined;
  const key = chain.map((f) => f.package).join('\0');
  let memo = lookups.get(key);
  if (!memo) lookups.set(key, (memo = new Map()));
  let hit = memo.get(cp);
  if (hit === undefined) {
    hit = null;
    search: for (const family of chain) {
      for (const slice of familySlices(family)) {
        if (slice.ranges.some(([a, b]) => cp >= a && cp <= b)) {
          hit = slice;
          break search;
        }
      }
    }
    memo.set(cp, hit);
  }
  return hit ?? undefined;
}

const sfnts = new Map<string, Promise<Uint8Array>>();
/**
 * One conversion at a time, each copied before the next starts: the WOFF2 decoder hands
 * back a view of its WebAssembly memory, which the next call may overwrite.
 */
let decoding: Promise<unknown> = Promise.resolve();

/**
 * A slice as plain TrueType with every glyph, cached per process. A variable slice is
 * instanced at the regular weight: its default instance may be another (Noto Sans SC's
 * is Thin), and fontkit and pdfkit draw a variable font's default outlines.
 */
export function sliceSfnt(slice: FallbackSlice): Promise<Uint8Array> {
  let hit = sfnts.get(slice.id);
  if (!hit) {
    const axes = slice.variable ? { variationAxes: { wght: 400 } } : {};
    hit = decoding.then(() => subsetFont(readFileSync(slice.file), '', { targetFormat: 'truetype', keepAllGlyphs: true, ...axes })).then((b) => new Uint8Array(b));
    decoding = hit.catch(() => undefined);
    hit.catch(() => sfnts.delete(slice.id));
    sfnts.set(slice.id, hit);
  }
  return hit;
}

const BASE = new Set([...BASE_CHARACTERS].map((ch) => ch.codePointAt(0)!));

/** Whether a regular face of the theme (body, heading or mono) has a glyph for `cp`. */
export function themeCovers(theme: Theme, cp: number): boolean {
  // The shared site subsets hold this set: the theme faces have it, no need to look.
  if (BASE.has(cp) || cp < 0x20) return true;
  for (const role of ['body', 'heading', 'mono'] as const) {
    const file = theme.fonts[role].regular;
    if (parsedFont(file).hasGlyphForCodePoint(cp)) return true;
  }
  return false;
}

/** Characters that are never drawn and need no face (joiners, variation selectors...). */
function invisible(cp: number): boolean {
  return cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || cp === 0x2060 || cp === 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f);
}

/**
 * The characters of `text` no theme face has, by the fallback slice that covers them
 * (in chain order), and those no font covers at all.
 */
export function fallbackNeeds(theme: Theme, text: string): { bySlice: Map<FallbackSlice, string>; uncovered: number[] } {
  const bySlice = new Map<FallbackSlice, string>();
  const uncovered: number[] = [];
  const seen = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (seen.has(cp)) continue;
    seen.add(cp);
    if (invisible(cp) || themeCovers(theme, cp)) continue;
    const slice = fallbackSlice(theme, cp);
    if (slice) bySlice.set(slice, (bySlice.get(slice) ?? '') + ch);
    else uncovered.push(cp);
  }
  // In chain order (the order of the CSS font stacks), then by slice.
  const rank = (s: FallbackSlice) => (theme.fallbackFonts ?? []).findIndex((f) => f.family === s.family);
  const order = (a: FallbackSlice, b: FallbackSlice) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { bySlice: new Map([...bySlice].sort((a, b) => order(a[0], b[0]))), uncovered };
}

/** A subset of one fallback slice for one page or book. */
export interface FallbackFace {
  family: string;
  /** File name for the book's fonts/ folder, e.g. `noto-sans-sc-119.ttf`. */
  filename: string;
  bytes: Uint8Array;
  /** CSS `unicode-range` of exactly the characters the subset holds for the page. */
  unicodeRange: string;
}

/** `U+4E2D, U+6587-6588`: the characters as CSS ranges, in code point order. */
export function unicodeRange(characters: string): string {
  const cps = [...new Set([...characters].map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  const parts: string[] = [];
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  for (let i = 0; i < cps.length; ) {
    let j = i;
    while (j + 1 < cps.length && cps[j + 1] === cps[j]! + 1) j++;
    parts.push(j > i ? `U+${hex(cps[i]!)}-${hex(cps[j]!)}` : `U+${hex(cps[i]!)}`);
    i = j + 1;
  }
  return parts.join(', ');
}

const subsets = new Map<string, Promise<Uint8Array>>();
const SUBSET_LIMIT = 64;

function subsetSlice(slice: FallbackSlice, characters: string, format: FontFormat): Promise<Uint8Array> {
  const key = `${format}\0${slice.id}\0${characters}`;
  let hit = subsets.get(key);
  if (!hit) {
    const axes = slice.variable ? { variationAxes: { wght: 400 } } : {};
    hit = subsetFont(readFileSync(slice.file), characters, { targetFormat: format, ...axes }).then((b) => new Uint8Array(b));
    hit.catch(() => subsets.delete(key));
    subsets.set(key, hit);
    if (subsets.size > SUBSET_LIMIT) subsets.delete(subsets.keys().next().value!);
  }
  return hit;
}

/**
 * The fallback faces a page (or book) needs for `text`: one subset per slice, holding
 * the characters of the text it draws. Empty for text the theme fonts cover.
 */
export async function fallbackSubsets(theme: Theme, text: string, format: FontFormat): Promise<FallbackFace[]> {
  const { bySlice } = fallbackNeeds(theme, text);
  const ext = format === 'truetype' ? 'ttf' : format;
  return Promise.all(
    [...bySlice].map(async ([slice, chars]) => {
      const characters = [...chars].sort().join('');
      return { family: slice.family, filename: `${slice.id}.${ext}`, bytes: await subsetSlice(slice, characters, format), unicodeRange: unicodeRange(characters) };
    }),
  );
}
