/**
 * CSS for the HTML and EPUB editions, generated from the theme tokens so that both
 * agree with the PDF. `fontUrl` decides which font files get an @font-face rule and how
 * they are referenced (EPUB: files in the book; HTML: data: URIs). Which elements use
 * which family here is mirrored by `used-faces.ts`: keep the two in step.
 *
 * Only logical properties (`padding-inline-start`, `border-inline-start`, `text-align:
 * start`): the same stylesheet serves left-to-right and right-to-left editions.
 */
import type { Theme, FontRole, FontStyle } from './theme.js';
import { FONT_ROLES } from './theme.js';

export interface CssOptions {
  /**
   * When given, each theme face whose file gets a URL has an @font-face rule pointing at
   * it; a face without one (`undefined`: not embedded) has no rule, so a reader never
   * asks for a file that is not there.
   */
  fontUrl?: (file: string) => string | undefined;
  /** Include screen-only rules (page width, navigation). */
  screen?: boolean;
  /**
   * Subsets of fallback faces for characters the theme fonts lack (fallback-fonts.ts):
   * each an @font-face rule limited to its characters, its family named in every stack
   * after the theme's own.
   */
  fallbacks?: ReadonlyArray<{ family: string; url: string; unicodeRange: string }>;
}

const faceStyle: Record<FontStyle, [string, string]> = {
  regular: ['normal', 'normal'],
  bold: ['bold', 'normal'],
  italic: ['normal', 'italic'],
  boldItalic: ['bold', 'italic'],
};

function familyStack(theme: Theme, role: FontRole, fallbacks: readonly string[] = []): string {
  const f = theme.fonts[role];
  return [`'${f.family}'`, ...fallbacks.map((name) => `'${name}'`), f.fallback].join(', ');
}

export function themeCss(theme: Theme, options: CssOptions = {}): string {
  const { colors: c, sizes: s, spacing: sp } = theme;
  const pt = (n: number) => `${n}pt`;
  // Font sizes are relative (EPUB Accessibility, WCAG 1.4.4: readers scale the text):
  // the root is the body size as a share of the reader's default (12pt, i.e. 16px),
  // every other size is in rem of it, so the theme's point sizes hold at 100 %.
  const rem = (n: number) => `${Number((n / s.body).toFixed(4))}rem`;
  const rootSize = `${Number(((s.body / 12) * 100).toFixed(4))}%`;
  const faces: string[] = [];
  if (options.fontUrl) {
    for (const role of FONT_ROLES) {
      const f = theme.fonts[role];
      for (const style of Object.keys(faceStyle) as FontStyle[]) {
        const url = options.fontUrl(f[style]);
        if (url === undefined) continue;
        const [weight, fstyle] = faceStyle[style];
        faces.push(`@font-face { font-family: '${f.family}'; font-weight: ${weight}; font-style: ${fstyle}; src: url('${url}'); }`);
      }
    }
  }
  for (const fb of options.fallbacks ?? []) {
    faces.push(`@font-face { font-family: '${fb.family}'; src: url('${fb.url}'); unicode-range: ${fb.unicodeRange}; }`);
  }
  const extra = [...new Set((options.fallbacks ?? []).map((f) => f.family))];
  const stack = (t: Theme, role: FontRole) => familyStack(t, role, extra);
  const m = theme.page.margins;
  return [
    ...faces,
    `:root { --accent: ${c.accent}; --text: ${c.text}; --muted: ${c.muted}; --rule: ${c.rule}; }`,
    `html { font-size: ${rootSize}; }`,
    `body { font-family: ${stack(theme, 'body')}; font-size: 1rem; line-height: ${theme.lineHeight}; color: ${c.text}; hyphens: auto; -webkit-hyphens: auto; overflow-wrap: break-word; }`,
    options.screen ? `body { max-width: ${theme.page.maxWidth}px; margin: 2rem auto; padding: 0 1rem; }` : '',
    `h1, h2, h3, h4, h5, h6 { font-family: ${stack(theme, 'heading')}; color: ${c.accent}; line-height: 1.2; margin: ${pt(sp.headingBefore)} 0 ${pt(sp.headingAfter)}; hyphens: manual; break-after: avoid; page-break-after: avoid; }`,
    `h1 { font-size: ${rem(s.h1)}; } h2 { font-size: ${rem(s.h2)}; } h3 { font-size: ${rem(s.h3)}; } h4 { font-size: ${rem(s.h4)}; } h5 { font-size: ${rem(s.h5)}; } h6 { font-size: ${rem(s.h6)}; }`,
    `p { margin: 0 0 ${pt(sp.paragraph)}; orphans: 2; widows: 2; }`,
    // Links are underlined: colour alone does not tell them apart (WCAG 1.4.1).
    `a { color: ${c.accent}; text-decoration: underline; text-underline-offset: 0.15em; }`,
    `code, pre, kbd, samp { font-family: ${stack(theme, 'mono')}; font-size: ${rem(s.code)}; hyphens: none; }`,
    `pre { background: ${c.codeBackground}; padding: 6pt 8pt; white-space: pre-wrap; overflow-wrap: anywhere; }`,
    `:not(pre) > code { background: ${c.codeBackground}; padding: 0 2pt; }`,
    `blockquote { margin: 0 0 ${pt(sp.paragraph)}; padding-inline-start: ${pt(sp.blockquoteIndent)}; border-inline-start: 3pt solid ${c.rule}; color: ${c.muted}; }`,
    `ul, ol { padding-inline-start: ${pt(sp.listIndent)}; margin: 0 0 ${pt(sp.paragraph)}; }`,
    `li.task-list-item { list-style: none; }`,
    `table { border-collapse: collapse; margin: 0 0 ${pt(sp.paragraph)}; font-size: ${rem(s.small + 1)}; }`,
    `th, td { border: 0.5pt solid ${c.rule}; padding: 3pt 5pt; vertical-align: top; }`,
    `th { background: ${c.tableHeaderBackground}; }`,
    `hr { border: 0; border-top: 0.75pt solid ${c.rule}; margin: ${pt(sp.headingBefore)} 0; }`,
    `img { max-width: 100%; height: auto; }`,
    `.title-block { border-bottom: 2pt solid ${c.accent}; margin-bottom: ${pt(sp.headingBefore)}; padding-bottom: ${pt(sp.paragraph)}; }`,
    `.title-block .label { font-family: ${stack(theme, 'heading')}; text-transform: uppercase; letter-spacing: 0.08em; font-size: ${rem(s.small)}; color: ${c.muted}; margin: 0; }`,
    `.title-block h1 { font-size: ${rem(s.title)}; margin-top: 4pt; }`,
    `.title-block .subtitle { font-family: ${stack(theme, 'heading')}; font-size: ${rem(s.subtitle)}; color: ${c.muted}; }`,
    `.meta, .editions, .downloads { font-size: ${rem(s.small)}; color: ${c.muted}; }`,
    `.notice { background: ${c.noticeBackground}; padding: 6pt 8pt; font-size: ${rem(s.small + 1)}; }`,
    // Targets at least 24 px apart (WCAG 2.5.8): contents entries, and [n] after a link.
    `nav.toc ol { list-style: none; padding-inline-start: 0; } nav.toc ol ol { padding-inline-start: ${pt(sp.listIndent)}; } nav.toc li + li { margin-top: 0.3em; }`,
    `.footnotes, .appendix { border-top: 0.75pt solid ${c.rule}; margin-top: ${pt(sp.headingBefore)}; font-size: ${rem(s.small + 1)}; }`,
    `.appendix ol { padding-inline-start: ${pt(sp.listIndent + 4)}; } .appendix li { margin-bottom: 4pt; }`,
    `.appendix .url { font-family: ${stack(theme, 'mono')}; font-size: ${rem(s.small)}; overflow-wrap: anywhere; hyphens: none; }`,
    `.ref { font-size: 0.75em; vertical-align: super; line-height: 0; margin-inline-start: 0.6em; }`,
    `.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }`,
    // The skip link shows when a keyboard user reaches it.
    `.skip:focus { position: static; width: auto; height: auto; clip: auto; }`,
    `@media print { @page { size: ${theme.page.size}; margin: ${pt(m.top)} ${pt(m.right)} ${pt(m.bottom)} ${pt(m.left)}; } body { max-width: none; margin: 0; padding: 0; } .downloads, .skip, .site { display: none; } a { color: inherit; text-decoration: none; } h1, h2, h3 { break-after: avoid; } pre, blockquote, table, figure { break-inside: avoid; } }`,
  ]
    .filter(Boolean)
    .join('\n');
}
