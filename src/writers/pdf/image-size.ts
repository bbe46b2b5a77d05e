/**
 * Display size of a PNG or JPEG (the two formats the model admits), read from its
 * header. A JPEG whose EXIF orientation turns it a quarter (5–8) is reported with
 * width and height swapped, as pdfkit draws it upright.
 */
export interface PixelSize {
  width: number;
  height: number;
}

/** EXIF orientation (1–8) of a JPEG's APP1 segment, or 1. */
function exifOrientation(view: DataView, start: number, length: number): number {
  // "Exif\0\0" then a TIFF header.
  if (length < 14 || view.getUint32(start) !== 0x45786966) return 1;
  const tiff = start + 6;
  const little = view.getUint16(tiff) === 0x4949;
  const u16 = (o: number) => view.getUint16(o, little);
  const u32 = (o: number) => view.getUint32(o, little);
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > start + length) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > start + length) return 1;
    if (u16(entry) === 0x0112) return u16(entry + 8) || 1;
  }
  return 1;
}

export function imageSize(bytes: Uint8Array): PixelSize | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    let orientation = 1;
    let pos = 2;
    while (pos + 9 < bytes.length) {
      if (bytes[pos] !== 0xff) {
        pos++;
        continue;
      }
      const marker = bytes[pos + 1]!;
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        pos += 2;
        continue;
      }
      const length = view.getUint16(pos + 2);
      if (marker === 0xe1) orientation = exifOrientation(view, pos + 4, length - 2);
      // Start-of-frame markers (baseline, progressive...), not DHT/JPG/DAC.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const height = view.getUint16(pos + 5);
        const width = view.getUint16(pos + 7);
        return orientation > 4 ? { width: height, height: width } : { width, height };
      }
      pos += 2 + length;
    }
  }
  return undefined;
}
