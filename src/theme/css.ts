/**
 * CSS for the HTML and EPUB editions, generated from the theme tokens so that both
 * agree with the PDF. The look of each element (font, weight, slant, size, colour,
 * background) comes from the one table `element-styles.ts`, which the PDF writer and
 * `used-faces.ts` read too; this module adds layout (margins, paddings, borders), all
 * from theme tokens. `fontUrl` decides which font files get an @font-face rule and how
 * they are referenced (EPUB: files in the book; HTML: data: URIs).
 *
 * Only logical properties (`padding-inline-start`, `border-inline-start`, `text-align:
 * start`): the same stylesheet serves left-to-right and right-to-left editions.
 */
import type { Theme, FontRole, FontStyle } from './theme.js';
import { FONT_ROLES } from './theme.js';
import { ELEMENT_STYLES, selectorOf, type ElementStyle } from './element-styles.js';

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

/** Number without float noise, for CSS. */
const num = (n: number) => Number(n.toFixed(4));

/** The declarations of one element-style row. */
function elementDeclarations(theme: Theme, st: ElementStyle, fallbacks: readonly string[]): string[] {
  const s = theme.sizes;
  const out: string[] = [];
  if (st.role) out.push(`font-family: ${familyStack(theme, st.role, fallbacks)}`);
  if (st.bold) out.push('font-weight: bold');
  if (st.italic) out.push('font-style: italic');
  if (st.upper) out.push('text-transform: uppercase');
  if (st.size) out.push(`font-size: ${st.relative ? `${num(s[st.size] / s.body)}em` : `${num(s[st.size] / s.body)}rem`}`);
  // vertical-align's em is the element's own (already scaled) size; the rise is a share of the surrounding one.
  if (st.script) out.push(`font-size: ${num(s.script)}em`, `vertical-align: ${st.script === 'super' ? '' : '-'}${num((st.script === 'super' ? s.scriptRise : s.scriptDrop) / s.script)}em`, 'line-height: 0');
  if (st.color) out.push(`color: ${theme.colors[st.color]}`);
  if (st.background) out.push(`background: ${theme.colors[st.background]}`);
  if (st.decoration) out.push(`text-decoration: ${st.decoration}`);
  return out;
}

/** One rule per row of the element-style table, plus upright emphasis inside emphasis. */
function elementRules(theme: Theme, fallbacks: readonly string[]): string[] {
  const rules = (Object.values(ELEMENT_STYLES) as ElementStyle[]).map((st) => `${selectorOf(st.match)} { ${elementDeclarations(theme, st, fallbacks).join('; ')}; }`);
  for (const st of Object.values(ELEMENT_STYLES) as ElementStyle[]) {
    if (st.italic !== 'toggle') continue;
    // Nested emphasis alternates (as the PDF does), to three levels. Every combination is
    // spelt out: EPUB readers (and epubcheck) do not know `:is()`.
    const tags = st.match.tags ?? [];
    const two = tags.flatMap((a) => tags.map((b) => `${a} ${b}`));
    const three = two.flatMap((ab) => tags.map((c) => `${ab} ${c}`));
    rules.push(`${two.join(', ')} { font-style: normal; }`, `${three.join(', ')} { font-style: italic; }`);
  }
  return rules;
}

export function themeCss(theme: Theme, options: CssOptions = {}): string {
  const { colors: c, sizes: s, spacing: sp, rules: r } = theme;
  const pt = (n: number) => `${num(n)}pt`;
  // Font sizes are relative (EPUB Accessibility, WCAG 1.4.4: readers scale the text):
  // the root is the body size as a share of the reader's default (12 points, i.e. 16 px),
  // every other size is in rem of it, so the theme's point sizes hold at 100 %.
  const rootSize = `${num((s.body / 12) * 100)}%`;
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
  const tableBorders =
    theme.table.style === 'grid'
      ? `th, td { border: ${pt(r.hair)} solid ${c.rule}; }`
      : // Rules: a thin rule above the table and under its head, a hairline under each row (as the PDF draws).
        `table { border-top: ${pt(r.thin)} solid ${c.rule}; } th, td { border: 0; border-bottom: ${pt(r.hair)} solid ${c.rule}; } thead th { border-bottom-width: ${pt(r.thin)}; }`;
  return [
    ...faces,
    `:root { --accent: ${c.accent}; --text: ${c.text}; --muted: ${c.muted}; --rule: ${c.rule}; }`,
    `html { font-size: ${rootSize}; background: ${c.paper}; }`,
    ...elementRules(theme, extra),
    `body { line-height: ${theme.lineHeight}; hyphens: auto; -webkit-hyphens: auto; overflow-wrap: break-word; }`,
    options.screen ? `body { max-width: ${theme.page.maxWidth}px; margin: 2rem auto; padding: 0 1rem; }` : '',
    // Balanced heading lines, no lone last word in a paragraph (the PDF breaks lines the same way).
    `h1, h2, h3, h4, h5, h6, .subtitle { line-height: ${theme.headingLineHeight}; margin: ${pt(sp.headingBefore)} 0 ${pt(sp.headingAfter)}; hyphens: manual; text-wrap: balance; break-after: avoid; page-break-after: avoid; }`,
    `p, li, blockquote { text-wrap: pretty; }`,
    `p { margin: 0 0 ${pt(sp.paragraph)}; orphans: 2; widows: 2; }`,
    `a { text-underline-offset: 0.15em; }`,
    `mark { color: inherit; }`,
    `code, pre, kbd, samp { hyphens: none; }`,
    `pre { padding: ${pt(sp.codePaddingY)} ${pt(sp.codePaddingX)}; white-space: pre-wrap; overflow-wrap: anywhere; }`,
    `pre code { font-size: 1em; }`,
    `:not(pre) > code { padding: 0 ${pt(sp.codePaddingX / 4)}; }`,
    `blockquote { margin: 0 0 ${pt(sp.paragraph)}; padding-inline-start: ${pt(sp.blockquoteIndent - r.quoteBar)}; border-inline-start: ${pt(r.quoteBar)} solid ${c.rule}; }`,
    `ul, ol { padding-inline-start: ${pt(sp.listIndent)}; margin: 0 0 ${pt(sp.paragraph)}; }`,
    `li.task-list-item { list-style: none; }`,
    `table { width: 100%; border-collapse: collapse; margin: 0 0 ${pt(sp.paragraph)}; }`,
    `th, td { padding: ${pt(sp.cellPaddingY)} ${pt(sp.cellPaddingX)}; vertical-align: top; text-align: start; }`,
    tableBorders,
    `hr { border: 0; border-top: ${pt(r.thin)} solid ${c.rule}; margin: ${pt(sp.headingBefore)} 0; }`,
    `img { max-width: 100%; height: auto; }`,
    `.title-block { border-bottom: ${pt(r.heavy)} solid ${c.accent}; margin-bottom: ${pt(sp.headingBefore)}; padding-bottom: ${pt(sp.paragraph)}; }`,
    `.title-block .label { letter-spacing: 0.08em; margin: 0; }`,
    `.title-block h1 { margin-top: ${pt(sp.headingAfter)}; }`,
    `.lead { margin-bottom: ${pt(sp.headingBefore)}; }`,
    `.notice { padding: ${pt(sp.codePaddingY)} ${pt(sp.codePaddingX)}; }`,
    // Targets at least 24 px apart (WCAG 2.5.8): contents entries, and [n] after a link.
    `nav.toc ol { list-style: none; padding-inline-start: 0; } nav.toc ol ol { padding-inline-start: ${pt(sp.listIndent)}; } nav.toc li + li { margin-top: 0.3em; }`,
    `.footnotes, .appendix { border-top: ${pt(r.thin)} solid ${c.rule}; margin-top: ${pt(sp.headingBefore)}; }`,
    `.appendix ol { padding-inline-start: ${pt(sp.listIndent + sp.cellPaddingX)}; } .appendix li { margin-bottom: ${pt(sp.paragraph * 0.6)}; }`,
    `.appendix .url { overflow-wrap: anywhere; hyphens: none; }`,
    `.ref { margin-inline-start: 0.6em; }`,
    `.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }`,
    // The skip link shows when a keyboard user reaches it.
    `.skip:focus { position: static; width: auto; height: auto; clip: auto; }`,
    `@media print { @page { size: ${theme.page.size}; margin: ${pt(m.top)} ${pt(m.right)} ${pt(m.bottom)} ${pt(m.left)}; } body { max-width: none; margin: 0; padding: 0; } .downloads, .skip, .site { display: none; } a { color: inherit; text-decoration: none; } h1, h2, h3 { break-after: avoid; } pre, blockquote, table, figure { break-inside: avoid; } }`,
  ]
    .filter(Boolean)
    .join('\n');
}
