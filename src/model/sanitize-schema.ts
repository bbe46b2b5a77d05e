/**
 * What raw HTML may survive in a briefing: GitHub's schema (rehype-sanitize's default),
 * with `clobberPrefix: ''` so heading slugs and footnote links keep their plain ids
 * (`#fn-1`, `#les-thèmes`). Scripts, styles, event handlers, iframes, forms and
 * `javascript:` URLs are removed. So are presentational attributes HTML5 made obsolete
 * (`align`, `width`, `border`…): the theme decides how things look, and EPUB readers
 * reject them. GFM table alignment (`align` on cells) is kept until `alignToClass`.
 */
import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';

const PRESENTATIONAL = new Set([
  'align', 'border', 'cellPadding', 'cellSpacing', 'char', 'charOff', 'clear', 'color', 'compact', 'frame',
  'hSpace', 'height', 'noShade', 'noWrap', 'rules', 'size', 'vAlign', 'width', 'axis',
]);

export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: '',
  // <picture>/<source> point at alternative image files the build does not load (often
  // remote): the <img> inside is what every format shows.
  tagNames: [...(defaultSchema.tagNames ?? []).filter((t) => t !== 'picture' && t !== 'source'), 'abbr', 'cite', 'mark', 'small'],
  // Drop these elements with their content (a stray <style> must not become text).
  strip: [...(defaultSchema.strip ?? []), 'style', 'noscript', 'template'],
  attributes: {
    ...defaultSchema.attributes,
    abbr: [...(defaultSchema.attributes?.abbr ?? []), 'title'],
    '*': (defaultSchema.attributes?.['*'] ?? []).filter((a) => !PRESENTATIONAL.has(typeof a === 'string' ? a : String(a[0]))),
    td: [['align', 'left', 'center', 'right']],
    th: [['align', 'left', 'center', 'right']],
  },
};
