/**
 * Bookmarks mirroring the heading tree. Each bookmark opens its heading's named
 * destination (pdfkit's addItem can only point at a whole page, so its Dest is replaced).
 */
import type { PdfOutline } from './pdfkit-setup.js';
import type { OutlineEntry } from './types.js';

export function addOutline(root: PdfOutline, entries: OutlineEntry[], destPages: Map<string, number>): void {
  const stack: Array<{ depth: number; item: PdfOutline }> = [{ depth: 0, item: root }];
  const top = Math.min(...entries.map((e) => e.depth));
  for (const e of entries) {
    const page = destPages.get(e.dest);
    if (page === undefined) continue;
    while (stack.length > 1 && stack.at(-1)!.depth >= e.depth) stack.pop();
    const item = stack.at(-1)!.item.addItem(e.title, { pageNumber: page - 1, expanded: e.depth === top });
    item.outlineData.Dest = new String(e.dest);
    stack.push({ depth: e.depth, item });
  }
}
