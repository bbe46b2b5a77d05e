/**
 * The EPUB's zip container, written with Node's native zlib.
 *
 * epub-gen-memory assembles the book in a JSZip, whose deflate is pako (JavaScript): on a
 * corpus build it was ~11 % of all CPU, a third of that in setting up a compressor per
 * entry. `ZipEntries` stands in for the JSZip object while the library adds its files
 * (it only calls `file()` and `folder()`), and `zipContainer` writes them as one
 * ZIP (APPNOTE 6.3): local headers, data, central directory, end record. No data
 * descriptors, no extra fields, no directory entries, no zip64 (an EPUB is far below
 * 4 GiB) — what OCF asks for: `mimetype` first and stored.
 *
 * Deterministic: entries in the order they were added, one fixed date (as UTC, so the
 * machine's time zone never changes the bytes), one compression level.
 */
import { crc32 } from 'node:zlib';
import { deflateBytes } from '../deflate.js';

export interface ZipEntry {
  data: Uint8Array;
  /** Stored as is (the `mimetype` entry, PNG and JPEG files); otherwise deflated. */
  store: boolean;
}

/** The part of JSZip's API that epub-gen-memory and OfflineEpub use to add files. */
export class ZipEntries {
  /** A folder (`prefix`) adds to the same entries as the root. */
  constructor(
    private readonly prefix = '',
    readonly entries = new Map<string, ZipEntry>(),
  ) {}

  file(name: string, data: string | Uint8Array, options?: { compression?: string }): this {
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
      throw new TypeError(`zip entry ${this.prefix}${name}: expected text or bytes`);
    }
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.entries.set(`${this.prefix}${name}`, { data: bytes, store: options?.compression === 'STORE' });
    return this;
  }

  folder(name: string): ZipEntries {
    return new ZipEntries(`${this.prefix}${name}/`, this.entries);
  }
}

/** The library's level 9 costs twice the time of 6 for files within 1 % of the size. */
const LEVEL = 6;

/** MS-DOS time and date fields of `date`, read in UTC. */
function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

interface EntryFields {
  utf8Flag: number;
  method: number;
  stamp: { time: number; date: number };
  crc: number;
  compressed: number;
  size: number;
  nameLength: number;
}

/** The fields a local header and a central directory record share, in the same order. */
function writeEntryFields(b: Buffer, at: number, f: EntryFields): void {
  b.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
  b.writeUInt16LE(f.utf8Flag, at + 2);
  b.writeUInt16LE(f.method, at + 4);
  b.writeUInt16LE(f.stamp.time, at + 6);
  b.writeUInt16LE(f.stamp.date, at + 8);
  b.writeUInt32LE(f.crc, at + 10);
  b.writeUInt32LE(f.compressed, at + 14);
  b.writeUInt32LE(f.size, at + 18);
  b.writeUInt16LE(f.nameLength, at + 22);
}

/** An entry's bytes as the container holds them, and the CRC-32 of the original. */
interface Packed {
  body: Uint8Array;
  crc: number;
}

/**
 * Packed entries by their bytes, for bytes that books share: the font subsets are cached
 * per (face, character set) (font-subset.ts), so every book with the same characters hands
 * over the very same array (fonts are ~160 of a book's ~195 KB; zlib under this container
 * was 430 ms of a 100-briefing build's 7.4 s profile, before this). Keyed by
 * identity (entries are never modified once added), so a book's own texts, new arrays
 * every time, never hit; weak, so an entry lives only as long as its bytes.
 */
const sharedPacked = new WeakMap<Uint8Array, Promise<Packed>>();
/** Smaller entries are a book's own text, not worth remembering; stored ones cost only a CRC. */
const SHARED_MIN_BYTES = 8 * 1024;

function packed(entry: ZipEntry): Promise<Packed> {
  const pack = async (): Promise<Packed> => ({
    // Large entries are deflated side by side on libuv's pool, small ones at once (deflate.ts).
    body: entry.store ? entry.data : await deflateBytes(entry.data, { level: LEVEL, raw: true }),
    crc: crc32(entry.data) >>> 0,
  });
  if (entry.store || entry.data.byteLength < SHARED_MIN_BYTES) return pack();
  let hit = sharedPacked.get(entry.data);
  if (!hit) sharedPacked.set(entry.data, (hit = pack()));
  return hit;
}

/** The zip file of `entries`, in their order, every entry dated `date` (1980 or later). */
export async function zipContainer(entries: ReadonlyMap<string, ZipEntry>, date: Date): Promise<Uint8Array> {
  const stamp = dosDateTime(date);
  const packs = await Promise.all([...entries.values()].map(packed));
  const locals: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [i, [name, entry]] of [...entries].entries()) {
    const nameBytes = Buffer.from(name, 'utf8');
    const utf8Flag = nameBytes.length !== name.length ? 0x0800 : 0;
    const { body, crc } = packs[i]!;
    const method = entry.store ? 0 : 8;

    const fields: EntryFields = { utf8Flag, method, stamp, crc, compressed: body.byteLength, size: entry.data.byteLength, nameLength: nameBytes.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, fields); // no extra field
    locals.push(local, nameBytes, body);

    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    writeEntryFields(record, 6, fields);
    // extra, comment, disk, internal and external attributes: all zero
    record.writeUInt32LE(offset, 42);
    central.push(record, nameBytes);

    offset += local.byteLength + nameBytes.byteLength + body.byteLength;
  }
  const centralSize = central.reduce((n, b) => n + b.byteLength, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  const out = Buffer.concat([...locals, ...central, end]);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
