/**
 * Right-to-left pages. Layout places everything from the start edge of its band: x
 * grows from the left margin in an LTR edition and from the right margin in an RTL
 * one. For an RTL edition this turns those positions into physical ones, once, after
 * pagination: list labels move to the right of their items, table columns run right to
 * left, table-of-contents page numbers and leaders move to the left, quote bars to the
 * right. Glyphs are not mirrored; only where things sit.
 */
import type { FontSet } from './fonts.js';
import type { Drawable, Frame, Unit } from './types.js';

export function mirrorUnits(units: readonly Unit[], pageWidth: number, fonts: FontSet): void {
  const seenUnits = new Set<Unit>();
  const seenFrames = new Set<Frame>();
  const flip = (x: number, w: number) => pageWidth - x - w;
  const visit = (u: Unit) => {
    if (seenUnits.has(u)) return;
    seenUnits.add(u);
    u.items = u.items.map((d) => mirrorDrawable(d, flip, fonts));
    for (const f of u.frames) {
      if (seenFrames.has(f)) continue;
      seenFrames.add(f);
      [f.x1, f.x2] = [flip(f.x2, 0), flip(f.x1, 0)];
    }
    for (const h of u.repeatHeader ?? []) visit(h);
  };
  for (const u of units) visit(u);
}

function mirrorDrawable(d: Drawable, flip: (x: number, w: number) => number, fonts: FontSet): Drawable {
  switch (d.kind) {
    case 'text':
      return { ...d, x: flip(d.x, d.width) };
    case 'artifact-text':
      return { ...d, x: flip(d.x, fonts.width(d.style.face, d.text, d.style.size)) };
    case 'rect':
    case 'image':
      return { ...d, x: flip(d.x, d.w) };
    case 'line':
      return { ...d, x1: flip(d.x1, 0), x2: flip(d.x2, 0) };
    case 'dest':
      return { ...d, x: flip(d.x, 0) };
  }
}
