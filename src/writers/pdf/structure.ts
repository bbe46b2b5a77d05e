/**
 * Binds the writer's logical structure nodes to pdfkit structure elements, lazily and
 * in drawing order, so the structure tree follows the reading order. A Link element
 * is made per page and ended with its page: pdfkit records a link annotation's page
 * (OBJR /Pg) when the element is flushed, which must happen while that page is current.
 */
import type { StructNode } from './types.js';

/** The parts of pdfkit's structure API the writer uses (0.20 has more than its typings say). */
export interface PdfStructElement {
  add(child: unknown): PdfStructElement;
  end(): void;
  /** The element's indirect object. */
  dictionary: { data: Record<string, unknown> };
}

export interface PdfStructDoc {
  struct(type: string, options?: Record<string, unknown>): PdfStructElement;
  addStructure(el: PdfStructElement): unknown;
  getStructTreeRoot(): { data: Record<string, unknown> };
}

export class StructureBinder {
  private readonly elements = new Map<StructNode, PdfStructElement>();
  private readonly links = new Map<StructNode, { page: number; el: PdfStructElement }>();
  private pageLinks: PdfStructElement[] = [];
  /** Elements with an ID, for the structure tree root's IDTree. */
  private readonly ids = new Map<string, PdfStructElement>();

  constructor(private readonly doc: PdfStructDoc) {}

  /** The element of `node` (created with its ancestors on first use). */
  element(node: StructNode, page: number, extra: Record<string, unknown> = {}): PdfStructElement {
    if (node.type === 'Link') {
      const hit = this.links.get(node);
      if (hit && hit.page === page) return hit.el;
      const el = this.create(node, page, extra);
      this.links.set(node, { page, el });
      this.pageLinks.push(el);
      return el;
    }
    return this.elements.get(node) ?? this.create(node, page, extra);
  }

  private create(node: StructNode, page: number, extra: Record<string, unknown>): PdfStructElement {
    const options: Record<string, unknown> = { ...extra };
    if (node.alt) options.alt = node.alt;
    if (node.lang) options.lang = node.lang;
    if (node.actual) options.actual = node.actual;
    if (node.scope) options.scope = node.scope;
    const el = this.doc.struct(node.type, options);
    if (node.id) {
      if (this.ids.has(node.id)) throw new Error(`structure element ID ${node.id} is used twice`);
      el.dictionary.data.ID = new String(node.id);
      this.ids.set(node.id, el);
    }
    if (node.type !== 'Link') this.elements.set(node, el);
    if (node.parent) this.element(node.parent, page).add(el);
    else this.doc.addStructure(el);
    return el;
  }

  /** Writes the IDTree (a name tree in byte order) that maps each ID to its element. */
  finish(): void {
    if (this.ids.size === 0) return;
    const names: unknown[] = [];
    for (const id of [...this.ids.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) names.push(new String(id), this.ids.get(id)!.dictionary);
    this.doc.getStructTreeRoot().data.IDTree = { Names: names };
  }

  /** Ends the Link elements of the page being finished. */
  endPage(): void {
    for (const el of this.pageLinks) el.end();
    this.pageLinks = [];
  }
}
