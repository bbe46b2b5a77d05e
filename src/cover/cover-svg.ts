/**
 * The cover of an edition as SVG: the theme's colours and faces, the title block
 * (label, title, subtitle, date, language). SVG has no line breaking, so lines are broken
 * here with the widths of the same font files the rasterizer draws with.
 *
 * A line that fontkit can lay out on its own (left to right, every glyph in the face) is
 * written as outlines, so the rasterizer needs no font for it: given font files, resvg
 * reopened them for every glyph it drew (about fifty reads of a 700 KB file per cover,
 * most of a corpus build's cover time). Lines in a right-to-left script, or with a
 * character the face lacks, stay `<text>` for resvg's own shaping, bidi and fallback.
 */
import type { FontkitFont, FontkitRun } from 'fontkit';
import { formatDate, uiString } from '../content/locales.js';
import type { BriefingDocument, UiStrings } from '../model/types.js';
import { parsedFont } from '../theme/parsed-font.js';
import type { Theme } from '../theme/theme.js';
import { simpleShaper } from '../theme/simple-shaper.js';

export const COVER_WIDTH = 600;
export const COVER_HEIGHT = 850;
const MARGIN = 56;

interface CoverFace {
  font: FontkitFont;
  shape: (text: string) => FontkitRun;
}

const faces = new Map<string, CoverFace>();
/**
 * The face of `file`, shaping as the PDF does: the PDF writer's cmap-and-kern shaper for
 * simple scripts (fontkit's full OpenType layout was two thirds of a cover's time),
 * fontkit for the rest.
 */
function face(file: string): CoverFace {
  let f = faces.get(file);
  if (!f) {
    const font = parsedFont(file);
    const simple = simpleShaper(font);
    f = { font, shape: (text) => simple(text) ?? font.layout(text) };
    faces.set(file, f);
  }
  return f;
}

/** Greedy line breaking at spaces; a word wider than the line stays whole on its own line. */
export function breakLines(text: string, file: string, size: number, width: number): string[] {
  const { font: f, shape } = face(file);
  const measure = (s: string) => (shape(s).advanceWidth / f.unitsPerEm) * size;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** Two decimals: enough for a 600 px image, and a short SVG. */
const round = (n: number) => Math.round(n * 100) / 100;

/** Characters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko... and their presentation forms). */
const RTL_CHARACTERS = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/**
 * `value` as filled glyph outlines, its baseline starting at (x, y) (ending there with
 * `end`), or undefined when resvg should lay it out (see the file comment).
 */
function outlined(value: string, file: string, size: number, x: number, y: number, anchor: 'start' | 'end', fill: string): string | undefined {
  if (RTL_CHARACTERS.test(value)) return undefined;
  const { font: f, shape } = face(file);
  const run = shape(value);
  if (run.glyphs.some((g) => g.id === 0)) return undefined;
  const scale = size / f.unitsPerEm;
  let pen = anchor === 'end' ? x - run.advanceWidth * scale : x;
  const glyphs: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    const at = run.positions[i]!;
    const d = glyphPath(file, glyph, size, scale);
    if (d) glyphs.push(`<path transform="translate(${round(pen + at.xOffset * scale)} ${round(y - at.yOffset * scale)})" d="${d}"/>`);
    pen += at.xAdvance * scale;
  });
  return `<g fill="${fill}">${glyphs.join('')}</g>`;
}

/**
 * A glyph's outline at `size`, as SVG path data around its origin. Kept per face file,
 * size and glyph: covers draw the same few hundred glyphs at a handful of sizes, and
 * writing out each outline's points was most of a cover's time. Bounded by the glyphs of
 * the theme's faces times the cover's sizes.
 */
const glyphPaths = new Map<string, string>();

function glyphPath(file: string, glyph: FontkitRun['glyphs'][number], size: number, scale: number): string {
  const key = `${file}\0${size}\0${glyph.id}`;
  let d = glyphPaths.get(key);
  if (d === undefined) {
    d = '';
    for (const { command, args } of glyph.path.commands) {
      const pts: number[] = [];
      for (let k = 0; k < args.length; k += 2) pts.push(round(args[k]! * scale), round(-args[k + 1]! * scale));
      d += `${COMMANDS[command]}${pts.join(' ')}`;
    }
    glyphPaths.set(key, d);
  }
  return d;
}

const COMMANDS: Record<string, string> = { moveTo: 'M', lineTo: 'L', quadraticCurveTo: 'Q', bezierCurveTo: 'C', closePath: 'Z' };

/** The font files the cover draws with: the rasterizer loads these and no others. */
export function coverFontFiles(theme: Theme): string[] {
  return [...new Set([theme.fonts.heading.bold, theme.fonts.heading.regular, theme.fonts.body.regular])];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function coverSvg(doc: BriefingDocument, theme: Theme, strings: UiStrings): string {
  const { colors } = theme;
  const heading = theme.fonts.heading;
  const body = theme.fonts.body;
  const rtl = doc.locale.dir === 'rtl';
  const x = rtl ? COVER_WIDTH - MARGIN : MARGIN;
  const anchor = rtl ? 'end' : 'start';
  const width = COVER_WIDTH - 2 * MARGIN;
  const text = (y: number, size: number, family: string, weight: string, fill: string, value: string) =>
    (!rtl && outlined(value, family === heading.family ? (weight === 'bold' ? heading.bold : heading.regular) : body.regular, size, x, y, anchor, fill)) ||
    `<text x="${x}" y="${y}" font-family="${esc(family)}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}" direction="${rtl ? 'rtl' : 'ltr'}">${esc(value)}</text>`;

  const parts: string[] = [
    `<rect width="${COVER_WIDTH}" height="${COVER_HEIGHT}" fill="${colors.paper}"/>`,
    `<rect width="${COVER_WIDTH}" height="24" fill="${colors.accent}"/>`,
    text(110, 20, heading.family, 'bold', colors.accent, uiString(strings, 'coverLabel').toUpperCase()),
    `<rect x="${MARGIN}" y="130" width="${width}" height="2" fill="${colors.rule}"/>`,
  ];
  // The title shrinks until it fits in eight lines.
  let size = 46;
  let titleLines = breakLines(doc.meta.title, heading.bold, size, width);
  while (titleLines.length > 8 && size > 24) titleLines = breakLines(doc.meta.title, heading.bold, (size -= 4), width);
  let y = 200;
  for (const line of titleLines) {
    parts.push(text(y, size, heading.family, 'bold', colors.text, line));
    y += Math.round(size * 1.18);
  }
  if (doc.meta.subtitle) {
    y += 18;
    for (const line of breakLines(doc.meta.subtitle, body.regular, 22, width).slice(0, 6)) {
      parts.push(text(y, 22, body.family, 'normal', colors.muted, line));
      y += 30;
    }
  }
  const by = [...(doc.meta.authors ?? []), ...(doc.meta.organization ? [doc.meta.organization] : [])].join(', ');
  const footer = [formatDate(doc.published, doc.locale), doc.locale.nativeName, by].filter(Boolean).join(' · ');
  parts.push(`<rect x="${MARGIN}" y="${COVER_HEIGHT - 112}" width="${width}" height="2" fill="${colors.rule}"/>`);
  parts.push(text(COVER_HEIGHT - 72, 18, heading.family, 'normal', colors.muted, footer));
  parts.push(`<rect y="${COVER_HEIGHT - 24}" width="${COVER_WIDTH}" height="24" fill="${colors.accent}"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${COVER_WIDTH}" height="${COVER_HEIGHT}" viewBox="0 0 ${COVER_WIDTH} ${COVER_HEIGHT}" xml:lang="${esc(doc.locale.code)}">${parts.join('')}</svg>`;
}
