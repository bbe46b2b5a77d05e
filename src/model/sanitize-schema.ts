/**
 * What raw HTML may survive in a briefing: GitHub's schema (rehype-sanitize's default),
 * with `clobberPrefix: ''` so heading slugs and footnote links keep their plain ids
 * (`#fn-1`, `#les-thèmes`). Scripts, styles, event handlers, iframes, forms and
 * `javascript:` URLs are removed.
 */
import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';

export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []), 'abbr', 'cite', 'mark', 'small'],
  // Drop these elements with their content (a stray <style> must not become text).
  strip: [...(defaultSchema.strip ?? []), 'style', 'noscript', 'template'],
  attributes: {
    ...defaultSchema.attributes,
    abbr: [...(defaultSchema.attributes?.abbr ?? []), 'title'],
  },
};
