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
 * - Compression: pdfkit deflates each stream on the thread that draws (a tenth of a long
 *   PDF's time). A stream's object is set aside, deflated on libuv's pool when large and
 *   at once when small (`../deflate.ts`); when the document ends, pdfkit writes those
 *   objects, and the cross-reference table is written again with their sizes. Same zlib,
 *   same settings: the same bytes.
 */
import PDFDocument from 'pdfkit';
import type { BriefingDocument } from '../../model/types.js';
import { deflateBytes } from '../deflate.js';
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

const outputs = new WeakMap<PdfDocument, () => Promise<Uint8Array>>();

/** pdfkit 0.20's PDFReference, as far as deferring its compression needs it. */
interface PdfRef {
  id: number;
  offset: number;
  compress: boolean;
  buffer: Uint8Array[];
  finalize(): void;
}

interface OutputInternals {
  ref(data?: unknown): PdfRef;
  _refEnd(ref: PdfRef): void;
  _finalize(): void;
  _offsets: number[];
  push(chunk: unknown): boolean;
}


/**
 * Replaces the stream output by a list of pieces; returns what reads them out at the end.
 * Streams are compressed on libuv's pool while the document goes on (deferred below):
 * offsets are counted without them, and shifted by their sizes once they are known.
 */
function collectOutput(pdf: PdfDocument): () => Promise<Uint8Array> {
  const doc = pdf as unknown as OutputInternals;
  for (const name of ['ref', '_refEnd', '_finalize', 'push'] as const) if (typeof doc[name] !== 'function') throw new Error(`pdfkit: ${name} not found (pdfkit upgraded?)`);
  if (typeof pdf._write !== 'function' || typeof pdf._offset !== 'number' || typeof pdf.read !== 'function' || !Array.isArray(doc._offsets)) throw new Error('pdfkit: _write/_offset not found (pdfkit upgraded?)');
  type Deferred = { ref: PdfRef; compressed: Promise<Buffer>; finalize: () => void };
  const pieces: Array<Uint8Array | Deferred> = [];
  // What the constructor wrote (the header) is waiting in the stream.
  const head = pdf.read();
  if (head) pieces.push(head);
  let text = '';
  const flush = () => {
    if (text) pieces.push(Buffer.from(text, 'latin1'));
    text = '';
  };
  pdf._write = (data: string | Uint8Array) => {
    if (data instanceof Uint8Array) {
      flush();
      pieces.push(data);
      pdf._offset += data.length;
    } else {
      // As pdfkit writes a string: one byte per character (low byte), then a line end.
      const line = `${data}\n`;
      text += line;
      pdf._offset += line.length;
    }
  };

  // Deferred objects before each object (by id): its offset moves by their sizes.
  const deferredBefore = new Map<number, number>();
  let deferredCount = 0;
  const refEnd = doc._refEnd.bind(doc);
  doc._refEnd = (ref) => {
    if (!deferredBefore.has(ref.id)) deferredBefore.set(ref.id, deferredCount);
    refEnd(ref);
  };
  const makeRef = doc.ref.bind(doc);
  doc.ref = (data) => {
    const ref = makeRef(data);
    const finalize = ref.finalize.bind(ref);
    ref.finalize = () => {
      if (!ref.compress || !ref.buffer.length) return finalize();
      const raw = Buffer.concat(ref.buffer);
      ref.buffer = [];
      ref.offset = pdf._offset; // written later, in place of this piece
      flush();
      pieces.push({ ref, compressed: deflateBytes(raw), finalize }); // small at once, large on the pool (deflate.ts)
      deferredBefore.set(ref.id, deferredCount++);
      doc._refEnd(ref);
    };
    return ref;
  };

  // The trailer pdfkit writes, kept; the cross-reference table is written again at the end.
  let trailer: string[] = [];
  let xrefAt = 0;
  const finalizeDocument = doc._finalize.bind(doc);
  doc._finalize = () => {
    flush();
    xrefAt = pdf._offset;
    const lines: string[] = [];
    const write = pdf._write;
    const push = doc.push;
    pdf._write = (d: string | Uint8Array) => void lines.push(String(d));
    doc.push = () => true;
    finalizeDocument();
    pdf._write = write;
    doc.push = push;
    trailer = lines.slice(lines.indexOf('trailer'), lines.indexOf('startxref'));
    doc.push(null);
  };

  return async () => {
    flush();
    const out: Uint8Array[] = [];
    const shift = [0]; // bytes of the first k deferred objects
    for (const piece of pieces) {
      if (piece instanceof Uint8Array) {
        out.push(piece);
        continue;
      }
      // pdfkit writes the object itself, its stream already compressed.
      const { ref, finalize } = piece;
      ref.buffer = [await piece.compressed];
      ref.compress = false;
      const parts: Uint8Array[] = [];
      const write = pdf._write;
      const refEndNow = doc._refEnd;
      pdf._write = (d: string | Uint8Array) => void parts.push(d instanceof Uint8Array ? d : Buffer.from(`${d}\n`, 'latin1'));
      doc._refEnd = () => undefined;
      finalize();
      pdf._write = write;
      doc._refEnd = refEndNow;
      const bytes = Buffer.concat(parts);
      out.push(bytes);
      shift.push(shift.at(-1)! + bytes.byteLength);
    }
    const offsets = doc._offsets.map((virtual, i) => virtual + shift[deferredBefore.get(i + 1) ?? 0]!);
    const xref = ['xref', `0 ${offsets.length + 1}`, '0000000000 65535 f ', ...offsets.map((o) => `${`0000000000${o}`.slice(-10)} 00000 n `), ...trailer, 'startxref', `${xrefAt + shift.at(-1)!}`, '%%EOF'];
    out.push(Buffer.from(`${xref.join('\n')}\n`, 'latin1'));
    return new Uint8Array(Buffer.concat(out));
  };
}

/** Ends the document and collects its bytes. */
export function finish(pdf: PdfDocument): Promise<Uint8Array> {
  const output = outputs.get(pdf);
  if (!output) throw new Error('finish: not a document of createPdf');
  return new Promise((resolve, reject) => {
    // The stream carries nothing now; it still ends when pdfkit has written the trailer.
    pdf.on('end', () => output().then(resolve, reject));
    pdf.on('error', (err?: Error) => reject(err));
    pdf.resume();
    pdf.end();
  });
}
