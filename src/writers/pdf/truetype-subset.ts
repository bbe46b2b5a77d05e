/**
 * The TrueType subset a PDF embeds (FontFile2), made by copying bytes. pdfkit asks the
 * fontkit font for `createSubset()`; fontkit's subsetter decodes every glyph's contours
 * and re-encodes `cvt `, `prep` and `fpgm` value by value through its struct library.
 * That was ~15 ms per face per document, the largest single cost of a corpus PDF. Here
 * glyph records are copied as they are (only a composite's component ids change), the
 * hinting tables verbatim, and the directory written once: well under a millisecond.
 *
 * Same contract as fontkit's `TTFSubset`: glyph 0 first, then glyphs numbered in the
 * order `includeGlyph` first sees them (a composite's components right after it is
 * encoded), and the tables a PDF font file needs: head, hhea, loca, maxp, cvt, prep,
 * glyf, hmtx, fpgm. A font without `glyf` (CFF outlines) is not handled: `trueTypeFace`
 * says so and the caller keeps fontkit's subsetter. The face's tables are located once
 * (`trueTypeFace`, per font file); each document's subset reads from them.
 */

interface TableRecord {
  offset: number;
  length: number;
}

/** The table directory of an sfnt (TrueType) font file. */
function tableDirectory(bytes: Uint8Array): Map<string, TableRecord> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, TableRecord>();
  const count = v.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    tables.set(tag, { offset: v.getUint32(at + 8), length: v.getUint32(at + 12) });
  }
  return tables;
}

/** A TrueType-outline font file, its tables located: what every subset of it reads. */
export interface TrueTypeFace {
  bytes: Uint8Array;
  view: DataView;
  tables: Map<string, TableRecord>;
  locaLong: boolean;
  numberOfHMetrics: number;
}

/** `bytes` as a face this module can subset, or undefined (not TrueType outlines). */
export function trueTypeFace(bytes: Uint8Array): TrueTypeFace | undefined {
  if (bytes.byteLength < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) return undefined;
  const tables = tableDirectory(bytes);
  if (!['head', 'hhea', 'hmtx', 'maxp', 'loca', 'glyf'].every((tag) => tables.has(tag))) return undefined;
  return { bytes, view, tables, locaLong: view.getInt16(tables.get('head')!.offset + 50) === 1, numberOfHMetrics: view.getUint16(tables.get('hhea')!.offset + 34) };
}

// Composite glyph flags (OpenType `glyf`).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

export class TrueTypeSubset {
  /** Original glyph ids, in subset order. */
  readonly glyphs: number[] = [];
  /** pdfkit checks this to choose FontFile3 (CFF); a TrueType subset has none. */
  readonly cff = undefined;
  private readonly mapping = new Map<number, number>();

  constructor(private readonly face: TrueTypeFace) {
    this.includeGlyph(0);
  }

  private table(tag: string): TableRecord {
    return this.face.tables.get(tag)!; // trueTypeFace checked the tables read here
  }

  /** The subset's id for original glyph `gid`, adding it on first sight. */
  includeGlyph(gid: number): number {
    let id = this.mapping.get(gid);
    if (id === undefined) {
      id = this.glyphs.length;
      this.glyphs.push(gid);
      this.mapping.set(gid, id);
    }
    return id;
  }

  /** Where glyph `gid`'s record lies in the font file. */
  private glyphRange(gid: number): [start: number, end: number] {
    const loca = this.table('loca').offset;
    const glyf = this.table('glyf').offset;
    const v = this.face.view;
    const [a, b] = this.face.locaLong ? [v.getUint32(loca + gid * 4), v.getUint32(loca + gid * 4 + 4)] : [v.getUint16(loca + gid * 2) * 2, v.getUint16(loca + gid * 2 + 2) * 2];
    return [glyf + a, glyf + b];
  }

  /** Advance width and left side bearing of `gid`, from `hmtx`. */
  private metrics(gid: number): [advance: number, lsb: number] {
    const hmtx = this.table('hmtx').offset;
    const { view: v, numberOfHMetrics: n } = this.face;
    if (gid < n) return [v.getUint16(hmtx + gid * 4), v.getInt16(hmtx + gid * 4 + 2)];
    return [v.getUint16(hmtx + (n - 1) * 4), v.getInt16(hmtx + n * 4 + (gid - n) * 2)];
  }

  /** A glyph record, with a composite's component ids renumbered (including them). */
  private glyphRecord(gid: number): Uint8Array {
    const [start, end] = this.glyphRange(gid);
    if (end <= start) return new Uint8Array(0);
    const record = this.face.bytes.slice(start, end);
    const v = new DataView(record.buffer, record.byteOffset, record.byteLength);
    if (v.getInt16(0) >= 0) return record;
    let at = 10;
    for (;;) {
      const flags = v.getUint16(at);
      v.setUint16(at + 2, this.includeGlyph(v.getUint16(at + 2)));
      at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) at += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
      if (!(flags & MORE_COMPONENTS)) break;
    }
    return record;
  }

  /** The subset font file. */
  encode(): Uint8Array {
    const records: Uint8Array[] = [];
    const offsets: number[] = [];
    let offset = 0;
    // A composite adds its components to `glyphs` while this loop runs.
    for (let i = 0; i < this.glyphs.length; i++) {
      const record = this.glyphRecord(this.glyphs[i]!);
      offsets.push(offset);
      records.push(record);
      offset += record.byteLength + (record.byteLength & 3 ? 4 - (record.byteLength & 3) : 0);
    }
    offsets.push(offset);
    const n = this.glyphs.length;

    const glyf = new Uint8Array(offset);
    records.forEach((r, i) => glyf.set(r, offsets[i]!));
    const loca = new Uint8Array(4 * (n + 1));
    const lv = new DataView(loca.buffer);
    offsets.forEach((o, i) => lv.setUint32(i * 4, o));
    const hmtx = new Uint8Array(4 * n);
    const hv = new DataView(hmtx.buffer);
    this.glyphs.forEach((gid, i) => {
      const [advance, lsb] = this.metrics(gid);
      hv.setUint16(i * 4, advance);
      hv.setInt16(i * 4 + 2, lsb);
    });
    const head = this.copy('head');
    new DataView(head.buffer).setUint32(8, 0); // checkSumAdjustment, set below
    new DataView(head.buffer).setInt16(50, 1); // long loca offsets
    const hhea = this.copy('hhea');
    new DataView(hhea.buffer).setUint16(34, n);
    const maxp = this.copy('maxp');
    new DataView(maxp.buffer).setUint16(4, n);

    const tables: Array<[string, Uint8Array]> = [['head', head], ['hhea', hhea], ['loca', loca], ['maxp', maxp], ['glyf', glyf], ['hmtx', hmtx]];
    for (const tag of ['cvt ', 'prep', 'fpgm']) if (this.face.tables.has(tag)) tables.push([tag, this.copy(tag)]);
    return writeSfnt(tables);
  }

  private copy(tag: string): Uint8Array {
    const t = this.table(tag);
    return this.face.bytes.slice(t.offset, t.offset + t.length);
  }
}

/** The OpenType table checksum: the sum of big-endian uint32 words, zero-padded. */
function checksum(data: Uint8Array): number {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let sum = 0;
  const whole = data.byteLength & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  if (whole < data.byteLength) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < data.byteLength ? data[i]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/**
 * An sfnt file of `tables`: directory sorted by tag, each table 4-byte aligned, and the
 * `head` table's checkSumAdjustment (given as 0) set so the whole file sums to 0xB1B0AFBA.
 */
function writeSfnt(tables: Array<[string, Uint8Array]>): Uint8Array {
  const sorted = [...tables].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const count = sorted.length;
  const headerSize = 12 + 16 * count;
  const padded = (len: number) => (len + 3) & ~3;
  const size = headerSize + sorted.reduce((s, [, d]) => s + padded(d.byteLength), 0);
  const file = new Uint8Array(size);
  const v = new DataView(file.buffer);
  const log2 = Math.floor(Math.log2(count));
  v.setUint32(0, 0x00010000);
  v.setUint16(4, count);
  v.setUint16(6, 16 * 2 ** log2);
  v.setUint16(8, log2);
  v.setUint16(10, 16 * count - 16 * 2 ** log2);
  let at = headerSize;
  let headAt = -1;
  sorted.forEach(([tag, data], i) => {
    if (tag === 'head') headAt = at;
    const rec = 12 + 16 * i;
    for (let k = 0; k < 4; k++) file[rec + k] = tag.charCodeAt(k);
    v.setUint32(rec + 4, checksum(data));
    v.setUint32(rec + 8, at);
    v.setUint32(rec + 12, data.byteLength);
    file.set(data, at);
    at += padded(data.byteLength);
  });
  if (headAt >= 0) v.setUint32(headAt + 8, (0xb1b0afba - checksum(file)) >>> 0);
  return file;
}
