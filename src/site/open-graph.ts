/**
 * Sharing metadata every page carries: Open Graph (title, description, type, locale,
 * image) and `<link rel="alternate" hreflang>` to the same page in the other languages.
 * URLs are relative: the site has no base URL, and stays correct wherever it is served.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';

export interface ShareInfo {
  title: string;
  description?: string;
  type: 'website' | 'article';
  /** BCP 47 tag of the page (`og:locale` wants `fr_FR`-style; the region is not known: `fr`). */
  locale: string;
  /** Relative URL of the cover image, if any. */
  image?: string;
  imageAlt?: string;
  /** The same page in other languages: locale → relative URL (`x-default` for the chooser). */
  alternates?: Array<[hreflang: string, href: string]>;
}

export function shareHead(info: ShareInfo): ElementContent[] {
  const out: ElementContent[] = [
    h('meta', { property: 'og:title', content: info.title }),
    h('meta', { property: 'og:type', content: info.type }),
    h('meta', { property: 'og:locale', content: info.locale.replace('-', '_') }),
  ];
  if (info.description) out.push(h('meta', { property: 'og:description', content: info.description }));
  if (info.image) {
    out.push(h('meta', { property: 'og:image', content: info.image }), h('meta', { property: 'og:image:type', content: 'image/png' }));
    if (info.imageAlt) out.push(h('meta', { property: 'og:image:alt', content: info.imageAlt }));
  }
  for (const [lang, href] of info.alternates ?? []) out.push(h('link', { rel: 'alternate', hrefLang: lang, href }));
  return out;
}
