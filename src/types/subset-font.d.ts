// subset-font ships no types; this is the part of its API Briefpress uses.
declare module 'subset-font' {
  export default function subsetFont(
    font: Buffer,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'truetype' | 'woff' | 'woff2'; preserveNameIds?: number[]; variationAxes?: Record<string, number>; keepAllGlyphs?: boolean },
  ): Promise<Buffer>;
}
