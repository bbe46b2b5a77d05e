/**
 * Block hast (paragraphs, headings, lists, quotes, code, figures, rules, footnotes,
 * tables) → units of the vertical list, each tied to its structure node.
 */
import type { Element, ElementContent, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { ImageAsset } from '../../model/types.js';
import { splitByFace } from './items.js';
import { imageSize } from './image-size.js';
import { inlineRuns, pointOf, styleFor, textOf, type InlineEnv, type InlineState } from './inline.js';
import { paragraph, type Band, type Flow } from './flow.js';
import { ELEMENT_STYLES, type ElementName } from '../../theme/element-styles.js';
import { applyStyle } from './element-state.js';
import { layoutTable } from './table.js';
import { structNode, type Drawable, type InlineRun, type OutlineEntry, type StructNode, type StructType, type Unit } from './types.js';
import { destName } from './uri.js';

export interface BlockContext {
  flow: Flow;
  inline: InlineEnv;
  images: Map<string, ImageAsset>;
  /** Headings met so far (outline and table of contents). */
  headings: OutlineEntry[];
  /** Set once nesting was flattened (one warning per document). */
  flattened?: boolean;
}

/**
 * The narrowest a nested text column may get: a third of the page's text width. Deeper
 * quotes, lists and definitions are laid out at the indent they have reached (flattened,
 * still marked by their bar or bullet) instead of running off the page.
 */
const MIN_COLUMN_SHARE = 1 / 3;

/** `band` indented by `indent`, or `band` itself once the column would get too narrow (warned once). */
export function nestedBand(band: Band, indent: number, ctx: BlockContext, el?: Element): Band {
  if (band.width - indent >= ctx.flow.env.geometry.contentWidth * MIN_COLUMN_SHARE) return { x: band.x + indent, width: band.width - indent };
  if (!ctx.flattened) {
    ctx.flattened = true;
    ctx.flow.env.warn('pdf/nesting-flattened', 'quotes or lists nested deeper than the page allows are not indented further in the PDF (their text is kept)', pointOf(el, {}));
  }
  return band;
}

const BLOCK_TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'table', 'hr', 'section', 'div',
  'dl', 'dt', 'dd', 'figure', 'figcaption', 'details', 'summary', 'header', 'footer', 'nav', 'aside', 'article', 'main',
]);

const isBlock = (n: ElementContent | RootContent): boolean => n.type === 'element' && BLOCK_TAGS.has(n.tagName);
const isBlank = (n: ElementContent | RootContent): boolean => n.type === 'comment' || (n.type === 'text' && n.value.trim() === '');

/** The body text state of a block context. */
export function bodyState(ctx: BlockContext, node: StructNode): InlineState {
  const { theme } = ctx.inline;
  const base: InlineState = {
    role: 'body',
    bold: false,
    italic: false,
    size: theme.sizes.body,
    color: theme.colors.text,
    rise: 0,
    strike: false,
    underline: false,
    node,
    rule: 'prose',
    hyphenate: ctx.inline.hyphenation,
  };
  return applyStyle(base, 'body', theme);
}

/** `base` as element `name` of the element-style table. */
export function elementState(ctx: BlockContext, name: ElementName, base: InlineState): InlineState {
  return applyStyle(base, name, ctx.inline.theme);
}

export interface BlockOptions {
  /** Inline content directly inside this container belongs to this node instead of a new P (list bodies). */
  inlineNode?: StructNode;
  /** List nesting depth (bullet shapes, spacing). */
  listDepth?: number;
}

/** Lays out a sequence of block (or stray inline) nodes. */
export function layoutBlocks(nodes: Array<ElementContent | RootContent>, band: Band, parent: StructNode, st: InlineState, ctx: BlockContext, options: BlockOptions = {}): void {
  let inline: ElementContent[] = [];
  const flushInline = () => {
    if (inline.some((n) => !isBlank(n))) paragraphBlock(inline, band, parent, st, ctx, options.inlineNode);
    inline = [];
  };
  for (const node of nodes) {
    if (node.type === 'element' && isBlock(node)) {
      flushInline();
      block(node, band, parent, st, ctx, options);
    } else if (node.type === 'element' || node.type === 'text') {
      inline.push(node as ElementContent);
    }
  }
  flushInline();
}

function block(el: Element, band: Band, parent: StructNode, st: InlineState, ctx: BlockContext, options: BlockOptions): void {
  const { flow } = ctx;
  const { theme } = ctx.inline;
  const tag = el.tagName;
  switch (tag) {
    case 'p':
      paragraphBlock(el.children, band, parent, st, ctx, undefined, el);
      return;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      heading(el, Number(tag[1]), band, parent, ctx);
      return;
    case 'ul':
    case 'ol':
      list(el, band, parent, st, ctx, options.listDepth ?? 0);
      return;
    case 'blockquote': {
      const node = structNode('BlockQuote', parent);
      const indent = theme.spacing.blockquoteIndent;
      const inner = nestedBand(band, indent, ctx, el);
      const draw = () => layoutBlocks(el.children, inner, node, elementState(ctx, 'quote', { ...st, node }), ctx);
      // Flattened: no bar of its own (it would be drawn over the parent's text).
      if (inner === band) draw();
      else flow.framed({ kind: 'bar', color: theme.colors.rule, x1: band.x, x2: band.x + theme.rules.quoteBar, padTop: 0, padBottom: 0 }, draw);
      flow.space(theme.spacing.paragraph);
      return;
    }
    case 'pre':
      codeBlock(el, band, parent, ctx);
      return;
    case 'table':
      layoutTable(el, band, parent, st, ctx);
      return;
    case 'hr':
      flow.space(theme.spacing.headingBefore);
      const w = theme.rules.thin;
      flow.add({ height: w, items: [{ kind: 'line', x1: band.x, y1: w / 2, x2: band.x + band.width, y2: w / 2, color: theme.colors.rule, width: w }] });
      flow.space(theme.spacing.headingBefore);
      return;
    case 'section':
      if (el.properties.dataFootnotes !== undefined) footnotes(el, band, parent, ctx);
      else layoutBlocks(el.children, band, structNode('Sect', parent), st, ctx);
      return;
    case 'dl':
      for (const child of el.children) {
        if (child.type !== 'element') continue;
        if (child.tagName === 'dt') paragraphBlock(child.children, band, parent, elementState(ctx, 'term', st), ctx);
        else if (child.tagName === 'dd') {
          layoutBlocks(child.children, nestedBand(band, theme.spacing.listIndent, ctx, child), parent, st, ctx);
        }
      }
      return;
    case 'li':
      layoutBlocks(el.children, band, parent, st, ctx);
      return;
    default:
      layoutBlocks(el.children, band, structNode('Div', parent), st, ctx);
  }
}

/** A paragraph; images inside it become figures between the text around them. */
function paragraphBlock(children: ElementContent[], band: Band, parent: StructNode, st: InlineState, ctx: BlockContext, ownNode?: StructNode, el?: Element): void {
  const { flow } = ctx;
  const { theme } = ctx.inline;
  let pending: ElementContent[] = [];
  const flushText = () => {
    if (pending.some((n) => !isBlank(n))) {
      const node = ownNode ?? structNode('P', parent);
      const runs = inlineRuns(trimEdges(pending), { ...st, node }, ctx.inline, pointOf(el, {}));
      paragraph(flow, runs, band, { ...st, node }, { align: 'justify' });
      flow.space(ownNode ? 0 : theme.spacing.paragraph);
    }
    pending = [];
  };
  for (const child of children) {
    if (child.type === 'element' && child.tagName === 'img') {
      flushText();
      figure(child, band, parent, ctx);
    } else pending.push(child);
  }
  flushText();
}

/** Drops white space at the start and end of a paragraph (HTML does not show it). */
function trimEdges(nodes: ElementContent[]): ElementContent[] {
  const out = [...nodes];
  while (out.length && isBlank(out[0]!)) out.shift();
  while (out.length && isBlank(out.at(-1)!)) out.pop();
  return out;
}

export function headingState(ctx: BlockContext, depth: number, node: StructNode): InlineState {
  const { theme } = ctx.inline;
  return { ...elementState(ctx, `h${Math.min(6, Math.max(1, depth))}` as ElementName, { ...bodyState(ctx, node), italic: false }), hyphenate: false };
}

function heading(el: Element, depth: number, band: Band, parent: StructNode, ctx: BlockContext): void {
  const { flow } = ctx;
  const { theme } = ctx.inline;
  const node = structNode(`H${depth}` as StructType, parent);
  const id = typeof el.properties.id === 'string' ? el.properties.id : '';
  const entry: OutlineEntry | undefined = id ? { title: textOf(el.children), depth, dest: destName(id) } : undefined;
  if (entry) ctx.headings.push(entry);
  const st = headingState(ctx, depth, node);
  flow.space(theme.spacing.headingBefore);
  paragraph(flow, inlineRuns(trimEdges(el.children), st, ctx.inline, pointOf(el, {})), band, st, { align: 'left', keepAll: true, heading: entry, dest: entry?.dest, balance: true, lineHeight: theme.headingLineHeight });
  flow.space(theme.spacing.headingAfter);
}

/** A text label drawn beside the first line of a list item or footnote (bullet, number, checkbox). */
function labelDrawables(ctx: BlockContext, text: string, st: InlineState, xRight: number, baseline: number): Drawable[] {
  const style = styleFor(st, {});
  const parts = splitByFace(text, style, { fonts: ctx.flow.env.fonts, onMissingGlyph: ctx.flow.env.missingGlyph });
  const widths = parts.map((p) => ctx.flow.env.fonts.width(p.style.face, p.text, p.style.size));
  let x = xRight - widths.reduce((a, b) => a + b, 0);
  return parts.map((p, i) => {
    const d: Drawable = { kind: 'text', x, y: baseline, text: p.text, width: widths[i]!, style: p.style };
    x += widths[i]!;
    return d;
  });
}

export function labelWidth(ctx: BlockContext, text: string, st: InlineState): number {
  const style = styleFor(st, {});
  return splitByFace(text, style, { fonts: ctx.flow.env.fonts, onMissingGlyph: () => {} }).reduce((w, p) => w + ctx.flow.env.fonts.width(p.style.face, p.text, p.style.size), 0);
}

export interface LabelledItem {
  label: string;
  /** The body: hast blocks, or a function laying it out in the given band. */
  children: ElementContent[] | ((band: Band, body: StructNode) => void);
  /** Structure nodes: the item, its label and its body. */
  item: StructNode;
  labelNode: StructNode;
  body: StructNode;
  dest?: string;
}

/**
 * Items with a hanging label (lists, footnotes, the resource appendix): the body is
 * indented, the label is right-aligned in the indent on the first line's baseline.
 */
export function labelledItems(items: LabelledItem[], band: Band, st: InlineState, ctx: BlockContext, depth: number, minIndent: number): void {
  const { flow } = ctx;
  const gap = st.size * 0.5;
  const indent = Math.max(minIndent, ...items.map((it) => labelWidth(ctx, it.label, st) + gap));
  const inner: Band = nestedBand(band, indent, ctx);
  for (const it of items) {
    const first = flow.units.length;
    if (typeof it.children === 'function') it.children(inner, it.body);
    else layoutBlocks(it.children, inner, it.body, { ...st, node: it.body }, ctx, { inlineNode: it.body, listDepth: depth + 1 });
    // An empty item still shows its label, on an empty line.
    const unit: Unit = flow.units[first] ?? flow.add({ height: st.size * flow.env.theme.lineHeight, items: [] });
    const firstText = unit.items.find((d) => d.kind === 'text');
    const { ascent, descent } = flow.env.fonts.metrics(styleFor(st, {}).face);
    const emptyBaseline = (st.size * flow.env.theme.lineHeight - (ascent + descent) * st.size) / 2 + ascent * st.size;
    const baseline = firstText && firstText.kind === 'text' ? firstText.y : emptyBaseline;
    // The label is drawn (and read) before the body.
    unit.items.unshift(...labelDrawables(ctx, it.label, { ...st, node: it.labelNode }, inner.x - gap, baseline));
    if (it.dest) unit.items.unshift({ kind: 'dest', x: band.x, y: 0, name: it.dest });
  }
}

const BULLETS = ['•', '◦', '▪'];

function list(el: Element, band: Band, parent: StructNode, st: InlineState, ctx: BlockContext, depth: number): void {
  const { theme } = ctx.inline;
  const node = structNode('L', parent);
  const ordered = el.tagName === 'ol';
  const start = Number(el.properties.start ?? 1);
  const lis = el.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li');
  const items: LabelledItem[] = lis.map((li, i) => {
    const item = structNode('LI', node);
    let label = ordered ? `${(Number.isFinite(start) ? start : 1) + i}.` : BULLETS[depth % BULLETS.length]!;
    let children = li.children;
    // GFM task items: the checkbox is the label.
    const box = findCheckbox(li);
    if (box) {
      label = box.properties.checked ? '☑' : '☐';
      children = removeNode(li.children, box);
    }
    return { label, children, item, labelNode: structNode('Lbl', item), body: structNode('LBody', item) };
  });
  labelledItems(items, band, st, ctx, depth, theme.spacing.listIndent);
  if (depth === 0) ctx.flow.space(theme.spacing.paragraph);
}

/** The task-list checkbox of an item: directly in it, or in its first paragraph or label. */
function findCheckbox(el: Element, depth = 0): Element | undefined {
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === 'input' && c.properties.type === 'checkbox') return c;
    if (depth < 2 && (c.tagName === 'p' || c.tagName === 'label')) {
      const inner = findCheckbox(c, depth + 1);
      if (inner) return inner;
    }
  }
  return undefined;
}

function removeNode(children: ElementContent[], target: Element): ElementContent[] {
  return children
    .filter((c) => c !== target)
    .map((c) => (c.type === 'element' ? { ...c, children: removeNode(c.children, target) } : c));
}

function codeBlock(el: Element, band: Band, parent: StructNode, ctx: BlockContext): void {
  const { flow } = ctx;
  const { theme } = ctx.inline;
  const node = structNode('Code', parent);
  const st: InlineState = { ...elementState(ctx, 'codeBlock', bodyState(ctx, node)), background: undefined, rule: 'code', hyphenate: false };
  const size = st.size;
  const text = toString(el).replace(/\n$/, '');
  const padY = theme.spacing.codePaddingY;
  const padX = theme.spacing.codePaddingX;
  const inner: Band = { x: band.x + padX, width: band.width - 2 * padX };
  const hanging = ctx.flow.env.fonts.width('mono-regular', '  ', size);
  const lines = text.split('\n').map((l) => expandTabs(l));
  const at = pointOf(el, {});
  const units: Unit[] = [];
  flow.framed({ kind: 'background', color: theme.colors[ELEMENT_STYLES.codeBlock.background], x1: band.x, x2: band.x + band.width, padTop: 0, padBottom: 0 }, () => {
    lines.forEach((line, i) => {
      const padTop = i === 0 ? padY : 0;
      const padBottom = i === lines.length - 1 ? padY : 0;
      const lineAt = at.line ? { line: at.line + 1 + i, column: 1 } : at;
      if (line.trim() === '') {
        units.push(flow.add({ height: size * theme.lineHeight + padTop + padBottom, items: [] }));
        return;
      }
      const runs: InlineRun[] = [{ kind: 'text', text: line, style: styleFor(st, lineAt) }];
      // A space ends each source line in the text stream, so extracted text keeps the lines apart.
      units.push(...paragraph(flow, runs, inner, st, { align: 'left', hangingIndent: hanging, padTop, padBottom, endSeparator: i < lines.length - 1 }));
    });
  });
  // Never leave a single line of code alone at the bottom or the top of a page.
  if (units.length > 1) {
    units[0]!.keepWithNext = true;
    units[units.length - 2]!.keepWithNext = true;
  }
  flow.space(theme.spacing.paragraph);
}

function expandTabs(line: string): string {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(4 - (out.length % 4)) : ch;
  return out;
}

function figure(img: Element, band: Band, parent: StructNode, ctx: BlockContext): void {
  const { flow } = ctx;
  const { theme } = ctx.inline;
  const src = String(img.properties.src ?? '');
  const asset = ctx.images.get(src);
  const at = pointOf(img, {});
  if (!asset) return;
  const px = imageSize(asset.bytes);
  if (!px) {
    flow.env.warn('pdf/image-size', `cannot read the size of image ${asset.contentPath}; it is left out of the PDF`, at);
    return;
  }
  // An empty alt marks a decorative image (an artifact). No alt at all (the model warns
  // about it with its line) leaves a Figure without a description: checkers report it.
  const described = img.properties.alt !== undefined && img.properties.alt !== null;
  const alt = String(img.properties.alt ?? '').trim();
  // CSS pixels are 0.75 pt; scale down to the text width and to most of a page.
  let w = px.width * 0.75;
  let h = px.height * 0.75;
  const scale = Math.min(1, band.width / w, (flow.env.geometry.contentHeight * 0.6) / h);
  w *= scale;
  h *= scale;
  const node = structNode('Figure', parent, { alt: alt || undefined });
  flow.space(theme.spacing.paragraph);
  const imageUnit = flow.add({
    height: h,
    items: [{ kind: 'image', x: band.x + (band.width - w) / 2, y: 0, w, h, bytes: asset.bytes, node, decorative: described && !alt }],
  });
  if (alt) {
    // The visible caption is the alt text, inside the Figure so it is read once.
    imageUnit.keepWithNext = true;
    flow.space(theme.spacing.paragraph * 0.5);
    const capNode = structNode('Caption', node);
    const st: InlineState = { ...elementState(ctx, 'caption', bodyState(ctx, capNode)), hyphenate: false };
    paragraph(flow, [{ kind: 'text', text: alt, style: styleFor(st, at) }], band, st, { align: 'center' });
  }
  flow.space(theme.spacing.paragraph);
}

/** GFM footnotes: a rule, the "Notes" heading, then one Note per footnote with its number. */
function footnotes(section: Element, band: Band, parent: StructNode, ctx: BlockContext): void {
  const { flow } = ctx;
  const { theme } = ctx.inline;
  const sect = structNode('Sect', parent);
  flow.space(theme.spacing.headingBefore);
  for (const child of section.children) {
    if (child.type !== 'element') continue;
    if (/^h[1-6]$/.test(child.tagName)) {
      heading(child, Number(child.tagName[1]), band, sect, ctx);
    } else if (child.tagName === 'ol') {
      const st: InlineState = elementState(ctx, 'footnote', bodyState(ctx, sect));
      const lis = child.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li');
      const items: LabelledItem[] = lis.map((li, i) => {
        const id = typeof li.properties.id === 'string' ? li.properties.id : '';
        // PDF/UA: every Note has an ID unique in the document (the footnote's own id).
        const note = structNode('Note', sect, { id: id || `note-${i + 1}` });
        return { label: `${i + 1}.`, children: li.children, item: note, labelNode: note, body: note, dest: id ? destName(id) : undefined };
      });
      labelledItems(items, band, st, ctx, 0, theme.spacing.listIndent);
    }
  }
  flow.space(theme.spacing.paragraph);
}
