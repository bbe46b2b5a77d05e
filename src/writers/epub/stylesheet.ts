/**
 * The book's one stylesheet: the theme CSS every edition shares (generated from the
 * theme tokens, with @font-face rules pointing at the embedded DejaVu files), plus the
 * few rules only an EPUB needs.
 */
import { themeCss } from '../../theme/css.js';
import { FONT_ROLES, FONT_STYLES, type Theme } from '../../theme/theme.js';

export const FONT_FOLDER = 'fonts';

/** Every font file the theme names, once each, in theme order. */
export function themeFontFiles(theme: Theme): string[] {
  const files = new Set<string>();
  for (const role of FONT_ROLES) for (const style of FONT_STYLES) files.add(theme.fonts[role][style]);
  return [...files];
}

const EPUB_RULES = [
  // GFM column alignment arrives as classes (the obsolete `align` attribute is gone).
  '.align-left { text-align: left; } .align-center { text-align: center; } .align-right { text-align: right; }',
  'li.task-list-item > input[type="checkbox"] { margin: 0 0.4em 0 0; vertical-align: middle; }',
  'a[role="doc-noteref"], a[role="doc-backlink"] { text-decoration: none; }',
  'nav#landmarks { display: none; }',
];

export function epubStylesheet(theme: Theme): string {
  return `${themeCss(theme, { fontUrl: (file) => `${FONT_FOLDER}/${file}` })}\n${EPUB_RULES.join('\n')}\n`;
}
