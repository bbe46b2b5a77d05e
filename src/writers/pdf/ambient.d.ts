/**
 * Minimal typings for the two untyped packages the PDF writer uses: the parts of
 * fontkit 2.0 it (and the cover) calls, and the per-language modules of `hyphen` 1.14 (CommonJS).
 */
declare module 'fontkit' {
  export interface FontkitGlyph {
    id: number;
    advanceWidth: number;
    codePoints: number[];
    /** The outline in font units, y up (the cover draws titles as paths). */
    path: { commands: Array<{ command: string; args: number[] }> };
  }
  export interface FontkitRun {
    glyphs: FontkitGlyph[];
    positions: Array<Record<string, number>>;
    advanceWidth: number;
  }
  export interface FontkitFont {
    unitsPerEm: number;
    ascent: number;
    descent: number;
    lineGap: number;
    postscriptName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): FontkitGlyph;
    layout(text: string, features?: unknown, script?: string, language?: string, direction?: "ltr" | "rtl"): FontkitRun;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont;
}

declare module 'hyphen/*' {
  interface HyphenOptions {
    hyphenChar?: string;
    minWordLength?: number;
    exceptions?: string[];
  }
  const patterns: {
    hyphenateSync(text: string, options?: HyphenOptions): string;
  };
  export default patterns;
}
