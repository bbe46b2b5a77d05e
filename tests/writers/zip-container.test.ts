/**
 * The EPUB's zip container, read back by an independent reader (JSZip, which checks every
 * entry's CRC-32 and sizes) and by its raw bytes where OCF asks for something exact.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ZipEntries, zipContainer } from '../../src/writers/epub/zip-container.js';

const DATE = new Date(Date.UTC(2025, 1, 20, 13, 45, 30));

function book(): ZipEntries {
  const zip = new ZipEntries();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  const oebps = zip.folder('OEBPS');
  oebps.file('chapter.xhtml', '<p>Le Sommet de l’IA à Paris</p>\n'.repeat(200));
  oebps.folder('images').file('cover.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), { compression: 'STORE' });
  oebps.file('résumé.xhtml', '<p>é</p>');
  return zip;
}

describe('the EPUB zip container', () => {
  it('holds every entry, in order, with its exact bytes (CRC-checked by JSZip)', async () => {
    const bytes = await zipContainer(book().entries, DATE);
    const read = await JSZip.loadAsync(bytes, { checkCRC32: true });
    const names = Object.values(read.files).filter((f) => !f.dir).map((f) => f.name);
    expect(names).toEqual(['mimetype', 'OEBPS/chapter.xhtml', 'OEBPS/images/cover.png', 'OEBPS/résumé.xhtml']);
    expect(await read.file('OEBPS/chapter.xhtml')!.async('string')).toBe('<p>Le Sommet de l’IA à Paris</p>\n'.repeat(200));
    expect([...(await read.file('OEBPS/images/cover.png')!.async('uint8array'))]).toEqual([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    expect(await read.file('OEBPS/résumé.xhtml')!.async('string')).toBe('<p>é</p>');
  });

  it('starts with mimetype, stored, no extra field (OCF), and compresses the text', async () => {
    const bytes = Buffer.from(await zipContainer(book().entries, DATE));
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
    expect(bytes.readUInt16LE(8)).toBe(0); // stored
    expect(bytes.readUInt16LE(28)).toBe(0); // no extra field
    expect(bytes.subarray(30, 38).toString('latin1')).toBe('mimetype');
    expect(bytes.subarray(38, 58).toString('latin1')).toBe('application/epub+zip');
    expect(bytes.byteLength).toBeLessThan(2000); // 7 KB of repeated text deflated
  });

  it('dates every entry with the given moment in UTC, whatever the time zone', async () => {
    const read = await JSZip.loadAsync(await zipContainer(book().entries, DATE));
    // JSZip reads the MS-DOS fields as UTC, as they are written.
    for (const f of Object.values(read.files)) expect(f.date.toISOString()).toBe('2025-02-20T13:45:30.000Z');
  });

  it('marks a non-ASCII name as UTF-8 (general purpose flag bit 11), and only that one', async () => {
    const bytes = Buffer.from(await zipContainer(book().entries, DATE));
    const flags: Record<string, number> = {};
    for (let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
      const nameLength = bytes.readUInt16LE(at + 28);
      flags[bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8')] = bytes.readUInt16LE(at + 8);
    }
    expect(flags).toEqual({ mimetype: 0, 'OEBPS/chapter.xhtml': 0, 'OEBPS/images/cover.png': 0, 'OEBPS/résumé.xhtml': 0x0800 });
  });

  it('gives the same bytes for the same entries', async () => {
    expect(Buffer.from(await zipContainer(book().entries, DATE)).equals(Buffer.from(await zipContainer(book().entries, DATE)))).toBe(true);
  });

  it('packs bytes shared by two books (a cached font subset) right in both, and never mixes up other bytes', async () => {
    const font = new Uint8Array(64 * 1024).map((_, i) => (i * 7919) % 251);
    const other = font.map((b) => 255 - b); // same size, other bytes
    const first = new ZipEntries();
    first.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
    first.folder('OEBPS').file('fonts/a.ttf', font);
    const second = new ZipEntries();
    second.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
    second.folder('OEBPS').file('fonts/a.ttf', font);
    second.folder('OEBPS').file('fonts/b.ttf', other);
    const [a, b] = await Promise.all([zipContainer(first.entries, DATE), zipContainer(second.entries, DATE)]);
    const readA = await JSZip.loadAsync(a, { checkCRC32: true });
    const readB = await JSZip.loadAsync(b, { checkCRC32: true });
    expect(Buffer.from(await readA.file('OEBPS/fonts/a.ttf')!.async('uint8array')).equals(Buffer.from(font))).toBe(true);
    expect(Buffer.from(await readB.file('OEBPS/fonts/a.ttf')!.async('uint8array')).equals(Buffer.from(font))).toBe(true);
    expect(Buffer.from(await readB.file('OEBPS/fonts/b.ttf')!.async('uint8array')).equals(Buffer.from(other))).toBe(true);
  });
});
