/**
 * `index.html` at the output root: every briefing, every locale, a link to each file.
 * Written in the source locale's UI strings; each entry carries its own `lang`.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { uiString, type Catalogue } from '../content/locales.js';
import type { UiStrings } from '../model/types.js';
import type { Theme } from '../theme/theme.js';
import { themeCss } from '../theme/css.js';
import type { ManifestEntry } from './manifest.js';

const FORMAT_LABEL: Record<string, string> = { html: 'HTML', pdf: 'PDF', epub: 'EPUB' };

export function renderIndexPage(entries: ManifestEntry[], catalogue: Catalogue, strings: UiStrings, theme: Theme): Uint8Array {
  const bySlug = new Map<string, Map<string, ManifestEntry[]>>();
  for (const e of entries) {
    const locales = bySlug.get(e.slug) ?? new Map<string, ManifestEntry[]>();
    locales.set(e.locale, [...(locales.get(e.locale) ?? []), e]);
    bySlug.set(e.slug, locales);
  }
  const localeOrder = [...catalogue.locales.keys()];
  const sections: ElementContent[] = [...bySlug.keys()].sort().map((slug) => {
    const locales = bySlug.get(slug)!;
    const items = [...locales.keys()]
      .sort((a, b) => localeOrder.indexOf(a) - localeOrder.indexOf(b))
      .map((code) => {
        const files = locales.get(code)!.sort((a, b) => a.format.localeCompare(b.format));
        const info = catalogue.locales.get(code);
        const links: ElementContent[] = [];
        files.forEach((f, i) => {
          if (i) links.push({ type: 'text', value: ' · ' });
          links.push(h('a', { href: f.path, hrefLang: code, type: undefined }, FORMAT_LABEL[f.format] ?? f.format));
        });
        return h('li', [
          h('span', { lang: code, dir: info?.dir }, [h('strong', info?.nativeName ?? code), ` — ${files[0]!.title}`]),
          ' (',
          ...links,
          ')',
        ]);
      });
    return h('section', { ariaLabelledBy: `b-${slug}` }, [h(`h2#b-${slug}`, slug), h('ul', items)]);
  });
  const source = catalogue.locales.get(catalogue.source);
  const title = uiString(strings, 'allBriefings');
  const tree = {
    type: 'root' as const,
    children: [
      { type: 'doctype' as const },
      h('html', { lang: source?.code ?? 'en', dir: source?.dir ?? 'ltr' }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', title),
          h('style', themeCss(theme, { screen: true })),
        ]),
        h('body', [h('main', [h('h1', title), ...sections])]),
      ]),
    ],
  };
  return new TextEncoder().encode(`${unified().use(rehypeStringify).stringify(tree)}\n`);
}
