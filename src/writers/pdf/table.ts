/**
 * GFM tables: automatic column widths (as CSS does it: every column gets at least its
 * longest word, the rest is shared by how much text each column holds), cells that
 * wrap, `align-*` classes, a header row kept with the first row and repeated (as an
 * artifact) at the top of every page the table continues on. Too wide a table shrinks
 * its type (to 75 %), then splits words anywhere (never drops text); a row taller than a
 * page is cut between lines across pages.
 */
import type { Element } from 'hast';
import type { BlockContext } from './blocks.js';
import type { Band } from './flow.js';
import { alignOffset, lineDrawables, type Align } from './flow.js';
import { inlineRuns, pointOf, styleFor, type InlineState } from './inline.js';
import { buildItems, INFINITE_PENALTY, type Item } from './items.js';
import { breakLines } from './linebreak.js';
import { ELEMENT_STYLES } from '../../theme/element-styles.js';
import { elementState } from './blocks.js';
import { structNode, type Drawable, type Line, type StructNode, type Unit } from './types.js';

/** The smallest a table's type may be scaled to fit its columns. */
const MIN_SCALE = 0.75;

interface Cell {
  el: Element;
  header: boolean;
  align: Align;
  node: StructNode;
  state: InlineState;
  min: number;
  max: number;
}

function cellAlign(el: Element): Align {
  const c: unknown = el.properties.className;
  const list = Array.isArray(c) ? c.map(String) : [];
  if (list.includes('align-center')) return 'center';
  if (list.includes('align-right')) return 'right';
  return 'left';
}

/** Widest unbreakable piece and full single-line width of some items. */
function extent(items: Item[]): { min: number; max: number } {
  let min = 0;
  let max = 0;
  let word = 0;
  let line = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.type === 'box') {
      word += it.width;
      line += it.width;
    } else if (it.type === 'glue') {
      min = Math.max(min, word);
      word = 0;
      line += it.width;
    } else if (it.penalty < INFINITE_PENALTY) {
      min = Math.max(min, word + it.width);
      word = 0;
      if (it.penalty <= -INFINITE_PENALTY) {
        max = Math.max(max, line);
        line = 0;
      }
    }
  }
  return { min: Math.max(min, word), max: Math.max(max, line) };
}

export function layoutTable(table: Element, band: Band, parent: StructNode, st: InlineState, ctx: BlockContext): void {
  const { flow } = ctx;
  const { env } = flow;
  const { theme } = ctx.inline;
  const tableState = elementState(ctx, 'table', st);
  const padY = theme.spacing.cellPaddingY;
  let padX = theme.spacing.cellPaddingX;
  const weights = theme.rules;
  const grid = theme.table.style === 'grid';
  const tableNode = structNode('Table', parent);
  const sections = table.children.filter((c): c is Element => c.type === 'element' && ['thead', 'tbody', 'tfoot', 'tr'].includes(c.tagName));
  const rows: Array<{ cells: Cell[]; header: boolean; node: StructNode }> = [];
  let head: StructNode | undefined;
  let body: StructNode | undefined;
  for (const sec of sections) {
    const trs = sec.tagName === 'tr' ? [sec] : sec.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'tr');
    for (const tr of trs) {
      const header = sec.tagName === 'thead';
      const group = header ? (head ??= structNode('THead', tableNode)) : (body ??= structNode('TBody', tableNode));
      const rowNode = structNode('TR', group);
      const cells = tr.children
        .filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'))
        .map((el): Cell => {
          const isTh = el.tagName === 'th';
          const node = structNode(isTh ? 'TH' : 'TD', rowNode, isTh ? { scope: header ? 'Column' : 'Row' } : {});
          // The header's background is the row's rectangle, not a background behind each word.
          const state = isTh ? { ...elementState(ctx, 'tableHead', tableState), background: undefined } : tableState;
          return { el, header: isTh, align: cellAlign(el), node, state: { ...state, node }, min: 0, max: 0 };
        });
      if (cells.length) rows.push({ cells, header, node: rowNode });
    }
  }
  if (rows.length === 0) return;
  const columns = Math.max(1, ...rows.map((r) => r.cells.length));
  const runsOf = (c: Cell) => inlineRuns(c.el.children, c.state, ctx.inline, pointOf(c.el, {}));
  const itemsOf = (c: Cell, maxWidth: number) =>
    buildItems(runsOf(c), styleFor(c.state, pointOf(c.el, {})), { fonts: env.fonts, hyphenator: env.hyphenator, justify: false, maxWidth, onMissingGlyph: () => {} });
  const mins = new Array<number>(columns).fill(0);
  const maxs = new Array<number>(columns).fill(0);
  for (const row of rows) {
    row.cells.forEach((c, i) => {
      const e = extent(itemsOf(c, Infinity));
      mins[i] = Math.max(mins[i]!, e.min);
      maxs[i] = Math.max(maxs[i]!, e.max);
    });
  }
  // Many columns: padding shrinks first, then the type (to three quarters at most),
  // before words have to be split. Widths are proportional to the size.
  padX = Math.min(padX, band.width / (columns * 8));
  const avail = band.width - columns * 2 * padX;
  const scale = Math.max(MIN_SCALE, Math.min(1, avail / (mins.reduce((a, b) => a + b, 0) || 1)));
  if (scale < 1) {
    for (const row of rows) for (const c of row.cells) c.state = { ...c.state, size: c.state.size * scale };
    for (let i = 0; i < columns; i++) {
      mins[i]! *= scale;
      maxs[i]! *= scale;
    }
  }
  const sumMin = mins.reduce((a, b) => a + b, 0);
  const sumMax = maxs.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (sumMax === 0) widths = mins.map(() => avail / columns);
  else if (sumMax <= avail) widths = maxs.map((m) => m + ((avail - sumMax) * m) / sumMax);
  else if (sumMin <= avail) widths = mins.map((m, i) => m + ((maxs[i]! - m) * (avail - sumMin)) / (sumMax - sumMin || 1));
  else {
    // Words must be split. A column whose longest word fits in an equal share keeps it
    // whole (its minimum width); the columns with longer words share what is left, so a
    // 300-character cell never starves its short neighbours to one glyph per line.
    const floors = mins.map((m) => Math.min(m, avail / columns));
    const rest = avail - floors.reduce((a, b) => a + b, 0);
    const excess = mins.map((m, i) => m - floors[i]!);
    const sumExcess = excess.reduce((a, b) => a + b, 0) || 1;
    widths = floors.map((f, i) => f + (rest * excess[i]!) / sumExcess);
  }
  const xs: number[] = [];
  widths.reduce((x, w, i) => ((xs[i] = x), x + w + 2 * padX), band.x);

  flow.space(theme.spacing.paragraph * 0.5);
  let headerUnits: Unit[] = [];
  const right = band.x + band.width;
  rows.forEach((row, r) => {
    const cellLines: Line[][] = row.cells.map((c, i) => {
      const w = widths[i]!;
      // Errors in glyph coverage are reported once, from this final pass.
      const items = buildItems(runsOf(c), styleFor(c.state, pointOf(c.el, {})), { fonts: env.fonts, hyphenator: env.hyphenator, justify: false, maxWidth: w, onMissingGlyph: env.missingGlyph });
      return breakLines(items, { firstWidth: w, width: w, justify: false, lineHeight: theme.lineHeight, fonts: env.fonts, base: styleFor(c.state, {}), direction: env.direction });
    });
    const height = Math.max(0, ...cellLines.map((ls) => ls.reduce((h, l) => h + l.height, 0))) + 2 * padY;
    // A row taller than what a page holds under the repeated header is cut between lines
    // into slices, one per page, so no line runs past the bottom margin.
    const headerHeight = headerUnits.reduce((h, u) => h + u.height, 0);
    const limit = Math.max(env.geometry.contentHeight - headerHeight - 2 * padY, env.geometry.contentHeight / 3);
    const slices: Array<{ from: number; to: number }> = [];
    if (height - 2 * padY <= limit) slices.push({ from: 0, to: Infinity });
    else for (let from = 0; from < height - 2 * padY; from += limit) slices.push({ from, to: from + limit });
    slices.forEach((slice, k) => {
      // Each line goes to the slice its top falls in; a slice is as tall as the lines it got.
      const placed = cellLines.map((lines) => {
        const out: Array<{ line: Line; y: number }> = [];
        let y = 0;
        for (const line of lines) {
          if (y >= slice.from && y < slice.to) out.push({ line, y: y - slice.from });
          y += line.height;
        }
        return out;
      });
      const sliceHeight = slices.length === 1 ? height : Math.max(0, ...placed.map((ls) => ls.reduce((h, p) => Math.max(h, p.y + p.line.height), 0))) + 2 * padY;
      const items: Drawable[] = [];
      const tableWidth = xs[columns - 1]! + widths[columns - 1]! + 2 * padX - band.x;
      const headFill = theme.colors[ELEMENT_STYLES.tableHead.background];
      if (row.header) items.push({ kind: 'rect', x: band.x, y: 0, w: grid ? tableWidth : band.width, h: sliceHeight, fill: headFill });
      // Grid: every cell boxed (as the CSS borders), hairlines all round.
      if (grid) {
        for (let i = 0; i <= columns; i++) {
          const x = i < columns ? xs[i]! : band.x + tableWidth;
          items.push({ kind: 'line', x1: x, y1: 0, x2: x, y2: sliceHeight, color: theme.colors.rule, width: weights.hair });
        }
      }
      const rowRight = grid ? band.x + tableWidth : right;
      if ((r === 0 && k === 0) || grid) items.push({ kind: 'line', x1: band.x, y1: 0, x2: rowRight, y2: 0, color: theme.colors.rule, width: grid ? weights.hair : weights.thin });
      placed.forEach((lines, i) => {
        for (const { line, y } of lines) items.push(...lineDrawables(line, xs[i]! + padX + alignOffset(line, widths[i]!, row.cells[i]!.align), padY + y));
      });
      items.push({ kind: 'line', x1: band.x, y1: sliceHeight, x2: rowRight, y2: sliceHeight, color: theme.colors.rule, width: row.header && !grid ? weights.thin : weights.hair });
      const unit = flow.add({ height: sliceHeight, items, keepWithNext: row.header, repeatHeader: row.header ? undefined : headerUnits });
      if (row.header) headerUnits = [...headerUnits, unit];
    });
  });
  flow.space(theme.spacing.paragraph);
}
