/**
 * Creating the pdfkit document, and the two places where pdfkit 0.20 has to be
 * corrected from outside (both checked, so an upgrade that changes them fails loudly):
 *
 * - XMP: pdfkit pastes info strings into the XML unescaped; `_addInfo` is replaced by
 *   one that writes the escaped packet of metadata.ts.
 * - Named destinations: pdfkit sorts the name tree with `localeCompare`, which depends
 *   on the machine's locale; PDF wants byte order. The tree's comparison is replaced.
 */
import PDFDocument from 'pdfkit';
import type { BriefingDocument } from '../../model/types.js';
import { pdfInfo, xmpDescriptions, type MetadataInternals } from './metadata.js';
import type { PageGeometry } from './page-geometry.js';
import type { PdfDoc } from './paint.js';

interface Internals extends MetadataInternals {
  _root: { data: { Names: { data: { Dests: { _compareKeys?: (a: string, b: string) => number } } } } };
  outline: PdfOutline;
  on(event: 'data', cb: (chunk: Uint8Array) => void): void;
  on(event: 'end' | 'error', cb: (err?: Error) => void): void;
  end(): void;
}

export interface PdfOutline {
  addItem(title: string, options?: Record<string, unknown>): PdfOutline;
  outlineData: Record<string, unknown>;
}

export type PdfDocument = PdfDoc & Internals;

export function createPdf(doc: BriefingDocument, geometry: PageGeometry): PdfDocument {
  const info = pdfInfo(doc);
  const Ctor = PDFDocument as unknown as new (options: Record<string, unknown>) => PdfDocument;
  const pdf = new Ctor({
    size: geometry.size,
    margins: geometry.margins,
    autoFirstPage: false,
    pdfVersion: '1.7',
    tagged: true,
    lang: doc.locale.code,
    displayTitle: true,
    compress: true,
    info,
  });
  if (typeof pdf._addInfo !== 'function' || typeof pdf.appendXML !== 'function') throw new Error('pdfkit: _addInfo/appendXML not found (pdfkit upgraded?)');
  const xmp = xmpDescriptions(doc, info);
  pdf._addInfo = () => pdf.appendXML(xmp);
  const dests = pdf._root?.data?.Names?.data?.Dests;
  if (!dests || typeof dests._compareKeys !== 'function') throw new Error('pdfkit: name tree of destinations not found (pdfkit upgraded?)');
  dests._compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return pdf;
}

/** Ends the document and collects its bytes. */
export function finish(pdf: PdfDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    pdf.on('data', (c: Uint8Array) => chunks.push(c));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', (err?: Error) => reject(err));
    pdf.end();
  });
}
