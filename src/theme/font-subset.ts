/**
 * Font subsetting for the editions that carry their fonts (EPUB files, the standalone
 * HTML page): a face keeps only the glyphs of the characters a document shows, plus a
 * small fixed safety set. Uses harfbuzz's hb-subset (npm `subset-font`): its WebAssembly
 * is read from the installed `harfbuzzjs` package, and the WOFF2 encoder (`wawoff2`)
 * carries its own as a data: URI, so nothing is downloaded at run time.
 *
 * Same file, same text, same format → same bytes (harfbuzz is deterministic and the
 * character list is normalised to a sorted set before it gets there).
 */
import { setFlagsFromString } from 'node:v8';
import subsetFont from 'subset-font';
import { fontBytes } from './theme.js';

// harfbuzz's WebAssembly stays on V8's baseline compiler (Liftoff). With tier-up on, the
// first EPUB of every thread blocked ~0.4 s on TurboFan recompiling harfbuzz's largest
// functions (strace: the main thread in a futex wait on a V8 worker); a build subsets a
// few faces per edition, far too little work for optimised code to pay that back.
// Process-wide, read when a module compiles: set before harfbuzz is first instantiated.
setFlagsFromString('--liftoff-only');

/** `truetype` for EPUB (font/ttf is an EPUB core media type), `woff2` for the web page. */
export type FontFormat = 'truetype' | 'woff' | 'woff2';

/**
 * Characters every subset keeps although the text may not hold them: a renderer adds
 * some on its own (the hyphen of `hyphens: auto`, list bullets, the quotes of `<q>`),
 * and a reading system may show ASCII (page numbers, search results) in the book font.
 * Small on purpose: each glyph is paid once per embedded face.
 */
export const SAFETY_SET = (() => {
  let ascii = '';
  for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c); // digits included
  const typography = '\u00AB\u00BB\u2018\u2019\u201C\u201D\u2014\u2013\u2026\u00A0\u202F'; // « » ‘ ’ “ ” — – … NBSP NNBSP
  const rendered = '\u2010\u00AD\u2022\u25E6\u25AA\u201E\u201A\u2039\u203A'; // ‐ SHY • ◦ ▪ „ ‚ ‹ ›
  return ascii + typography + rendered;
})();

/** The last text asked about: every embedded face of an edition asks about the same text. */
let last: { text: string; characters: string } | undefined;

/** The characters of `text` plus the safety set, each once, sorted by code point. */
export function subsetCharacters(text: string): string {
  if (last?.text === text) return last.characters;
  const points = new Set<number>();
  for (const ch of SAFETY_SET) points.add(ch.codePointAt(0)!);
  for (const ch of text) points.add(ch.codePointAt(0)!);
  // Spread arguments are bounded by the stack; a large script's set can hold thousands.
  const sorted = [...points].sort((a, b) => a - b);
  let characters = '';
  for (let i = 0; i < sorted.length; i += 4096) characters += String.fromCodePoint(...sorted.slice(i, i + 4096));
  last = { text, characters };
  return characters;
}

/** A subset of `font` holding `characters` (uncached; see `subsetThemeFont`). */
export async function subsetFontBytes(font: Uint8Array, characters: string, format: FontFormat): Promise<Uint8Array> {
  // Layout tables (kerning, ligatures) and hinting stay: the subset renders like the
  // full face. Dropping hinting would halve the files, but blur text on low-resolution
  // screens that honour it.
  const out = await subsetFont(Buffer.from(font.buffer, font.byteOffset, font.byteLength), characters, { targetFormat: format });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Results by (format, file, characters). Bounded: a build makes each subset once, the
 * cache only pays off when the same document is rendered again in one process (watch
 * runs, tests), and a corpus build must not keep every subset it ever made.
 */
const CACHE_LIMIT = 64;
const cache = new Map<string, Promise<Uint8Array>>();

/** A subset of theme font `file` covering `text` (plus the safety set), cached per process. */
export function subsetThemeFont(file: string, text: string, format: FontFormat): Promise<Uint8Array> {
  const characters = subsetCharacters(text);
  const key = `${format}\0${file}\0${characters}`;
  let hit = cache.get(key);
  if (hit) {
    cache.delete(key); // most recently used goes last
  } else {
    hit = subsetFontBytes(fontBytes(file), characters, format);
    // A failure is not remembered: the next call tries again.
    hit.catch(() => cache.delete(key));
  }
  cache.set(key, hit);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return hit;
}
