/**
 * Page geometry from the theme: paper size (ISO or US name, or `[width, height]` in
 * points) and margins, as the box every layout step stays inside.
 */
import type { Theme } from '../../theme/theme.js';

/** Paper sizes in points, as pdfkit names them (1 pt = 1/72 in). */
const PAPER: Record<string, [number, number]> = {
  A3: [841.89, 1190.55],
  A4: [595.28, 841.89],
  A5: [419.53, 595.28],
  B5: [498.9, 708.66],
  LETTER: [612, 792],
  LEGAL: [612, 1008],
};

export interface PageGeometry {
  /** What pdfkit is given: a paper name or [width, height]. */
  size: string | [number, number];
  width: number;
  height: number;
  margins: { top: number; bottom: number; left: number; right: number };
  /** The text area. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  contentWidth: number;
  contentHeight: number;
}

export function pageGeometry(theme: Theme): PageGeometry {
  const raw = theme.page.size as string | [number, number];
  let width: number;
  let height: number;
  let size: string | [number, number];
  if (Array.isArray(raw)) {
    [width, height] = raw;
    size = [width, height];
  } else {
    const dims = PAPER[String(raw).toUpperCase()];
    if (!dims) throw new Error(`theme page.size "${raw}" is not one of ${Object.keys(PAPER).join(', ')} or [width, height]`);
    [width, height] = dims;
    size = String(raw).toUpperCase();
  }
  const margins = { ...theme.page.margins };
  return {
    size,
    width,
    height,
    margins,
    left: margins.left,
    right: width - margins.right,
    top: margins.top,
    bottom: height - margins.bottom,
    contentWidth: width - margins.left - margins.right,
    contentHeight: height - margins.top - margins.bottom,
  };
}
