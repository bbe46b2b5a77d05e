/**
 * The parts of the PDF that come from the model and the UI strings rather than the
 * body tree: the cover (title block, summary, table of contents) and the resource
 * appendix. Same values and strings as the HTML title block (writers/parts).
 */
import { formatDate, uiString } from '../../content/locales.js';
import type { BriefingDocument, UiStrings } from '../../model/types.js';
import { editionHref, type Edition } from '../types.js';
import { behindNotice, byline } from '../parts/front-parts.js';
import { bindShortWords } from '../../model/typography.js';
import { ELEMENT_STYLES } from '../../theme/element-styles.js';
import { bodyState, elementState, headingState, labelledItems, type BlockContext, type LabelledItem } from './blocks.js';
import { paragraph, type Band } from './flow.js';
import { styleFor, type InlineState } from './inline.js';
import { structNode, type Drawable, type InlineRun, type OutlineEntry, type StructNode, type Unit } from './types.js';
import { destName, pdfUri } from './uri.js';

export interface FrontContext extends BlockContext {
  doc: BriefingDocument;
  strings: UiStrings;
  editions: Edition[];
  /** Filled-in after pagination with the page of every destination. */
  pageNumberFixups: Array<(pages: Map<string, number>) => void>;
}

const text = (t: string, st: InlineState): InlineRun => ({ kind: 'text', text: t, style: styleFor(st, {}) });

/**
 * Title block at the top of the cover. Returns the cover's top spacer: it carries the
 * theme's band across the top of the page, and `fillCover` sets its height.
 */
export function titleBlock(band: Band, root: StructNode, ctx: FrontContext): Unit {
  const { flow, doc, strings } = ctx;
  const { theme } = ctx.inline;
  const { meta } = doc;
  const g = flow.env.geometry;
  // The visual anchor: a band of the theme's cover colour across the top edge (an artifact).
  const top = flow.add({ height: 0, items: [{ kind: 'rect', x: 0, y: -g.top, w: g.width, h: theme.cover.band, fill: theme.colors[theme.cover.color] }] });

  const small = (node: StructNode, row: 'coverLabel' | 'meta' | 'editions' = 'meta'): InlineState => ({ ...elementState(ctx, row, bodyState(ctx, node)), hyphenate: false });

  // Drawn in capitals (as the HTML's text-transform); read in its own case, since some
  // screen readers spell out words in capitals letter by letter.
  const labelText = uiString(strings, 'coverLabel');
  const label = structNode('P', root, { actual: labelText });
  paragraph(flow, [text(labelText.toLocaleUpperCase(doc.locale.code), small(label, 'coverLabel'))], band, small(label, 'coverLabel'), { align: 'left', keepAll: true });
  flow.space(theme.sizes.small * 0.5);

  const h1 = structNode('H1', root);
  const titleState: InlineState = elementState(ctx, 'title', headingState(ctx, 1, h1));
  paragraph(flow, [text(bindShortWords(meta.title, doc.locale.typography), titleState)], band, titleState, { align: 'left', keepAll: true, balance: true, lineHeight: theme.headingLineHeight });

  if (meta.subtitle) {
    const node = structNode('P', root);
    const st: InlineState = { ...elementState(ctx, 'subtitle', bodyState(ctx, node)), hyphenate: false };
    flow.space(theme.spacing.headingAfter);
    paragraph(flow, [text(bindShortWords(meta.subtitle, doc.locale.typography), st)], band, st, { align: 'left', balance: true, lineHeight: theme.headingLineHeight });
  }

  // "Publié le 20 février 2025 · Briefpress · Français"
  const metaNode = structNode('P', root);
  // An undated edition prints no date; `doc.published` is a file timestamp, never shown.
  const dateText = doc.date && uiString(strings, 'publishedOn', { date: formatDate(doc.date, doc.locale) });
  const parts = [dateText, byline(doc), uiString(strings, 'languageName')].filter((p): p is string => Boolean(p));
  flow.space(theme.spacing.paragraph);
  paragraph(flow, [text(parts.join(' · '), small(metaNode))], band, small(metaNode), { align: 'left' });

  if (ctx.editions.length) {
    const node = structNode('P', root);
    const st = small(node, 'editions');
    const runs: InlineRun[] = [text(`${uiString(strings, 'alsoAvailableIn')} `, st)];
    ctx.editions.forEach((e, i) => {
      if (i > 0) runs.push(text(' · ', st));
      // Each language name is read in its own language.
      runs.push(text(e.locale.nativeName, { ...st, node: structNode('Span', node, { lang: e.locale.code }) }));
    });
    flow.space(theme.sizes.small * 0.3);
    paragraph(flow, runs, band, st, { align: 'left' });
  }

  if (doc.meta.status === 'draft') noticeBox(band, root, ctx, (st) => [text(uiString(strings, 'draftNotice'), st)]);
  const behind = behindNotice(doc, strings);
  if (behind) {
    noticeBox(band, root, ctx, (st, node) => {
      // The original's name links to the source edition's PDF beside this one.
      const uri = pdfUri(editionHref(behind.sourceLocale, doc.slug, 'pdf'));
      const link: InlineState = { ...elementState(ctx, 'link', st), link: { target: { kind: 'uri', uri }, node: structNode('Link', node), label: behind.original } };
      return [text(behind.before, st), text(behind.original, link), text(behind.after, st)].filter((r) => r.kind !== 'text' || r.text !== '');
    });
  }

  // The accent rule that closes the title block (the HTML title block's border).
  flow.space(theme.spacing.paragraph);
  const heavy = theme.rules.heavy;
  flow.add({ height: heavy, items: [{ kind: 'line', x1: band.x, y1: heavy / 2, x2: band.x + band.width, y2: heavy / 2, color: theme.colors.accent, width: heavy }] });
  flow.space(theme.spacing.headingBefore);

  if (meta.summary) {
    const node = structNode('P', root);
    const st: InlineState = elementState(ctx, 'lead', bodyState(ctx, node));
    paragraph(flow, [text(meta.summary, st)], band, st, { align: 'justify' });
    flow.space(theme.spacing.headingBefore);
  }
  return top;
}

/**
 * Spreads the cover's free space: some above the title block (`top`), more between the
 * summary and the contents (`gap`), the rest at the foot, so the cover fills its page.
 * A cover longer than a page is left as it is.
 */
export function fillCover(units: Unit[], top: Unit, gap: Unit, contentHeight: number): void {
  const used = units.reduce((h, u, i) => h + u.height + (i === 0 ? 0 : u.spaceBefore), 0);
  const free = contentHeight - used;
  if (free <= 0) return;
  top.height = free * 0.3;
  gap.height = free * 0.45;
}

/** A notice on a tinted background across the band (draft, behind its source). */
function noticeBox(band: Band, root: StructNode, ctx: FrontContext, runs: (st: InlineState, node: StructNode) => InlineRun[]): void {
  const { flow } = ctx;
  const { theme } = ctx.inline;
  const node = structNode('P', root);
  const st: InlineState = { ...elementState(ctx, 'notice', bodyState(ctx, node)), background: undefined };
  const pad = theme.spacing.codePaddingX;
  flow.space(theme.spacing.paragraph);
  flow.framed({ kind: 'background', color: theme.colors[ELEMENT_STYLES.notice.background], x1: band.x, x2: band.x + band.width, padTop: 0, padBottom: 0 }, () => {
    paragraph(flow, runs(st, node), { x: band.x + pad, width: band.width - 2 * pad }, st, { align: 'left', padTop: pad * 0.7, padBottom: pad * 0.7 });
  });
}

/** Entries of the table of contents and the outline that the front and back matter add. */
/** The H2 that opens a part the writer adds (contents, resources): in the outline, spaced like the body's. */
function frontHeading(flow: Parameters<typeof paragraph>[0], band: Band, ctx: BlockContext, parent: StructNode, entry: OutlineEntry): void {
  const hs = headingState(ctx, 2, structNode('H2', parent));
  flow.space(ctx.inline.theme.spacing.headingBefore);
  paragraph(flow, [text(entry.title, hs)], band, hs, { align: 'left', keepAll: true, heading: entry, dest: entry.dest });
  flow.space(ctx.inline.theme.spacing.headingAfter);
}

export function contentsEntry(strings: UiStrings): OutlineEntry {
  return { title: uiString(strings, 'contents'), depth: 2, dest: 'contents' };
}

export function resourcesEntry(strings: UiStrings): OutlineEntry {
  return { title: uiString(strings, 'resources'), depth: 2, dest: destName('resources') };
}

/**
 * The table of contents: one linked entry per heading, indented by depth, with dot
 * leaders (artifacts) and page numbers filled in after pagination.
 */
export function tableOfContents(entries: OutlineEntry[], band: Band, root: StructNode, ctx: FrontContext): void {
  const { flow } = ctx;
  const { theme } = ctx.inline;
  const { fonts } = flow.env;
  if (entries.length === 0) return;
  const tocHeading = contentsEntry(ctx.strings);
  frontHeading(flow, band, ctx, root, tocHeading);

  const toc = structNode('TOC', root);
  const minDepth = Math.min(...entries.map((e) => e.depth));
  const numberWidth = fonts.width('body-regular', '0000', theme.sizes.body);
  // The structure nests as the bookmarks do: an entry's sub-entries are a TOC inside its TOCI.
  const open: Array<{ depth: number; item: StructNode; sub?: StructNode }> = [];
  for (const entry of entries) {
    while (open.length && open.at(-1)!.depth >= entry.depth) open.pop();
    const above = open.at(-1);
    const list = above ? (above.sub ??= structNode('TOC', above.item)) : toc;
    const item = structNode('TOCI', list);
    open.push({ depth: entry.depth, item });
    const link = structNode('Link', item);
    const st: InlineState = {
      ...bodyState(ctx, item),
      bold: entry.depth === minDepth,
      hyphenate: false,
      link: { target: { kind: 'dest', name: entry.dest }, node: link, label: entry.title },
    };
    const indent = (entry.depth - minDepth) * theme.spacing.listIndent;
    const inner: Band = { x: band.x + indent, width: band.width - indent - numberWidth };
    const units = paragraph(flow, [text(entry.title, st)], inner, st, { align: 'left' });
    const last = units.at(-1);
    if (!last) continue;
    const lastText = [...last.items].reverse().find((d) => d.kind === 'text');
    if (!lastText || lastText.kind !== 'text') continue;
    const numStyle = styleFor({ ...st, bold: false }, {});
    const right = band.x + band.width;
    const gap = theme.sizes.body * 0.5;
    // Dot leaders: round dots of a thin rule's weight, three weights apart.
    const dot = theme.rules.thin;
    const leaderStart = lastText.x + lastText.width + gap;
    const number: Drawable & { kind: 'text' } = { kind: 'text', x: right, y: lastText.y, text: '', width: 0, style: numStyle };
    const leader: Drawable & { kind: 'line' } = { kind: 'line', x1: leaderStart, y1: lastText.y, x2: leaderStart, y2: lastText.y, color: theme.colors.rule, width: dot, dash: [dot, dot * 3] };
    last.items.push(leader, number);
    // Page numbers are known after pagination; they sit in the reserved column, so
    // filling them in moves nothing.
    ctx.pageNumberFixups.push((pages) => {
      // The leading space separates title and number in extracted text.
      number.text = ` ${pages.get(entry.dest) ?? ''}`;
      number.width = fonts.width(numStyle.face, number.text, numStyle.size);
      number.x = right - number.width;
      leader.x2 = Math.max(leaderStart, number.x - gap);
    });
    flow.space(theme.sizes.body * 0.2);
  }
}

/** The resource appendix: heading, intro, then number, title, publisher and the full URL. */
export function resourceAppendix(band: Band, root: StructNode, ctx: FrontContext): void {
  const { flow, doc, strings } = ctx;
  const { theme } = ctx.inline;
  if (doc.resources.length === 0) return;
  const sect = structNode('Sect', root);
  const entry = resourcesEntry(strings);
  ctx.headings.push(entry);
  frontHeading(flow, band, ctx, sect, entry);

  const intro = structNode('P', sect);
  const introState: InlineState = elementState(ctx, 'appendix', bodyState(ctx, intro));
  const introUnits = paragraph(flow, [text(uiString(strings, 'resourcesIntro'), introState)], band, introState, { align: 'justify' });
  const lastIntro = introUnits.at(-1);
  if (lastIntro) lastIntro.keepWithNext = true;
  flow.space(theme.spacing.paragraph);

  const list = structNode('L', sect);
  const st: InlineState = elementState(ctx, 'appendix', bodyState(ctx, list));
  const items: LabelledItem[] = doc.resources.map((r) => {
    const item = structNode('LI', list);
    return {
      label: `${r.n}.`,
      item,
      labelNode: structNode('Lbl', item),
      body: structNode('LBody', item),
      dest: destName(r.id),
      children: (inner: Band, body: StructNode) => {
        const b: InlineState = { ...st, node: body };
        // A title in another language is a Span with its Lang (PDF/UA 7.2).
        const emphasis = elementState(ctx, 'emphasis', b);
        const title: InlineState = r.lang ? { ...emphasis, node: structNode('Span', body, { lang: r.lang }) } : emphasis;
        const first = paragraph(flow, [text(r.title, title), text(` — ${r.publisher}`, b)], inner, b, { align: 'left' });
        const titleEnd = first.at(-1);
        if (titleEnd) titleEnd.keepWithNext = true;
        const link = structNode('Link', body);
        const u: InlineState = {
          ...elementState(ctx, 'appendixUrl', b),
          rule: 'url',
          hyphenate: false,
          link: { target: { kind: 'uri', uri: pdfUri(r.url) }, node: link, label: r.url },
        };
        paragraph(flow, [text(r.url, u)], inner, u, { align: 'left' });
        flow.space(theme.spacing.paragraph * 0.6);
      },
    };
  });
  labelledItems(items, band, st, ctx, 0, theme.spacing.listIndent);
}
