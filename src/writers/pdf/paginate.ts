/**
 * Page breaking over the vertical list. Units never split; when one does not fit, the
 * break moves back over units that must stay with their successor (headings, the
 * first and last two lines of a paragraph), unless that would empty the page. Space
 * before a unit is dropped at the top of a page. A table row that starts a page gets
 * the table's header rows repeated above it (painted as artifacts).
 */
import type { Page, PlacedUnit, Unit } from './types.js';

export interface PageBox {
  top: number;
  bottom: number;
}

export function paginate(units: Unit[], box: PageBox): Page[] {
  const pages: Page[] = [];
  let placed: PlacedUnit[] = [];
  /** Index in `units` of the first unit of the current page. */
  let pageStart = 0;
  let y = box.top;
  const newPage = () => {
    pages.push({ units: placed, cover: pages.length === 0 });
    placed = [];
    y = box.top;
  };
  let i = 0;
  while (i < units.length) {
    const u = units[i]!;
    const fresh = placed.every((p) => p.artifact);
    if (u.pageBreakBefore && !fresh) {
      newPage();
      pageStart = i;
      continue;
    }
    // Repeated table header on a page that starts with a body row.
    if (placed.length === 0 && u.repeatHeader?.length) {
      for (const hu of u.repeatHeader) {
        placed.push({ unit: hu, y, artifact: true });
        y += hu.height;
      }
    }
    const space = placed.length === 0 ? 0 : u.spaceBefore;
    if (!fresh && y + space + u.height > box.bottom + 0.01) {
      // Move back to the last unit that may end a page.
      let j = i;
      while (j > pageStart + 1 && units[j - 1]!.keepWithNext) j--;
      // When the whole page is one chain of kept units, break where we are.
      if (!units[j - 1]!.keepWithNext && j < i) {
        let kept = 0;
        placed = placed.filter((p) => p.artifact || kept++ < j - pageStart);
        i = j;
      }
      newPage();
      pageStart = i;
      continue;
    }
    placed.push({ unit: u, y: y + space });
    y += space + u.height;
    i++;
  }
  if (placed.length || pages.length === 0) newPage();
  return pages;
}
