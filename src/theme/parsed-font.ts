/**
 * A theme font file parsed by fontkit, once per thread. The PDF writer (metrics, shaping,
 * embedding), the cover (outlines) and the fallback chain (coverage) read the same dozen
 * files; each parsed its own copy before, so a thread that draws a PDF and a cover parsed
 * a face two or three times. Sharing is safe: what fontkit caches as it is read does not
 * depend on who reads, except the code points a glyph object keeps from the last `layout`,
 * which the PDF writer never relies on (fonts.ts gives its runs their own code points, and
 * keeps its shaping caches on a wrapper of its own).
 */
import { create, type FontkitFont } from 'fontkit';
import { fontBytes } from './theme.js';

const parsed = new Map<string, FontkitFont>();

export function parsedFont(file: string): FontkitFont {
  let font = parsed.get(file);
  if (!font) parsed.set(file, (font = create(fontBytes(file)) as FontkitFont));
  return font;
}
