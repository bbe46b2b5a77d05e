/**
 * Whole words for assistive technology and text extraction (PDF/UA, ISO 14289-1 7.2).
 * A word broken at a hyphenation point is drawn as "gou-" on one line and "vernance"
 * on the next, but must be read as "gouvernance": the piece before the break carries
 * the whole word as ActualText, the pieces after it an empty ActualText. Real hyphens
 * (a line broken after "bien-" in "bien-être") are not hyphenation points and stay.
 * A fragment is split where the word starts or ends so that only the word is replaced.
 */
import type { FontSet } from './fonts.js';
import type { Fragment, Line } from './types.js';

const SPACE = /\s/u;

/** Splits `line.fragments[i]` at character `at`; returns the index of the second part. */
function splitAt(line: Line, i: number, at: number, fonts: FontSet): number {
  const f = line.fragments[i]!;
  if (at <= 0) return i;
  if (at >= f.text.length) return i + 1;
  const head = f.text.slice(0, at);
  const width = fonts.width(f.style.face, head, f.style.size);
  const first: Fragment = { ...f, text: head, width };
  const second: Fragment = { ...f, x: f.x + width, text: f.text.slice(at), width: Math.max(0, f.width - width) };
  line.fragments.splice(i, 1, first, second);
  return i + 1;
}

function lastSpace(text: string): number {
  for (let k = text.length - 1; k >= 0; k--) if (SPACE.test(text[k]!)) return k;
  return -1;
}

function firstSpace(text: string): number {
  for (let k = 0; k < text.length; k++) if (SPACE.test(text[k]!)) return k;
  return -1;
}

/**
 * The fragment holding the end of the line's last word (split off from what precedes
 * it), or undefined for an empty line.
 */
function lastWordPiece(line: Line, fonts: FontSet): Fragment | undefined {
  const i = line.fragments.length - 1;
  const f = line.fragments[i];
  if (!f) return undefined;
  return line.fragments[splitAt(line, i, lastSpace(f.text) + 1, fonts)];
}

/**
 * The pieces of the line's first word (split off from what follows); `whole` when the
 * word fills the line, so it may go on to the next one.
 */
function firstWordPieces(line: Line, fonts: FontSet): { pieces: Fragment[]; whole: boolean } {
  const pieces: Fragment[] = [];
  for (let i = 0; i < line.fragments.length; i++) {
    const f = line.fragments[i]!;
    const k = firstSpace(f.text);
    if (k === 0) return { pieces, whole: false };
    if (k > 0) {
      splitAt(line, i, k, fonts);
      pieces.push(line.fragments[i]!);
      return { pieces, whole: false };
    }
    pieces.push(f);
  }
  return { pieces, whole: true };
}

/** Sets `actual` on the pieces of every word broken at a hyphenation point. */
export function markWholeWords(lines: Line[], fonts: FontSet): Line[] {
  // The piece that carries the whole word, while its rest is being collected.
  let head: Fragment | undefined;
  for (const line of lines) {
    if (head) {
      const { pieces, whole } = firstWordPieces(line, fonts);
      for (const p of pieces) {
        const continues = whole && line.hyphenated && p === pieces.at(-1);
        head.actual += continues ? p.text.replace(/-$/, '') : p.text;
        p.actual = '';
      }
      if (whole && line.hyphenated && pieces.length) continue;
      head = undefined;
    }
    if (!line.hyphenated) continue;
    const piece = lastWordPiece(line, fonts);
    if (!piece) continue;
    piece.actual = piece.text.replace(/-$/, '');
    head = piece;
  }
  return lines;
}
