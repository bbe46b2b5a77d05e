import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src/cover/png.js';

/** The chunks of a PNG file, each CRC-checked. */
function chunks(png: Uint8Array): Array<{ type: string; data: Uint8Array }> {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Array<{ type: string; data: Uint8Array }> = [];
  for (let at = 8; at < png.byteLength; ) {
    const len = v.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    expect(v.getUint32(at + 8 + len), `CRC of ${type}`).toBe(crc32(png.subarray(at + 4, at + 8 + len)));
    out.push({ type, data: png.subarray(at + 8, at + 8 + len) });
    at += 12 + len;
  }
  return out;
}

describe('cover PNG encoding', () => {
  const width = 30;
  const height = 20;
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7 + (i >> 6)) & 255;

  it('writes a PNG whose pixels are the raster, row by row', async () => {
    const png = await encodePng(width, height, pixels);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const parts = chunks(png);
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = new DataView(parts[0]!.data.buffer, parts[0]!.data.byteOffset, 13);
    expect([ihdr.getUint32(0), ihdr.getUint32(4), ihdr.getUint8(8), ihdr.getUint8(9)]).toEqual([width, height, 8, 6]);
    const raw = inflateSync(parts[1]!.data);
    expect(raw.byteLength).toBe((width * 4 + 1) * height);
    for (let y = 0; y < height; y++) {
      const row = raw.subarray(y * (width * 4 + 1), (y + 1) * (width * 4 + 1));
      expect(row[0]).toBe(0);
      expect(Buffer.compare(row.subarray(1), pixels.subarray(y * width * 4, (y + 1) * width * 4))).toBe(0);
    }
  });

  it('gives the same bytes twice, and refuses a raster of the wrong size', async () => {
    expect(Buffer.compare(await encodePng(width, height, pixels), await encodePng(width, height, pixels))).toBe(0);
    await expect(encodePng(width, height + 1, pixels)).rejects.toThrow(/RGBA/);
  });
});
