/**
 * The site's own pages, made from the manifest's artifacts after every build: the root
 * index, each locale's download page and Atom feed. Each page says what it shows
 * (`inputs`): the build keeps the published page when that has not changed.
 */
import type { Catalogue } from '../content/locales.js';
import type { LocaleInfo, UiStrings } from '../model/types.js';
import type { Theme } from '../theme/theme.js';
import { renderAtomFeed } from './atom-feed.js';
import { siteEditions } from './editions.js';
import { renderLocaleIndex, renderRootIndex } from './index-page.js';
import type { ManifestEntry } from './manifest.js';

export interface SitePage {
  path: string;
  /** Everything the page shows (plain data, a row per artifact): its part of the page's cache key. */
  inputs: unknown[];
  render(): Uint8Array;
}

/** The fields of an artifact a page or feed shows. */
const shown = (a: ManifestEntry) => [a.path, a.locale, a.slug, a.format, a.bytes, a.title, a.subtitle, a.summary, a.date, a.status, a.author, a.cover];

export function sitePages(entries: ManifestEntry[], catalogue: Catalogue, theme: Theme, strings: (l: LocaleInfo) => UiStrings): SitePage[] {
  const byLocale = siteEditions(entries, catalogue);
  const ctx = { catalogue, theme, strings };
  const all = [...entries].sort((a, b) => (a.path < b.path ? -1 : 1)).map(shown);
  const pages: SitePage[] = [{ path: 'index.html', inputs: all, render: () => renderRootIndex(byLocale, ctx) }];
  for (const code of byLocale.keys()) {
    const info = catalogue.locales.get(code)!;
    // A locale page shows its editions and the sibling languages of each: all entries.
    pages.push({ path: `${code}/index.html`, inputs: all, render: () => renderLocaleIndex(code, byLocale, ctx) });
    const own = all.filter((a) => a[1] === code);
    pages.push({ path: `${code}/feed.xml`, inputs: own, render: () => renderAtomFeed(info, byLocale.get(code)!, strings(info)) });
  }
  return pages;
}
