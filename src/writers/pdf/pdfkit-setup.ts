/**
 * Creating the pdfkit document, and the places where pdfkit 0.20 has to be
 * corrected from outside (all checked, so an upgrade that changes them fails loudly):
 *
 * - XMP: pdfkit pastes info strings into the XML unescaped; `_addInfo` is replaced by
 *   one that writes the escaped packet of metadata.ts.
 * - Named destinations: pdfkit sorts the name tree with `localeCompare`, which depends
 *   on the machine's locale; PDF wants byte order. The tree's comparison is replaced.
 * - Output: pdfkit sends every piece of an object (~5 per object, a 750-page tagged PDF
 *   has 48,000 objects) through its Readable stream, each string turned into bytes by a
 *   loop of its own; that cost more than the objects. `_write` is replaced by one that
 *   keeps the pieces (strings joined until bytes come), with the same byte offsets.
 */
import PDFDocument from 'pdfkit';
import type { BriefingDocument } from '../../model/types.js';
import { pdfInfo, xmpDescriptions, type MetadataInternals } from './metadata.js';
import type { PageGeometry } from './page-geometry.js';
import type { PdfDoc } from './paint.js';

interface Internals extends MetadataInternals {
  _write(data: string | Uint8Array): void;
  _offset: number;
  read(): Buffer | null;
  resume(): void;
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
    // No default font: pdfkit would parse Helvetica's AFM metrics for every document (~1 ms),
    // and every face drawn is the theme's (set before any text).
    font: null,
  });
  if (typeof pdf._addInfo !== 'function' || typeof pdf.appendXML !== 'function') throw new Error('pdfkit: _addInfo/appendXML not found (pdfkit upgraded?)');
  const xmp = xmpDescriptions(doc, info);
  pdf._addInfo = () => pdf.appendXML(xmp);
  const dests = pdf._root?.data?.Names?.data?.Dests;
  if (!dests || typeof dests._compareKeys !== 'function') throw new Error('pdfkit: name tree of destinations not found (pdfkit upgraded?)');
  dests._compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  outputs.set(pdf, collectOutput(pdf));
  return pdf;
}

const outputs = new WeakMap<PdfDocument, () => Uint8Array>();

/** Replaces the stream output by a list of pieces; returns what reads them out at the end. */
function collectOutput(pdf: PdfDocument): () => Uint8Array {
  if (typeof pdf._write !== 'function' || typeof pdf._offset !== 'number' || typeof pdf.read !== 'function') throw new Error('pdfkit: _write/_offset not found (pdfkit upgraded?)');
  const pieces: Uint8Array[] = [];
  // What the constructor wrote (the header) is waiting in the stream.
  const head = pdf.read();
  if (head) pieces.push(head);
  let text = '';
  pdf._write = (data: string | Uint8Array) => {
    if (data instanceof Uint8Array) {
      if (text) pieces.push(Buffer.from(text, 'latin1'));
      text = '';
      pieces.push(data);
      pdf._offset += data.length;
    } else {
      // As pdfkit writes a string: one byte per character (low byte), then a line end.
      const line = `${data}\n`;
      text += line;
      pdf._offset += line.length;
    }
  };
  return () => {
    if (text) pieces.push(Buffer.from(text, 'latin1'));
    text = '';
    return new Uint8Array(Buffer.concat(pieces));
  };
}

/** Ends the document and collects its bytes. */
export function finish(pdf: PdfDocument): Promise<Uint8Array> {
  const output = outputs.get(pdf);
  if (!output) throw new Error('finish: not a document of createPdf');
  return new Promise((resolve, reject) => {
    // The stream carries nothing now; it still ends when pdfkit has written the trailer.
    pdf.on('end', () => resolve(output()));
    pdf.on('error', (err?: Error) => reject(err));
    pdf.resume();
    pdf.end();
  });
}
