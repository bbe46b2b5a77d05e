/**
 * Font subsetting for the editions that embed font files (EPUB): a face keeps only the
 * glyphs of the characters a document uses, plus a fixed safety set so typography
 * (« » ’ U+202F…) and later small edits never meet a missing glyph. Uses harfbuzz's
 * hb-subset (npm `subset-font`, WebAssembly shipped in the package: no download).
 * Deterministic: the same text and file give the same bytes.
 */
import subsetFont from 'subset-font';
import { fontBytes } from './theme.js';

/** Printable ASCII, Latin-1 letters, and the punctuation the typography plugin produces. */
const SAFETY_SET = (() => {
  let s = '';
  for (let c = 0x20; c < 0x7f; c++) s += String.fromCharCode(c);
  for (let c = 0xa0; c <= 0xff; c++) s += String.fromCharCode(c);
  return `${s}\u202F\u2009\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u2022\u00AB\u00BB\u20AC\u2610\u2611\u21A9\uFFFD`;
})();

const cache = new Map<string, Promise<Uint8Array>>();

/** The characters of `text` plus the safety set, each once, sorted (a stable cache key). */
export function subsetCharacters(text: string): string {
  return [...new Set([...(text + SAFETY_SET)])].sort().join('');
}

/** A TrueType subset of theme font `file` covering `text`. */
export function subsetFontFile(file: string, text: string): Promise<Uint8Array> {
  const chars = subsetCharacters(text);
  const key = `${file}\0${chars}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = subsetFont(Buffer.from(fontBytes(file)), chars, { targetFormat: 'truetype' }).then((b) => new Uint8Array(b));
    cache.set(key, hit);
  }
  return hit;
}
