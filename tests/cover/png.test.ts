/**
 * The cover's PNG encoder (cover/png.ts): what a PNG decoder reads back is the rasterizer's
 * pixels, byte for byte, in a well-formed file.
 */
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src/cover/png.js';

/** Chunks of a PNG file, each with its CRC checked. */
function chunks(png: Uint8Array): Array<{ type: string; data: Buffer }> {
  const b = Buffer.from(png);
  expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const out: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < b.length; ) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    const data = b.subarray(at + 8, at + 8 + length);
    expect(b.readUInt32BE(at + 8 + length)).toBe(crc32(b.subarray(at + 4, at + 8 + length)) >>> 0);
    out.push({ type, data });
    at += 12 + length;
  }
  return out;
}

describe('cover PNG', () => {
  it('decodes to the pixels it was given (RGBA, 8 bits, rows filtered None)', async () => {
    const [width, height] = [37, 23];
    const pixels = new Uint8Array(width * height * 4);
    for (let i = 0; i < pixels.length; i++) pixels[i] = i % 4 === 3 ? 255 : (i * 7919) % 251;
    const parts = chunks(await encodePng(pixels, width, height));
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = parts[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]]).toEqual([width, height, 8, 6, 0, 0, 0]);
    const rows = inflateSync(parts[1]!.data);
    expect(rows.length).toBe((width * 4 + 1) * height);
    const decoded = Buffer.concat(Array.from({ length: height }, (_, y) => {
      expect(rows[y * (width * 4 + 1)]).toBe(0);
      return rows.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
    }));
    expect(decoded.equals(Buffer.from(pixels))).toBe(true);
  });

  it('gives the same bytes for the same pixels, whatever was encoded before', async () => {
    const a = new Uint8Array(16 * 9 * 4).fill(200);
    const b = new Uint8Array(16 * 9 * 4).fill(17);
    const first = await encodePng(a, 16, 9);
    await encodePng(b, 16, 9);
    expect(Buffer.from(await encodePng(a, 16, 9)).equals(Buffer.from(first))).toBe(true);
  });

  it('refuses pixels that do not fill the stated size', async () => {
    await expect(encodePng(new Uint8Array(10), 2, 2)).rejects.toThrow(/RGBA/);
  });
});
