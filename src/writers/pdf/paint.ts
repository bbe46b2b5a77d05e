/**
 * Draws laid-out pages with pdfkit. Per page: page furniture and backgrounds (as
 * artifacts), then the content in reading order, each run of text or image inside a
 * marked-content sequence of its structure element, then rules and text decorations
 * (artifacts), link annotations and named destinations. Every text box drawn is
 * recorded, so tests can check that nothing leaves the text area.
 */
import { uiString } from '../../content/locales.js';
import type { UiStrings } from '../../model/types.js';
import type { Theme } from '../../theme/theme.js';
import { faceKey, type FaceKey, type FontSet } from './fonts.js';
import { ELEMENT_STYLES } from '../../theme/element-styles.js';
import { splitByFace } from './items.js';
import type { PageGeometry } from './page-geometry.js';
import { visualPieces, type Direction } from './bidi.js';
import { StructureBinder, type PdfStructDoc } from './structure.js';
import { drawTextRun } from './text-operators.js';
import type { Drawable, InlineLink, Page, RunStyle, StructNode } from './types.js';

/** What pdfkit offers beyond its typings (0.20): marked content and annotations with structure. */
export interface PdfDoc extends PdfStructDoc {
  page: { width: number; height: number };
  registerFont(name: string, src: unknown): unknown;
  addPage(options?: Record<string, unknown>): unknown;
  font(name: string): PdfDoc;
  fontSize(size: number): PdfDoc;
  fillColor(color: string): PdfDoc;
  strokeColor(color: string): PdfDoc;
  lineWidth(w: number): PdfDoc;
  dash(length: number, options?: { space: number }): PdfDoc;
  undash(): PdfDoc;
  moveTo(x: number, y: number): PdfDoc;
  lineTo(x: number, y: number): PdfDoc;
  stroke(): PdfDoc;
  rect(x: number, y: number, w: number, h: number): PdfDoc;
  fill(color?: string): PdfDoc;
  text(text: string, x: number, y: number, options?: Record<string, unknown>): PdfDoc;
  image(src: Buffer, x: number, y: number, options?: Record<string, unknown>): PdfDoc;
  markContent(tag: string, options?: Record<string, unknown>): PdfDoc;
  addContent(operators: string): PdfDoc;
  markStructureContent(tag: string, options?: Record<string, unknown>): unknown;
  endMarkedContent(): PdfDoc;
  link(x: number, y: number, w: number, h: number, url: string, options?: Record<string, unknown>): PdfDoc;
  goTo(x: number, y: number, w: number, h: number, name: string, options?: Record<string, unknown>): PdfDoc;
  addNamedDestination(name: string, fit: string, left: number | null, top: number | null, zoom: number | null): void;
}

/** A text box as drawn (top-down page coordinates), for layout checks. */
export interface TextBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
}

export interface PaintResult {
  /** Page (1-based) of every named destination. */
  destPages: Map<string, number>;
  boxes: TextBox[];
}

export interface PaintEnv {
  doc: PdfDoc;
  fonts: FontSet;
  theme: Theme;
  geometry: PageGeometry;
  strings: UiStrings;
  /** Running header text (the briefing title). */
  title: string;
  /** Edition direction: an RTL running header sits at the right margin. */
  direction: Direction;
  /** Record every text box (layout checks); a plain render does not keep them. */
  recordBoxes?: boolean;
}

class Painter {
  private font = '';
  private readonly registered = new Set<FaceKey>();
  private size = 0;
  private fill = '';
  private open?: { node: StructNode; content: unknown };
  readonly boxes: TextBox[] = [];
  readonly destPages = new Map<string, number>();
  private readonly structure: StructureBinder;
  private pageIndex = 0;

  constructor(private readonly env: PaintEnv) {
    this.structure = new StructureBinder(env.doc);
  }

  private setFont(face: FaceKey, size: number, color: string): void {
    const { doc } = this.env;
    // Faces are registered on first use, so unused ones are never even loaded.
    if (!this.registered.has(face)) {
      doc.registerFont(face, this.env.fonts.pdfkitFont(face));
      this.registered.add(face);
    }
    if (face !== this.font) doc.font(face);
    if (size !== this.size) doc.fontSize(size);
    if (color !== this.fill) doc.fillColor(color);
    this.font = face;
    this.size = size;
    this.fill = color;
  }

  /** Opens (or continues) the marked content of `node`. */
  private mark(node: StructNode, extra: Record<string, unknown> = {}): void {
    if (this.open?.node === node) return;
    this.close();
    // Creates the element (and its ancestors) now, so the tree follows the reading order.
    this.structure.element(node, this.pageIndex, extra);
    const content = this.env.doc.markStructureContent(node.type);
    this.open = { node, content };
  }

  private close(): void {
    if (!this.open) return;
    this.env.doc.endMarkedContent();
    this.structure.element(this.open.node, this.pageIndex).add(this.open.content);
    this.open = undefined;
  }

  private artifact(type: string, draw: () => void, attached?: string[]): void {
    this.close();
    this.env.doc.markContent('Artifact', attached ? { type, attached } : { type });
    draw();
    this.env.doc.endMarkedContent();
    // Backgrounds and rules change the fill and stroke colours: forget the cached state.
    this.font = '';
    this.size = 0;
    this.fill = '';
  }

  /**
   * A Span marked-content sequence whose ActualText replaces what `draw` shows (nested
   * in the structure element's sequence). Written directly: pdfkit's markContent drops
   * an empty ActualText, which is what the rest of a hyphenated word needs.
   */
  private withActualText(actual: string, draw: () => void): void {
    this.env.doc.addContent(`/Span <</ActualText ${pdfTextString(actual)}>> BDC`);
    draw();
    this.env.doc.addContent('EMC');
  }

  private drawText(text: string, style: RunStyle, x: number, baseline: number): void {
    this.setFont(style.face, style.size, style.color);
    // The same operators as doc.text, written directly (text-operators.ts: most of the time
    // of painting a large document went to pdfkit's per-call work).
    if (!drawTextRun(this.env.doc, text, x, baseline - style.rise)) {
      this.env.doc.text(text, x, baseline - style.rise, { lineBreak: false, baseline: 'alphabetic' });
    }
  }

  /** Text that may need other faces (furniture), in bidi order, split by glyph coverage. */
  private drawPlain(text: string, style: RunStyle, x: number, baseline: number): number {
    const { fonts } = this.env;
    for (const piece of visualPieces(text, this.env.direction)) {
      for (const part of splitByFace(piece.text, style, { fonts, onMissingGlyph: () => {} })) {
        this.drawText(part.text, part.style, x, baseline);
        x += fonts.width(part.style.face, part.text, part.style.size);
      }
    }
    return x;
  }

  private fits(text: string, style: RunStyle, width: number): string {
    const w = (t: string) => this.env.fonts.width(style.face, t, style.size);
    if (w(text) <= width) return text;
    let cut = text;
    while (cut.length > 1 && w(`${cut}…`) > width) cut = cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : cut.length - 1).trimEnd();
    return `${cut}…`;
  }

  private furniture(n: number, total: number): void {
    const { geometry: g, theme } = this.env;
    // Small muted heading type; artifacts belong to no structure element.
    const row = ELEMENT_STYLES.furniture;
    const furniture: RunStyle = {
      face: faceKey(row.role, false, false),
      size: theme.sizes[row.size],
      color: theme.colors[row.color],
      rise: 0,
      strike: false,
      underline: false,
      node: { type: 'Document' },
      rule: 'prose',
      hyphenate: false,
      at: {},
    };
    const headerBase = g.margins.top * 0.55;
    const footerBase = g.height - g.margins.bottom * 0.45;
    this.artifact('Pagination', () => {
      const title = this.fits(this.env.title, furniture, g.contentWidth);
      const x = this.env.direction === 'rtl' ? g.right - this.env.fonts.width(furniture.face, title, furniture.size) : g.left;
      this.drawPlain(title, furniture, x, headerBase);
      this.rule(g.left, headerBase + furniture.size * 0.6, g.right, headerBase + furniture.size * 0.6, theme.colors.rule, theme.rules.hair);
    }, ['Top']);
    this.artifact('Pagination', () => {
      const label = uiString(this.env.strings, 'pageOf', { n, total });
      const w = this.env.fonts.width(furniture.face, label, furniture.size);
      this.drawPlain(label, furniture, g.left + (g.contentWidth - w) / 2, footerBase);
    }, ['Bottom']);
  }

  private rule(x1: number, y1: number, x2: number, y2: number, color: string, width: number, dash?: [number, number]): void {
    const { doc } = this.env;
    doc.lineWidth(width).strokeColor(color);
    if (dash) doc.dash(dash[0], { space: dash[1] });
    doc.moveTo(x1, y1).lineTo(x2, y2).stroke();
    if (dash) doc.undash();
  }

  finish(): void {
    this.structure.finish();
  }

  paintPage(page: Page, index: number, total: number): void {
    const { doc } = this.env;
    doc.addPage();
    this.pageIndex = index;
    this.font = '';
    this.size = 0;
    this.fill = '';
    if (!page.cover) this.furniture(index + 1, total);

    // 1. Backgrounds: frames, table header cells, inline code.
    const backgrounds: Array<() => void> = [];
    const frames = new Map<number, { frame: Page['units'][number]['unit']['frames'][number]; top: number; bottom: number }>();
    for (const { unit, y } of page.units) {
      for (const f of unit.frames) {
        const hit = frames.get(f.id);
        if (hit) hit.bottom = y + unit.height;
        else frames.set(f.id, { frame: f, top: y, bottom: y + unit.height });
      }
      for (const d of unit.items) {
        if (d.kind === 'rect') backgrounds.push(() => doc.rect(d.x, y + d.y, d.w, d.h).fill(d.fill));
        if (d.kind === 'text' && d.style.background && d.text.trim()) {
          const s = d.style;
          const pad = s.size * 0.15;
          const w = this.env.fonts.width(s.face, d.text.trimEnd(), s.size);
          backgrounds.push(() => doc.rect(d.x - pad, y + d.y - s.size * 0.85, w + 2 * pad, s.size * 1.1).fill(s.background!));
        }
      }
    }
    for (const { frame, top, bottom } of frames.values()) {
      if (frame.kind === 'background') backgrounds.unshift(() => doc.rect(frame.x1, top - frame.padTop, frame.x2 - frame.x1, bottom - top + frame.padTop + frame.padBottom).fill(frame.color));
      else backgrounds.push(() => doc.rect(frame.x1, top, frame.x2 - frame.x1, bottom - top).fill(frame.color));
    }
    if (backgrounds.length) this.artifact('Layout', () => backgrounds.forEach((b) => b()));

    // 2. Content in reading order; repeated table headers are artifacts.
    const decorations: Array<() => void> = [];
    const links = new Map<InlineLink, Array<{ x: number; y: number; w: number; h: number }>>();
    for (const { unit, y, artifact } of page.units) {
      for (const d of unit.items) {
        this.content(d, y, artifact === true, decorations, links);
      }
    }
    this.close();

    // 3. Rules, leaders, strike-through and underlines.
    if (decorations.length) this.artifact('Layout', () => decorations.forEach((f) => f()));

    // 4. Link annotations (one per line of a link), inside the link's structure element.
    for (const [link, rects] of links) {
      const el = this.structure.element(link.node, this.pageIndex);
      for (const r of mergeRects(rects)) {
        const options = { structParent: el, Contents: new String(link.label) };
        if (link.target.kind === 'uri') doc.link(r.x, r.y, r.w, r.h, link.target.uri, options);
        else doc.goTo(r.x, r.y, r.w, r.h, link.target.name, options);
      }
    }
    this.structure.endPage();
  }

  private content(
    d: Drawable,
    unitY: number,
    artifact: boolean,
    decorations: Array<() => void>,
    links: Map<InlineLink, Array<{ x: number; y: number; w: number; h: number }>>,
  ): void {
    const { doc } = this.env;
    switch (d.kind) {
      case 'text': {
        const s = d.style;
        const baseline = unitY + d.y;
        if (artifact) this.artifact('Pagination', () => this.drawText(d.text, s, d.x, baseline));
        else {
          this.mark(s.node);
          // Fallback faces may draw glyphs out of text order (Indic vowel signs): fonts.actualText.
          const actual = d.actual ?? this.env.fonts.actualText(s.face, d.text);
          if (actual === undefined) this.drawText(d.text, s, d.x, baseline);
          else this.withActualText(actual, () => this.drawText(d.text, s, d.x, baseline));
        }
        const { ascent, descent } = this.env.fonts.metrics(s.face);
        const top = baseline - s.rise - ascent * s.size;
        const visible = this.env.recordBoxes === false ? '' : d.text.trimEnd();
        if (visible) this.boxes.push({ page: this.pageIndex + 1, x: d.x, y: top, width: d.width, height: (ascent + descent) * s.size, text: visible });
        if (s.anchor) this.dest(s.anchor, d.x, top);
        if (s.strike) decorations.push(() => this.rule(d.x, baseline - s.size * 0.3, d.x + d.width, baseline - s.size * 0.3, s.color, s.size * 0.06));
        if (s.underline) decorations.push(() => this.rule(d.x, baseline + s.size * 0.12, d.x + d.width, baseline + s.size * 0.12, s.color, s.size * 0.06));
        if (s.link && !artifact) {
          const list = links.get(s.link) ?? [];
          list.push({ x: d.x, y: top, w: d.width, h: (ascent + descent) * s.size });
          links.set(s.link, list);
        }
        return;
      }
      case 'image': {
        const y = unitY + d.y;
        const buffer = Buffer.from(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength);
        if (d.decorative) {
          this.artifact('Layout', () => doc.image(buffer, d.x, y, { width: d.w, height: d.h }));
          return;
        }
        this.mark(d.node, { bbox: [d.x, y, d.x + d.w, y + d.h] });
        doc.image(buffer, d.x, y, { width: d.w, height: d.h });
        return;
      }
      case 'line':
        decorations.push(() => this.rule(d.x1, unitY + d.y1, d.x2, unitY + d.y2, d.color, d.width, d.dash));
        return;
      case 'dest':
        this.dest(d.name, d.x, unitY + d.y);
        return;
      case 'artifact-text':
        this.artifact('Pagination', () => this.drawText(d.text, d.style, d.x, unitY + d.y));
        return;
      case 'rect':
        return; // drawn with the backgrounds
    }
  }

  private dest(name: string, x: number, y: number): void {
    if (this.destPages.has(name)) return;
    this.destPages.set(name, this.pageIndex + 1);
    this.env.doc.addNamedDestination(name, 'XYZ', x, Math.max(0, y - 4), null);
  }
}

/** A PDF text string in UTF-16BE with its byte order mark, as hex (no escaping needed). */
export function pdfTextString(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** Joins the rectangles of one link that sit on the same line. */
function mergeRects(rects: Array<{ x: number; y: number; w: number; h: number }>): Array<{ x: number; y: number; w: number; h: number }> {
  const out: Array<{ x: number; y: number; w: number; h: number }> = [];
  for (const r of rects) {
    const last = out.at(-1);
    if (last && Math.abs(last.y - r.y) < 0.5 * r.h && r.x >= last.x) {
      const right = Math.max(last.x + last.w, r.x + r.w);
      last.w = right - last.x;
    } else out.push({ ...r });
  }
  return out;
}

export function paint(pages: Page[], env: PaintEnv): PaintResult {
  const painter = new Painter(env);
  pages.forEach((p, i) => painter.paintPage(p, i, pages.length));
  painter.finish();
  return { destPages: painter.destPages, boxes: painter.boxes };
}
