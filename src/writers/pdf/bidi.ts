/**
 * The Unicode Bidirectional Algorithm (UAX #9, through the npm package bidi-js) for the
 * PDF: embedding levels per paragraph, the visual order of the pieces of a line (rule
 * L2), and the text to hand the shaper for a piece.
 *
 * Drawing model: fontkit shapes a run with a strong right-to-left letter (Arabic, Hebrew)
 * right to left and returns its glyphs in visual order, so a right-to-left word is drawn
 * from its logical text (Arabic joining and the lam-alef ligature need the logical
 * order). A right-to-left piece without such a letter (brackets, punctuation) is
 * reversed here; odd levels take mirrored brackets. Numbers stay left to right
 * (٤٠٠ stays ٤٠٠): they resolve to even levels and are shaped left to right.
 */
import bidiModule from 'bidi-js';

export type Direction = 'ltr' | 'rtl';

// The package is CommonJS whose module.exports is the factory; its typings describe an ES default export.
const bidi = (bidiModule as unknown as typeof bidiModule.default)();

/** Code points of right-to-left scripts and explicit RTL marks: when none occurs, an LTR paragraph is all level 0. */
const RTL_HINT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u200F\u202B\u202E\u2067]|[\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** Resolved embedding level of each UTF-16 unit of a paragraph; undefined when every level is 0. */
export function embeddingLevels(text: string, dir: Direction): Uint8Array | undefined {
  if (dir === 'ltr' && !RTL_HINT.test(text)) return undefined;
  return bidi.getEmbeddingLevels(text, dir).levels;
}

/** Whether the text holds a strong right-to-left letter (bidi class R or AL). */
export function hasStrongRtl(text: string): boolean {
  if (!RTL_HINT.test(text)) return false;
  for (const ch of text) {
    const t = bidi.getBidiCharTypeName(ch);
    if (t === 'R' || t === 'AL') return true;
  }
  return false;
}

/** Rule L2: from the highest level down to the lowest odd one, reverse every run at that level or higher. */
export function visualOrder<T extends { level: number }>(pieces: readonly T[]): T[] {
  const out = [...pieces];
  let max = 0;
  let min = Infinity;
  for (const p of out) {
    max = Math.max(max, p.level);
    min = Math.min(min, p.level);
  }
  for (let lvl = max; lvl >= (min | 1); lvl--) {
    for (let i = 0; i < out.length; i++) {
      if (out[i]!.level < lvl) continue;
      let j = i;
      while (j + 1 < out.length && out[j + 1]!.level >= lvl) j++;
      out.splice(i, j - i + 1, ...out.slice(i, j + 1).reverse());
      i = j;
    }
  }
  return out;
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** The text to draw for a piece at `level` (see the drawing model above). */
export function drawnText(text: string, level: number): string {
  if (level % 2 === 0) return text;
  const mirrored = [...text].map((ch) => bidi.getMirroredCharacter(ch) ?? ch).join('');
  if (hasStrongRtl(text)) return mirrored;
  return [...graphemes.segment(mirrored)].map((s) => s.segment).reverse().join('');
}

/** One-line text (running header, page label) as pieces of one level, left to right, ready to draw. */
export function visualPieces(text: string, dir: Direction): Array<{ text: string; level: number }> {
  const levels = embeddingLevels(text, dir);
  if (!levels) return [{ text, level: 0 }];
  const pieces: Array<{ text: string; level: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const last = pieces.at(-1);
    // Words are pieces of their own: a shaped run never spans a space (see linebreak.ts).
    const space = text[i] === ' ';
    if (last && last.level === levels[i] && !space && !last.text.endsWith(' ')) last.text += text[i];
    else pieces.push({ text: text[i]!, level: levels[i]! });
  }
  return visualOrder(pieces).map((p) => ({ text: drawnText(p.text, p.level), level: p.level }));
}
