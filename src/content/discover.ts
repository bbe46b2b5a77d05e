/**
 * Finds briefings: `content/<locale>/<slug>.md`. A locale folder is any BCP 47 tag of a
 * language `Intl` knows; a folder the catalogue does not list is resolved from `Intl`
 * and added to the caller's catalogue copy (`addLocale`). Slugs are lower-case words
 * joined by hyphens. Other files (images) are assets and left for the loader.
 *
 * Discovery also reports, once per run: the catalogue's own problems, and each locale
 * whose UI strings borrow keys from another language (never another language's UI
 * without a warning).
 */
import type { Reporter } from '../diagnostics.js';
import type { Env } from '../env.js';
import { templatesDir } from '../install/paths.js';
import path from 'node:path';
import { addLocale, BCP47, isKnownLanguageTag, missingUiKeys, type Catalogue } from './locales.js';

export interface SourceRef {
  locale: string;
  slug: string;
  /** Content-relative path. */
  path: string;
}

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function discoverBriefings(env: Env, catalogue: Catalogue, reporter: Reporter): Promise<SourceRef[]> {
  for (const d of catalogue.problems) reporter.report(d);
  const out: SourceRef[] = [];
  const badFolders = new Set<string>();
  const found = new Set<string>();
  for (const rel of await env.listContent()) {
    if (!rel.endsWith('.md')) continue;
    const parts = rel.split('/');
    if (parts.length !== 2) {
      reporter.error({
        code: 'content/misplaced', file: env.displayPath(rel),
        message: 'a briefing must sit at content/<locale>/<slug>.md',
        hint: 'move it into the folder of its locale, e.g. content/fr/',
      });
      continue;
    }
    const [locale, name] = parts as [string, string];
    if (!catalogue.locales.has(locale) && !isKnownLanguageTag(locale)) {
      if (!badFolders.has(locale)) {
        badFolders.add(locale);
        reporter.error({
          code: 'content/unknown-locale', file: env.displayPath(locale),
          message: BCP47.test(locale)
            ? `locale folder "${locale}" names no language Briefpress knows`
            : `locale folder "${locale}" is not a BCP 47 language tag`,
          hint: 'name the folder with a BCP 47 tag such as de, fr-CA, pt-BR or ar',
        });
      }
      continue;
    }
    const slug = name.slice(0, -3);
    if (!SLUG.test(slug)) {
      reporter.error({
        code: 'content/bad-slug', file: env.displayPath(rel),
        message: `"${slug}" is not a valid briefing slug`,
        hint: 'use lower-case letters, digits and single hyphens, e.g. paris-ai-summit-2025',
      });
      continue;
    }
    addLocale(catalogue, locale);
    found.add(locale);
    out.push({ locale, slug, path: rel });
  }
  for (const locale of found) warnBorrowedUiStrings(locale, reporter);
  return out;
}

function warnBorrowedUiStrings(locale: string, reporter: Reporter): void {
  const { keys, from } = missingUiKeys(locale);
  if (keys.length === 0) return;
  const file = path.relative(process.cwd(), path.join(templatesDir(), 'locales', `${locale}.yaml`));
  reporter.warn({
    code: 'ui-strings/fallback', file,
    message: `locale "${locale}" has no UI strings for ${keys.length} key${keys.length === 1 ? '' : 's'} (${keys.join(', ')}); its editions show them in ${from.join(', then ')}`,
    hint: `write ${file} with these keys translated`,
  });
}
