/**
 * The cover PNG: the SVG of `cover-svg.ts` rasterized by resvg (npm @resvg/resvg-js,
 * a prebuilt native module) with the theme's DejaVu files only — never the system's
 * fonts, so every machine draws the same pixels and the bytes are deterministic.
 */
import { createHash } from 'node:crypto';
import type { BriefingDocument, UiStrings } from '../model/types.js';
import { fontPath, type Theme } from '../theme/theme.js';
import { coverFontFiles, coverSvg } from './cover-svg.js';

export interface Cover {
  /** Site path, named by content: `assets/covers/<sha256-16>.png`. */
  path: string;
  bytes: Uint8Array;
}

export async function renderCover(doc: BriefingDocument, theme: Theme, strings: UiStrings): Promise<Cover> {
  // Loaded on use: only builds that make covers pay for the native module.
  const { Resvg } = await import('@resvg/resvg-js');
  // Lines come as outlines (cover-svg.ts); resvg gets the faces the cover uses only for
  // the lines left as text (right-to-left scripts, characters the face lacks).
  const svg = coverSvg(doc, theme, strings);
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: svg.includes('<text') ? coverFontFiles(theme).map(fontPath) : [], defaultFontFamily: theme.fonts.body.family },
    languages: [doc.locale.code],
  });
  const bytes = new Uint8Array(resvg.render().asPng());
  return { path: `assets/covers/${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.png`, bytes };
}
