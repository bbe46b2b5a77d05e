/**
 * The cover PNG: the SVG of `cover-svg.ts` rasterized by resvg (npm @resvg/resvg-js,
 * a prebuilt native module) with the theme's DejaVu files only — never the system's
 * fonts, so every machine draws the same pixels and the bytes are deterministic.
 *
 * The raster is drawn and compressed on a thread of its own (`raster-thread.ts`, then
 * `png.ts`) while the edition's writers run: the file's name comes from the SVG, so the
 * HTML page can link the cover before its pixels exist, and only the EPUB waits for the bytes.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { BriefingDocument, UiStrings } from '../model/types.js';
import { fontPath, type Theme } from '../theme/theme.js';
import { coverFontFiles, coverSvg } from './cover-svg.js';
import { LEVEL } from './png.js';
import { rasterize } from './raster-thread.js';

export interface Cover {
  /** Site path, named by what is drawn: `assets/covers/<sha256-16>.png`. */
  path: string;
  bytes: Uint8Array;
}

/** A cover being drawn: its name now, its bytes later. */
export interface CoverInProgress {
  path: string;
  png: Promise<Uint8Array>;
}

/** The rasterizer that turns the SVG into pixels, and how they are encoded (png.ts): part of the cover's name. */
const RASTER = `resvg-${(createRequire(import.meta.url)('@resvg/resvg-js/package.json') as { version: string }).version}+png-none-${LEVEL}`;

export function startCover(doc: BriefingDocument, theme: Theme, strings: UiStrings): CoverInProgress {
  const svg = coverSvg(doc, theme, strings);
  const path = `assets/covers/${createHash('sha256').update(`${RASTER}\0${svg}`).digest('hex').slice(0, 16)}.png`;
  // Lines come as outlines (cover-svg.ts); resvg gets the faces the cover uses only for
  // the lines left as text (right-to-left scripts, characters the face lacks).
  const png = rasterize(svg, {
    font: { loadSystemFonts: false, fontFiles: svg.includes('<text') ? coverFontFiles(theme).map(fontPath) : [], defaultFontFamily: theme.fonts.body.family },
    languages: [doc.locale.code],
  });
  png.catch(() => undefined); // reported where it is awaited
  return { path, png };
}

export async function renderCover(doc: BriefingDocument, theme: Theme, strings: UiStrings): Promise<Cover> {
  const cover = startCover(doc, theme, strings);
  return { path: cover.path, bytes: await cover.png };
}
