/**
 * The PDF edition: A4 (or the theme's page), fonts embedded from dejavu-fonts-ttf,
 * tagged (PDF 1.7 structure tree, artifacts for page furniture), bookmarks, named
 * destinations, clickable links, escaped XMP, and byte-identical rebuilds.
 *
 * Pipeline: model → units (blocks.ts, front.ts) → pages (paginate.ts) → pdfkit
 * (paint.ts). The table of contents reserves a column for page numbers, so one layout
 * pass suffices: the numbers are filled in after pagination.
 */
import type { ElementContent, RootContent } from 'hast';
import type { BriefingDocument } from '../../model/types.js';
import type { WriterContext } from '../types.js';
import { bodyState, layoutBlocks } from './blocks.js';
import { Flow, type LayoutEnv } from './flow.js';
import { FontSet } from './fonts.js';
import { editionText, FallbackFaces } from './font-fallback.js';
import { scriptName } from '../../theme/script-name.js';
import { contentsEntry, resourceAppendix, resourcesEntry, tableOfContents, titleBlock, fillCover, type FrontContext } from './front.js';
import { loadHyphenator } from './hyphenate.js';
import { mirrorUnits } from './mirror.js';
import { textOf } from './inline.js';
import { addOutline } from './outline.js';
import { paint, type TextBox } from './paint.js';
import { pageGeometry, type PageGeometry } from './page-geometry.js';
import { paginate } from './paginate.js';
import { createPdf, finish } from './pdfkit-setup.js';
import { structNode, type OutlineEntry, type Page, type SourcePoint } from './types.js';
import { destName } from './uri.js';

export interface PdfLayoutResult {
  bytes: Uint8Array;
  pages: Page[];
  /** Every text box drawn, for overflow checks. */
  boxes: TextBox[];
  geometry: PageGeometry;
  /** Bookmarks, in order. */
  outline: OutlineEntry[];
}

/** Headings of the body (footnote label included) in tree order, for the table of contents. */
function bodyHeadings(nodes: Array<RootContent | ElementContent>, out: OutlineEntry[] = []): OutlineEntry[] {
  for (const n of nodes) {
    if (n.type !== 'element') continue;
    const m = /^h([1-6])$/.exec(n.tagName);
    if (m && typeof n.properties.id === 'string' && n.properties.id) {
      out.push({ title: textOf(n.children), depth: Number(m[1]), dest: destName(n.properties.id) });
    } else bodyHeadings(n.children, out);
  }
  return out;
}

function pagesOfHeadings(pages: Page[]): Map<string, number> {
  const out = new Map<string, number>();
  pages.forEach((p, i) => {
    for (const { unit, artifact } of p.units) if (unit.heading && !artifact && !out.has(unit.heading.dest)) out.set(unit.heading.dest, i + 1);
  });
  return out;
}

function layout(doc: BriefingDocument, ctx: WriterContext, env: LayoutEnv) {
  const flow = new Flow(env);
  const g = env.geometry;
  const band = { x: g.left, width: g.contentWidth };
  const root = structNode('Document', undefined);
  const front: FrontContext = {
    flow,
    inline: { theme: ctx.theme, hyphenation: env.hyphenator !== null },
    images: doc.images,
    headings: [],
    doc,
    strings: ctx.strings,
    editions: ctx.editions,
    pageNumberFixups: [],
  };
  const top = titleBlock(band, root, front);
  const gap = flow.add({ height: 0, items: [] });
  const toc = bodyHeadings(doc.tree.children);
  if (doc.resources.length) toc.push(resourcesEntry(ctx.strings));
  // With contents, the cover is a page of its own and its free space is spread out.
  if (toc.length) {
    tableOfContents(toc, band, root, front);
    fillCover(flow.units, top, gap, g.contentHeight);
    flow.pageBreak();
  }
  layoutBlocks(doc.tree.children, band, root, bodyState(front, root), front);
  resourceAppendix(band, root, front);
  const pages = paginate(flow.units, { top: g.top, bottom: g.bottom });
  const headingPages = pagesOfHeadings(pages);
  for (const fix of front.pageNumberFixups) fix(headingPages);
  if (env.direction === 'rtl') mirrorUnits(flow.units, g.width, env.fonts);
  const outline = toc.length ? [contentsEntry(ctx.strings), ...front.headings] : front.headings;
  return { pages, outline };
}

/** `recordBoxes: false` leaves `boxes` empty (a large document draws ~300,000 of them). */
export async function layoutPdf(doc: BriefingDocument, ctx: WriterContext, options: { recordBoxes?: boolean } = {}): Promise<PdfLayoutResult> {
  const geometry = pageGeometry(ctx.theme);
  const fonts = new FontSet(ctx.theme);
  // Fallback faces for what the theme fonts lack, loaded before the (synchronous) layout.
  fonts.fallbacks = new FallbackFaces(ctx.theme);
  await fonts.fallbacks.prepare(editionText(doc.tree, [doc.meta, doc.resources, ctx.strings, ctx.editions.map((e) => e.locale)]));
  const hyphenator = await loadHyphenator(doc.locale.hyphenation);
  const seen = new Set<string>();
  const warn = (code: string, message: string, at: SourcePoint = {}) => {
    // A problem met twice (a table cell is measured, then laid out) is reported once.
    const key = `${code}\0${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    ctx.reporter.warn({ code, file: doc.displayPath, line: at.line, column: at.column, message });
  };
  const env: LayoutEnv = {
    theme: ctx.theme,
    fonts,
    geometry,
    hyphenator,
    direction: doc.locale.dir,
    warn,
    missingGlyph: (cp, at) => {
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      const where = at.line === undefined ? ' (in the front matter or a UI string)' : '';
      warn('pdf/missing-glyph', `no font has a glyph for U+${hex} "${String.fromCodePoint(cp)}" (${scriptName(cp)})${where}; the PDF prints U+FFFD instead`, at);
    },
  };

  const result = layout(doc, ctx, env);
  const pdf = createPdf(doc, geometry);
  const painted = paint(result.pages, {
    doc: pdf,
    fonts,
    theme: ctx.theme,
    geometry,
    strings: ctx.strings,
    title: doc.meta.title,
    direction: doc.locale.dir,
    recordBoxes: options.recordBoxes,
  });
  addOutline(pdf.outline, result.outline, painted.destPages);
  const bytes = await finish(pdf);
  return { bytes, pages: result.pages, boxes: painted.boxes, geometry, outline: result.outline.filter((e) => painted.destPages.has(e.dest)) };
}

export async function renderPdf(doc: BriefingDocument, ctx: WriterContext): Promise<Uint8Array> {
  return (await layoutPdf(doc, ctx, { recordBoxes: false })).bytes;
}
