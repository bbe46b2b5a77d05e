/**
 * The book's one stylesheet: the theme CSS every edition shares (generated from the
 * theme tokens, with @font-face rules for the DejaVu faces the book embeds, and only
 * those), plus the few rules only an EPUB needs.
 */
import { themeCss } from '../../theme/css.js';
import type { FallbackFace } from '../../theme/fallback-fonts.js';
import type { Theme } from '../../theme/theme.js';

export const FONT_FOLDER = 'fonts';

const EPUB_RULES = [
  // GFM column alignment arrives as classes (the obsolete `align` attribute is gone).
  '.align-left { text-align: start; } .align-center { text-align: center; } .align-right { text-align: end; }',
  'li.task-list-item > input[type="checkbox"] { margin: 0 0.4em 0 0; vertical-align: middle; }',
  'nav#landmarks { display: none; }',
];

/** `embedded`: the font files in the book's `fonts/` folder. */
export function epubStylesheet(theme: Theme, embedded: ReadonlySet<string>, fallbacks: readonly FallbackFace[] = []): string {
  const fontUrl = (file: string) => (embedded.has(file) ? `${FONT_FOLDER}/${file}` : undefined);
  const faces = fallbacks.map((f) => ({ family: f.family, unicodeRange: f.unicodeRange, url: `${FONT_FOLDER}/${f.filename}` }));
  return `${themeCss(theme, { fontUrl, fallbacks: faces })}\n${EPUB_RULES.join('\n')}\n`;
}
