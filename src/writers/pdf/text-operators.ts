/**
 * Draws a run of text with the operators pdfkit's `text(…, { lineBreak: false,
 * baseline: 'alphabetic' })` writes for it (the same text matrix, font and TJ arrays),
 * without its per-call work: option merging, a second measuring of the run (to advance
 * `doc.x`), array concatenation per chunk, and nine separate writes (each one a small
 * Uint8Array kept until the page ends). A large document draws ~300,000 runs; most are
 * words met before, so the TJ operator of each (face, text) is kept for the document.
 *
 * pdfkit wraps each run in its own `q cm BT … ET Q`; here runs drawn one after the other
 * (the words of a justified line, with nothing else written between them) share one text
 * object, each placed by a move from the one before (`placeFrom`): the same glyphs at the same places, a third
 * of the content stream to write and compress. Whatever else writes to the page (colour,
 * marked content, rules, a new page) closes the text object first (`closeText`).
 *
 * Glyphs still go through pdfkit's embedded font (`encode` bookkeeping: subset glyph
 * ids, widths, ToUnicode code points), so subsetting and text extraction are unchanged.
 */

import { RecentMemo } from './recent-memo.js';

/** A shaped run as pdfkit's EmbeddedFont gives it: positions scaled to 1,000 units per em. */
interface Run {
  glyphs: Array<{ id: number; advanceWidth: number; codePoints: number[] }>;
  positions: Array<Record<string, number>>;
}

/** pdfkit 0.20's EmbeddedFont, as far as drawing text uses it. */
interface EmbeddedFont {
  id: string;
  /** The fontkit font it embeds (fonts.ts: parsed once, shared by every document). */
  font: object;
  ref(): unknown;
  layoutRun(text: string): Run;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  scale: number;
}

interface TextDoc {
  _font: EmbeddedFont | undefined;
  _fontSize: number;
  x: number;
  y: number;
  page: { height: number; fonts: Record<string, unknown> };
  addContent(operators: string): unknown;
  flushPages(): unknown;
}

/** The text object left open on a document: its page, font and size. */
interface OpenText {
  page: unknown;
  font: EmbeddedFont;
  size: number;
  /**
   * Where its line matrix is (PDF user space), as the operators written so far place it;
   * undefined after a run that moved it itself (a mark placed by its own Tm).
   */
  origin?: [number, number];
}

const open = new WeakMap<TextDoc, OpenText>();
/** pdfkit's own addContent of each document (the wrapped one closes the text object first). */
const rawAddContent = new WeakMap<TextDoc, (operators: string) => unknown>();

/**
 * Makes every other write to the page close an open text object first: pdfkit writes
 * content through addContent, except the EMCs of open markings when pages are flushed.
 */
function wrap(doc: TextDoc): (operators: string) => unknown {
  let raw = rawAddContent.get(doc);
  if (raw) return raw;
  if (typeof doc.addContent !== 'function' || typeof doc.flushPages !== 'function') throw new Error('pdfkit: addContent/flushPages not found (pdfkit upgraded?)');
  const add = doc.addContent.bind(doc);
  const flushPages = doc.flushPages.bind(doc);
  raw = add;
  rawAddContent.set(doc, raw);
  doc.addContent = (operators: string) => {
    closeText(doc);
    return add(operators);
  };
  doc.flushPages = () => {
    closeText(doc);
    return flushPages();
  };
  return raw;
}

/** Operators ending in a line end, without it (addContent adds one). */
function lines(operators: string): string {
  return operators.endsWith('\n') ? operators.slice(0, -1) : operators;
}

/** Ends the open text object of `doc`, if any. */
export function closeText(pdf: unknown): void {
  const doc = pdf as TextDoc;
  if (!open.has(doc)) return;
  open.delete(doc);
  rawAddContent.get(doc)!('ET\nQ');
}

/** pdfkit's PDFObject.number: six decimals, as a JavaScript number prints. */
function num(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}

/** The TJ operators of runs without glyph offsets, per font (so per document). */
const operatorCache = new WeakMap<EmbeddedFont, Map<string, string>>();

/**
 * Draws `text` with the document's current font, size and fill at (x, baseline), as
 * pdfkit's `_fragment` would. Returns false when the run is not one it handles (a line
 * break in the text, a font pdfkit does not embed): the caller then uses `doc.text`.
 */
export function drawTextRun(pdf: unknown, text: string, x: number, baseline: number): boolean {
  const doc = pdf as TextDoc;
  const font = doc._font;
  if (!font || !font.subset || text.includes('\n')) return false;
  // What _initOptions leaves behind (pdfkit would then also advance x by the width).
  doc.x = x;
  doc.y = baseline;
  if (text.length === 0) return true;
  const add = wrap(doc);
  if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
  const y = doc.page.height - baseline;
  let byText = operatorCache.get(font);
  if (!byText) operatorCache.set(font, (byText = new Map()));
  let operators = byText.get(text);
  if (operators === undefined) {
    const run = textOperators(font, text, x, y, doc._fontSize);
    if (!run.offsets) byText.set(text, run.operators);
    operators = run.operators;
  }
  const moved = operators.includes(' Tm\n'); // a mark placed on its own: the line matrix is elsewhere after it
  const size = doc._fontSize;
  const current = open.get(doc);
  if (current && current.page === doc.page) {
    const tf = current.font === font && current.size === size ? '' : `/${font.id} ${num(size)} Tf\n`;
    current.font = font;
    current.size = size;
    add(lines(`${placeFrom(current, x, y, moved)}${tf}${operators}`));
  } else {
    closeText(doc);
    const text: OpenText = { page: doc.page, font, size };
    open.set(doc, text);
    add(lines(`q\n1 0 0 -1 0 ${num(doc.page.height)} cm\nBT\n${placeFrom(text, x, y, moved)}/${font.id} ${num(size)} Tf\n${operators}`));
  }
  return true;
}

/**
 * The operator that puts the next run at (x, y): a move of the line matrix from the
 * previous run's origin (`Td`, half the bytes of an absolute `Tm`: the words of a
 * justified line are one each), or a `Tm` where that origin is not known. The origin
 * kept is the sum of the numbers written, so moves never drift from what a reader computes.
 */
function placeFrom(text: OpenText, x: number, y: number, moved: boolean): string {
  let place: string;
  if (text.origin) {
    const dx = num(x - text.origin[0]);
    const dy = num(y - text.origin[1]);
    place = `${dx} ${dy} Td\n`;
    text.origin = [text.origin[0] + dx, text.origin[1] + dy];
  } else {
    place = `1 0 0 1 ${num(x)} ${num(y)} Tm\n`;
    text.origin = [num(x), num(y)];
  }
  if (moved) text.origin = undefined;
  return place;
}

/** Scaled runs of text chunks, per fontkit font: the same for every document that embeds it. */
const chunkRuns = new WeakMap<object, RecentMemo<string, Run>>();

/**
 * pdfkit's `EmbeddedFont.layout(text)`: the text cut after each space or tab, each chunk
 * shaped on its own (`layoutRun`). pdfkit keeps its chunks per document, and scales a
 * fresh copy of each chunk's positions for every new document: on a corpus, the same
 * words again for every edition (a tenth of painting). These are kept for the process,
 * never changed once made.
 */
function layout(font: EmbeddedFont, text: string): Run {
  let memo = chunkRuns.get(font.font);
  if (!memo) chunkRuns.set(font.font, (memo = new RecentMemo()));
  const glyphs: Run['glyphs'] = [];
  const positions: Run['positions'] = [];
  let last = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length ? last < i : text[i] === ' ' || text[i] === '\t') {
      const chunk = text.slice(last, i + 1);
      let run = memo.get(chunk);
      if (!run) memo.set(chunk, (run = font.layoutRun(chunk)));
      for (const g of run.glyphs) glyphs.push(g);
      for (const p of run.positions) positions.push(p);
      last = i + 1;
    }
  }
  return { glyphs, positions };
}

/**
 * The operators between Tf and ET, each line ending in "\n": TJ arrays split where a
 * glyph's advance differs from its width (kerning), and a Tm of its own for a glyph
 * with an offset (a mark). `offsets` says whether the text depends on x and y.
 */
function textOperators(font: EmbeddedFont, text: string, x: number, y: number, size: number): { operators: string; offsets: boolean } {
  const { glyphs, positions } = layout(font, text);
  const encoded: string[] = [];
  for (const glyph of glyphs) {
    const gid = font.subset.includeGlyph(glyph.id);
    encoded.push(`0000${gid.toString(16)}`.slice(-4));
    if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
  }
  const scale = size / 1000;
  let out = '';
  const commands: string[] = [];
  let last = 0;
  let hadOffset = false;
  let offsets = false;
  const addSegment = (cur: number) => {
    if (last < cur) {
      const hex = encoded.slice(last, cur).join('');
      const advance = positions[cur - 1]!.xAdvance! - positions[cur - 1]!.advanceWidth!;
      commands.push(`<${hex}> ${num(-advance)}`);
    }
    last = cur;
  };
  const flush = (i: number) => {
    addSegment(i);
    if (commands.length > 0) {
      out += `[${commands.join(' ')}] TJ\n`;
      commands.length = 0;
    }
  };
  let i: number;
  for (i = 0; i < positions.length; i++) {
    const pos = positions[i]!;
    if (pos.xOffset || pos.yOffset) {
      flush(i);
      out += `1 0 0 1 ${num(x + pos.xOffset! * scale)} ${num(y + pos.yOffset! * scale)} Tm\n`;
      flush(i + 1);
      hadOffset = true;
      offsets = true;
    } else {
      if (hadOffset) {
        out += `1 0 0 1 ${num(x)} ${num(y)} Tm\n`;
        hadOffset = false;
      }
      if (pos.xAdvance! - pos.advanceWidth! !== 0) addSegment(i + 1);
    }
    x += pos.xAdvance! * scale;
  }
  flush(i);
  return { operators: out, offsets };
}
