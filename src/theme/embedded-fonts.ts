/**
 * The font files an edition carries: the theme faces its pages use (`used-faces.ts`),
 * each subset to the text of those pages (`font-subset.ts`).
 */
import { subsetThemeFont, type FontFormat } from './font-subset.js';
import type { Theme } from './theme.js';
import type { UsedFaces } from './used-faces.js';

/**
 * Theme file name → subset bytes, in theme order. Every face gets the whole text, not
 * only its own share: a face the rules attribute too narrowly still has every glyph,
 * and the text of one briefing adds little to the safety set.
 */
export async function embeddedFonts(theme: Theme, used: UsedFaces, format: FontFormat): Promise<Map<string, Uint8Array>> {
  const files = [...new Set(used.faces.map((f) => theme.fonts[f.role][f.style]))];
  const bytes = await Promise.all(files.map((file) => subsetThemeFont(file, used.text, format)));
  return new Map(files.map((file, i) => [file, bytes[i]!]));
}
