/**
 * PNG encoding of the cover's pixels, off the build thread.
 *
 * resvg's own `asPng()` runs on the thread that calls it: 12–20 ms per cover, a tenth of
 * a corpus build's main thread. Here the rows are laid out with their filter byte (None:
 * a cover is flat colour, which deflate handles well; the files came out a third smaller
 * than resvg's adaptive filtering at level 6 on the sample's covers) and deflated on
 * libuv's pool. RGBA, 8 bits, not interlaced: the same image.
 *
 * zlib level 1: on a 600×850 cover, 2 ms instead of 7 ms for 24 instead of 13 KB (level 6).
 * A cover is drawn for every edition, so on 100 briefings that was 0.5 s of CPU for about
 * 1 MB of site: not worth it.
 */
import { crc32 } from 'node:zlib';
import { deflateBytes } from '../writers/deflate.js';

/** zlib level (see above); part of the cover's file name, with the rasterizer's version. */
export const LEVEL = 1;

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Row buffers kept for the next cover: a fresh 2 MB buffer cost as much in page faults as copying into it. */
const spare: Buffer[] = [];

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(12 + data.byteLength);
  out.writeUInt32BE(data.byteLength, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.byteLength)) >>> 0, 8 + data.byteLength);
  return out;
}

/** `pixels` (RGBA, straight alpha, `width` × `height`) as PNG bytes. */
export async function encodePng(pixels: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  const stride = width * 4;
  if (pixels.byteLength !== stride * height) throw new Error(`encodePng: ${pixels.byteLength} bytes for ${width}×${height} RGBA`);
  const size = (stride + 1) * height;
  let rows = spare.pop();
  if (!rows || rows.byteLength !== size) rows = Buffer.allocUnsafe(size);
  const source = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  for (let y = 0; y < height; y++) {
    const at = y * (stride + 1);
    rows[at] = 0; // filter: None
    source.copy(rows, at + 1, y * stride, (y + 1) * stride);
  }
  let idat: Buffer;
  try {
    idat = await deflateBytes(rows, { level: LEVEL }); // 2 MB: on the pool
  } finally {
    if (spare.length < 2) spare.push(rows);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}
