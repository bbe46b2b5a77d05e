/**
 * Optimal line breaking (Knuth & Plass, "Breaking paragraphs into lines", 1981) over
 * the items of items.ts, then line assembly: justified lines spread their spaces,
 * ragged lines keep natural spaces (their badness uses a fixed virtual stretch so
 * lines come out evenly filled). A first pass accepts only good lines; the second
 * accepts anything, so every paragraph gets breaks.
 */
import { drawnText, embeddingLevels, visualOrder, type Direction } from './bidi.js';
import { FILL, INFINITE_PENALTY, type Item, type Penalty } from './items.js';
import type { FontSet } from './fonts.js';
import type { Fragment, Line, RunStyle } from './types.js';
import { markWholeWords } from './whole-words.js';

export interface BreakOptions {
  /** Width of the first line and of the following ones (hanging indents differ). */
  firstWidth: number;
  width: number;
  justify: boolean;
  /** Line height factor of the theme. */
  lineHeight: number;
  fonts: FontSet;
  /** Style of an empty line. */
  base: RunStyle;
  /**
   * Paragraph direction. Fragments are placed from the line's start edge: the left one
   * in LTR, the right one in RTL (the writer mirrors RTL pages to physical positions).
   */
  direction?: Direction;
}

const LINE_PENALTY = 10;
const FLAGGED_DEMERITS = 10000;
const FITNESS_DEMERITS = 10000;

interface Breakpoint {
  index: number;
  line: number;
  fitness: number;
  demerits: number;
  prev: Breakpoint | null;
  width: number;
  stretch: number;
  shrink: number;
}

function fitnessOf(r: number): number {
  return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

function findBreaks(items: Item[], opts: BreakOptions, tolerance: number, raggedStretch: number): number[] | null {
  const n = items.length;
  // Prefix sums of width/stretch/shrink before each index.
  const sw = new Float64Array(n + 1);
  const sst = new Float64Array(n + 1);
  const ssh = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const it = items[i]!;
    sw[i + 1] = sw[i]! + (it.type === 'penalty' ? 0 : it.width);
    sst[i + 1] = sst[i]! + (it.type === 'glue' ? it.stretch : 0);
    ssh[i + 1] = ssh[i]! + (it.type === 'glue' ? it.shrink : 0);
  }
  const candidates: Array<Breakpoint | null> = [null, null, null, null];
  const active: Breakpoint[] = [{ index: 0, line: 0, fitness: 1, demerits: 0, prev: null, width: 0, stretch: 0, shrink: 0 }];

  for (let b = 0; b < n && active.length; b++) {
    const it = items[b]!;
    let legal = false;
    let penalty = 0;
    let flagged = false;
    let extra = 0;
    if (it.type === 'glue') legal = b > 0 && items[b - 1]!.type === 'box';
    else if (it.type === 'penalty' && it.penalty < INFINITE_PENALTY) {
      legal = true;
      penalty = it.penalty;
      flagged = it.flagged;
      extra = it.width;
    }
    if (!legal) continue;
    const forced = penalty <= -INFINITE_PENALTY;

    candidates[0] = candidates[1] = candidates[2] = candidates[3] = null;
    // Active nodes that stay active are compacted in place (no array per break).
    let kept = 0;
    for (let ai = 0; ai < active.length; ai++) {
      const a = active[ai]!;
      const target = a.line === 0 ? opts.firstWidth : opts.width;
      const L = sw[b]! - a.width + extra;
      let stretch = sst[b]! - a.stretch;
      const shrink = ssh[b]! - a.shrink;
      if (!opts.justify) stretch += raggedStretch;
      let r: number;
      if (L < target) r = stretch > 0 ? (target - L) / stretch : Infinity;
      else if (L > target) r = shrink > 0 ? (target - L) / shrink : -Infinity;
      else r = 0;
      if (stretch >= FILL) r = Math.min(r, 0) ; // the last line is never "loose"
      const keep = r >= -1 && !forced;
      if (keep) active[kept++] = a;
      if (r < -1 || r > tolerance) {
        // In the final pass an overfull line is still taken when nothing else can end here.
        if (!(tolerance === Infinity && r < -1 && L <= target * 1.0001)) continue;
      }
      const badness = r === Infinity ? 10000 : Math.min(10000, 100 * Math.abs(r) ** 3);
      let d = (LINE_PENALTY + badness) ** 2;
      if (penalty > 0) d += penalty ** 2;
      else if (penalty > -INFINITE_PENALTY) d -= penalty ** 2;
      const prevItem = items[a.index];
      if (flagged && prevItem?.type === 'penalty' && prevItem.flagged && a.index > 0) d += FLAGGED_DEMERITS;
      const fit = fitnessOf(r === Infinity ? 10 : r);
      if (Math.abs(fit - a.fitness) > 1) d += FITNESS_DEMERITS;
      d += a.demerits;
      const c = candidates[fit];
      if (!c || d < c.demerits) candidates[fit] = { index: b, line: a.line + 1, fitness: fit, demerits: d, prev: a, width: 0, stretch: 0, shrink: 0 };
    }
    active.length = kept;
    let best = Infinity;
    for (const c of candidates) if (c && c.demerits < best) best = c.demerits;
    if (best < Infinity) {
      // Totals after the break: discard the glue and penalties that follow it.
      let w = sw[b]!;
      let st = sst[b]!;
      let sh = ssh[b]!;
      for (let k = b; k < n; k++) {
        const x = items[k]!;
        if (x.type === 'box') break;
        if (x.type === 'glue') {
          w += x.width;
          st += x.stretch;
          sh += x.shrink;
        } else if (x.penalty <= -INFINITE_PENALTY && k > b) break;
      }
      for (const c of candidates) {
        if (!c || c.demerits > best + FITNESS_DEMERITS) continue;
        c.width = w;
        c.stretch = st;
        c.shrink = sh;
        active.push(c);
      }
    }
  }
  const last = items.length - 1;
  const ends = active.filter((a) => a.index === last);
  if (ends.length === 0) return null;
  let node: Breakpoint | null = ends.reduce((x, y) => (y.demerits < x.demerits ? y : x));
  const out: number[] = [];
  while (node && node.prev) {
    out.push(node.index);
    node = node.prev;
  }
  return out.reverse();
}

/** Greedy breaking, the safety net if the optimal passes find nothing. */
function greedyBreaks(items: Item[], opts: BreakOptions): number[] {
  const out: number[] = [];
  let width = 0;
  let lastLegal = -1;
  let line = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const target = line === 0 ? opts.firstWidth : opts.width;
    const legal = (it.type === 'glue' && items[i - 1]?.type === 'box') || (it.type === 'penalty' && it.penalty < INFINITE_PENALTY);
    if (it.type === 'penalty' && it.penalty <= -INFINITE_PENALTY) {
      out.push(i);
      width = 0;
      line++;
      lastLegal = -1;
      continue;
    }
    if (legal) lastLegal = i;
    if (it.type !== 'penalty') width += it.width;
    if (width > target && lastLegal > (out.at(-1) ?? -1)) {
      out.push(lastLegal);
      line++;
      i = lastLegal;
      while (items[i + 1] && items[i + 1]!.type !== 'box') i++;
      width = 0;
    }
  }
  return out;
}

function lineMetrics(fragments: Fragment[], opts: BreakOptions): { height: number; baseline: number } {
  let size = opts.base.size;
  let style = opts.base;
  for (const f of fragments) {
    if (f.style.rise === 0 && f.style.size > size) {
      size = f.style.size;
      style = f.style;
    }
  }
  const { ascent, descent } = opts.fonts.metrics(style.face);
  const height = size * opts.lineHeight;
  // CSS-like half leading around the font's content area.
  const baseline = (height - (ascent + descent) * size) / 2 + ascent * size;
  return { height, baseline };
}

/** One piece of a mixed-direction line: a box (or part of one at one level), a space, a hyphen. */
interface BidiPiece {
  text: string;
  width: number;
  style: RunStyle;
  level: number;
  /** Stretch and shrink of a space. */
  glue?: { stretch: number; shrink: number };
}

/**
 * The fragments of a line of a paragraph with right-to-left text or direction:
 * each word and each space is a fragment of its own (a shaped run never spans two
 * words, so their order is the bidi order), ordered by rule L2 and laid from the
 * start edge of the paragraph.
 */
function bidiFragments(
  items: Item[], start: number, b: number, r: number, hyphen: Penalty | undefined, levels: Uint8Array, offsets: number[], opts: BreakOptions,
): Fragment[] {
  const paraLevel = opts.direction === 'rtl' ? 1 : 0;
  const pieces: BidiPiece[] = [];
  for (let k = start; k < b; k++) {
    const it = items[k]!;
    if (it.type === 'penalty' || (it.type === 'glue' && it.stretch >= FILL) || it.text === '' && it.type === 'glue' && it.width === 0) continue;
    if (it.type === 'glue') {
      pieces.push({ text: it.text, width: it.width, style: it.style, level: levels[offsets[k]!] ?? paraLevel, glue: { stretch: it.stretch, shrink: it.shrink } });
      continue;
    }
    // A box may change level inside ("كلمة123"): one piece per level.
    let from = 0;
    for (let i = 1; i <= it.text.length; i++) {
      if (i < it.text.length && levels[offsets[k]! + i] === levels[offsets[k]! + from]) continue;
      const text = it.text.slice(from, i);
      const width = from === 0 && i === it.text.length ? it.width : opts.fonts.width(it.style.face, text, it.style.size);
      pieces.push({ text, width, style: it.style, level: levels[offsets[k]! + from] ?? paraLevel });
      from = i;
    }
  }
  // L1: spaces at the end of the line take the paragraph level.
  for (let i = pieces.length - 1; i >= 0 && pieces[i]!.glue; i--) pieces[i]!.level = paraLevel;
  if (hyphen) pieces.push({ text: hyphen.hyphen!, width: hyphen.width, style: hyphen.style, level: pieces.at(-1)?.level ?? paraLevel });
  const visual = visualOrder(pieces);
  const fromStart = opts.direction === 'rtl' ? visual.reverse() : visual;
  const fragments: Fragment[] = [];
  let pen = 0;
  for (const p of fromStart) {
    const width = p.glue ? p.width + (r >= 0 ? r * p.glue.stretch : r * p.glue.shrink) : p.width;
    fragments.push({ x: pen, text: drawnText(p.text, p.level), width, style: p.style });
    pen += width;
  }
  return fragments;
}

/** Offset of each item in the paragraph's text (what the bidi algorithm reads). */
function paragraphText(items: Item[]): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  for (const it of items) {
    offsets.push(text.length);
    if (it.type !== 'penalty') text += it.text;
  }
  return { text, offsets };
}

/** Breaks `items` into lines; x of each fragment is relative to the line's start edge. */
export function breakLines(items: Item[], opts: BreakOptions): Line[] {
  const raggedStretch = opts.base.size * 3;
  const breaks =
    findBreaks(items, opts, opts.justify ? 2 : Infinity, raggedStretch) ??
    findBreaks(items, opts, Infinity, raggedStretch) ??
    greedyBreaks(items, opts);
  const lines: Line[] = [];
  const para = paragraphText(items);
  const levels = embeddingLevels(para.text, opts.direction ?? 'ltr');
  let start = 0;
  breaks.forEach((b, lineNo) => {
    // Skip what a break discards at the start of a line.
    while (start < b && items[start]!.type !== 'box') start++;
    const target = lineNo === 0 ? opts.firstWidth : opts.width;
    let natural = 0;
    let stretch = 0;
    let shrink = 0;
    for (let k = start; k < b; k++) {
      const it = items[k]!;
      if (it.type === 'penalty') continue;
      natural += it.width;
      if (it.type === 'glue') {
        stretch += it.stretch;
        shrink += it.shrink;
      }
    }
    const brk = items[b]!;
    const hyphen = brk.type === 'penalty' && brk.hyphen ? brk : undefined;
    if (hyphen) natural += hyphen.width;
    // Spaces stretch only on justified lines that are not the last of a paragraph,
    // but any line the breaker shrank must be shrunk (the last one too).
    let r = 0;
    if (opts.justify) {
      if (natural > target && shrink > 1e-9) r = Math.max(-1, (target - natural) / shrink);
      else if (natural < target && stretch > 1e-9 && stretch < FILL) r = (target - natural) / stretch;
    }
    if (levels) {
      const fragments = bidiFragments(items, start, b, r, hyphen, levels, para.offsets, opts);
      const { height, baseline } = lineMetrics(fragments, opts);
      const visible = fragments.filter((f) => f.text.trim() !== '');
      const last = visible.at(-1);
      lines.push({ fragments, width: last ? last.x + last.width : 0, height, baseline });
      start = b + 1;
      return;
    }
    const fragments: Fragment[] = [];
    let pen = 0;
    let cur: Fragment | undefined;
    const open = (style: RunStyle): Fragment => {
      if (cur && cur.style === style) return cur;
      cur = { x: pen, text: '', width: 0, style };
      fragments.push(cur);
      return cur;
    };
    for (let k = start; k < b; k++) {
      const it = items[k]!;
      if (it.type === 'penalty' || (it.type === 'glue' && it.stretch >= FILL)) continue;
      const f = open(it.style);
      f.text += it.text;
      if (it.type === 'glue') {
        pen += it.width + (r >= 0 ? r * it.stretch : r * it.shrink);
        // Justified: the space glyph stays in the text (text extraction), and the next
        // word starts a new fragment placed after the stretched space.
        if (r === 0) f.width = pen - f.x;
        else cur = undefined;
      } else {
        pen += it.width;
        f.width = pen - f.x;
      }
    }
    if (hyphen) {
      const f = open(hyphen.style);
      f.text += hyphen.hyphen;
      pen += hyphen.width;
      f.width = pen - f.x;
    } else if (brk.type === 'glue' || (brk.type === 'penalty' && brk.separator)) {
      // Keep the space at a line end (or at a hard break) in the text stream, so that
      // extracted text and screen readers still see two words (PDF/UA).
      const f = open(brk.style);
      f.text += brk.type === 'glue' ? brk.text : ' ';
    }
    const { height, baseline } = lineMetrics(fragments, opts);
    const last = fragments.at(-1);
    lines.push({ fragments, width: last ? last.x + last.width : 0, height, baseline, hyphenated: hyphen !== undefined });
    start = b + 1;
  });
  return markWholeWords(lines, opts.fonts);
}
