/**
 * The manifest's artifacts grouped as readers see them: one edition per locale and slug,
 * with its files. Shared by the download pages and the feeds.
 */
import type { Catalogue } from '../content/locales.js';
import { uiString } from '../content/locales.js';
import type { UiStrings } from '../model/types.js';
import type { ManifestEntry } from './manifest.js';

export interface SiteEdition {
  locale: string;
  slug: string;
  /** Descriptive fields (title, date, summary...): the first artifact's, all agree. */
  meta: ManifestEntry;
  /** Artifacts in the writers' order (html, pdf, epub). */
  files: ManifestEntry[];
}

export const FORMAT_LABEL: Record<string, string> = { html: 'HTML', pdf: 'PDF', epub: 'EPUB' };
const FORMAT_RANK: Record<string, number> = { html: 0, pdf: 1, epub: 2 };

/** Newest first, then by slug: the order of every page and feed. */
export function byNewest(a: SiteEdition, b: SiteEdition): number {
  const da = a.meta.date ?? '';
  const db = b.meta.date ?? '';
  return da !== db ? (da < db ? 1 : -1) : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/** Editions by locale (catalogue order), each list newest first. */
export function siteEditions(entries: ManifestEntry[], catalogue: Catalogue): Map<string, SiteEdition[]> {
  const byId = new Map<string, SiteEdition>();
  for (const e of entries) {
    const id = `${e.locale}/${e.slug}`;
    const ed = byId.get(id) ?? { locale: e.locale, slug: e.slug, meta: e, files: [] };
    ed.files.push(e);
    byId.set(id, ed);
  }
  const out = new Map<string, SiteEdition[]>();
  for (const code of catalogue.locales.keys()) {
    const list = [...byId.values()].filter((ed) => ed.locale === code);
    if (!list.length) continue;
    for (const ed of list) ed.files.sort((a, b) => (FORMAT_RANK[a.format] ?? 9) - (FORMAT_RANK[b.format] ?? 9));
    out.set(code, list.sort(byNewest));
  }
  return out;
}

/** "78 KB", "1.4 MB" in the reader's language (decimal separator, unit order). */
export function fileSize(bytes: number, dateLocale: string, strings: UiStrings): string {
  const kb = bytes / 1024;
  if (kb < 1024) return uiString(strings, 'kilobytes', { n: new Intl.NumberFormat(dateLocale).format(Math.max(1, Math.round(kb))) });
  return uiString(strings, 'megabytes', { n: new Intl.NumberFormat(dateLocale, { maximumFractionDigits: 1 }).format(kb / 1024) });
}
