/**
 * The vertical list under construction, and the paragraph primitive every block uses:
 * runs → items → lines → one unit per line, with orphan and widow control.
 */
import type { Theme } from '../../theme/theme.js';
import type { Direction } from './bidi.js';
import type { FontSet } from './fonts.js';
import type { Hyphenator } from './hyphenate.js';
import { styleFor, type InlineState } from './inline.js';
import { buildItems } from './items.js';
import { breakLines } from './linebreak.js';
import type { PageGeometry } from './page-geometry.js';
import type { Drawable, Frame, InlineRun, Line, OutlineEntry, SourcePoint, Unit } from './types.js';

export interface LayoutEnv {
  theme: Theme;
  fonts: FontSet;
  geometry: PageGeometry;
  hyphenator: Hyphenator | null;
  /** Direction of the edition's paragraphs (bidi.ts; RTL pages are mirrored by mirror.ts). */
  direction: Direction;
  missingGlyph(cp: number, at: SourcePoint): void;
  warn(code: string, message: string, at?: SourcePoint): void;
}

/** A horizontal band of the text area a block is laid out in. */
export interface Band {
  x: number;
  width: number;
}

export type Align = 'justify' | 'left' | 'center' | 'right';

export class Flow {
  readonly units: Unit[] = [];
  private pending = 0;
  private readonly frameStack: Frame[] = [];
  private frameIds = 0;
  private nextBreak = false;

  constructor(readonly env: LayoutEnv) {}

  /** Vertical space before the next unit; adjacent spaces collapse to the larger one. */
  space(pt: number): void {
    this.pending = Math.max(this.pending, pt);
  }

  add(unit: Partial<Unit> & { height: number; items: Drawable[] }): Unit {
    const u: Unit = { spaceBefore: this.pending, keepWithNext: false, frames: [...this.frameStack], ...unit };
    if (this.nextBreak) u.pageBreakBefore = true;
    this.nextBreak = false;
    this.pending = 0;
    this.units.push(u);
    return u;
  }

  /** Runs `body` inside a decorated frame (quote bar, code background...). */
  framed<T>(frame: Omit<Frame, 'id'>, body: () => T): T {
    this.frameStack.push({ ...frame, id: ++this.frameIds });
    try {
      return body();
    } finally {
      this.frameStack.pop();
    }
  }

  /** The next unit starts a new page. */
  pageBreak(): void {
    this.pending = 0;
    this.nextBreak = true;
  }
}

export interface ParagraphOptions {
  align: Align;
  /** Indent of the lines after the first (code continuation lines). */
  hangingIndent?: number;
  /** Keep every line with the next (headings). */
  keepAll?: boolean;
  heading?: OutlineEntry;
  /** Named destination at the top of the first line. */
  dest?: string;
  /** Vertical padding inside the first and the last unit (code blocks). */
  padTop?: number;
  padBottom?: number;
  /** End the last line with a space in the text stream (lines of code). */
  endSeparator?: boolean;
  /**
   * Titles and headings: lines of even length (CSS `text-wrap: balance`), i.e. the
   * narrowest measure that keeps the number of lines, so no word stands alone on the last.
   */
  balance?: boolean;
  /** Line height as a share of the size (default: the theme's body `lineHeight`). */
  lineHeight?: number;
}

/** Lays out lines of inline runs; returns the line units (already added to the flow). */
export function paragraph(flow: Flow, runs: InlineRun[], band: Band, state: InlineState, options: ParagraphOptions): Unit[] {
  const { env } = flow;
  if (runs.length === 0) return [];
  const base = styleFor(state, runs[0]!.style.at);
  const items = buildItems(runs, base, {
    fonts: env.fonts,
    hyphenator: env.hyphenator,
    justify: options.align === 'justify',
    maxWidth: band.width - (options.hangingIndent ?? 0),
    onMissingGlyph: env.missingGlyph,
  }, options.endSeparator);
  const breakAt = (width: number) =>
    breakLines(items, {
      firstWidth: width,
      width: width - (options.hangingIndent ?? 0),
      justify: options.align === 'justify',
      lineHeight: options.lineHeight ?? env.theme.lineHeight,
      fonts: env.fonts,
      base,
      direction: env.direction,
    });
  let lines = breakAt(band.width);
  if (options.balance && lines.length > 1) {
    // Bisect the measure down to a twentieth of a point: the narrowest with as many lines.
    let lo = band.width / 2;
    let hi = band.width;
    while (hi - lo > 0.05) {
      const mid = (lo + hi) / 2;
      if (breakAt(mid).length === lines.length) hi = mid;
      else lo = mid;
    }
    lines = breakAt(hi);
  }
  return lineUnits(flow, lines, band, options);
}

export function lineDrawables(line: Line, x: number, y: number): Drawable[] {
  return line.fragments.map((f) => ({ kind: 'text', x: x + f.x, y: y + line.baseline, text: f.text, width: f.width, style: f.style, actual: f.actual }) as Drawable);
}

export function alignOffset(line: Line, width: number, align: Align): number {
  if (align === 'center') return Math.max(0, (width - line.width) / 2);
  if (align === 'right') return Math.max(0, width - line.width);
  return 0;
}

function lineUnits(flow: Flow, lines: Line[], band: Band, options: ParagraphOptions): Unit[] {
  const n = lines.length;
  const units: Unit[] = [];
  lines.forEach((line, i) => {
    const padTop = i === 0 ? (options.padTop ?? 0) : 0;
    const padBottom = i === n - 1 ? (options.padBottom ?? 0) : 0;
    const x = band.x + (i > 0 ? (options.hangingIndent ?? 0) : 0) + alignOffset(line, band.width - (i > 0 ? (options.hangingIndent ?? 0) : 0), options.align);
    const items = lineDrawables(line, x, padTop);
    if (i === 0 && options.dest) items.unshift({ kind: 'dest', x: band.x, y: 0, name: options.dest });
    // Orphans and widows: the first two and the last two lines stay together.
    const keep = options.keepAll === true || (n > 1 && (i === 0 || i === n - 2));
    const unit = flow.add({
      height: line.height + padTop + padBottom,
      items,
      keepWithNext: keep,
      heading: i === 0 ? options.heading : undefined,
    });
    units.push(unit);
  });
  return units;
}
