/**
 * Finds briefings: `content/<locale>/<slug>.md`. Locale folders must be BCP 47 tags
 * known to the catalogue; slugs are lower-case words joined by hyphens. Other files
 * (images) are assets and left for the loader.
 */
import type { Reporter } from '../diagnostics.js';
import type { Env } from '../env.js';
import { BCP47, type Catalogue } from './locales.js';

export interface SourceRef {
  locale: string;
  slug: string;
  /** Content-relative path. */
  path: string;
}

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function discoverBriefings(env: Env, catalogue: Catalogue, reporter: Reporter): Promise<SourceRef[]> {
  const out: SourceRef[] = [];
  const badFolders = new Set<string>();
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
    if (!BCP47.test(locale) || !catalogue.locales.has(locale)) {
      if (!badFolders.has(locale)) {
        badFolders.add(locale);
        reporter.error({
          code: 'content/unknown-locale', file: env.displayPath(locale),
          message: BCP47.test(locale)
            ? `locale folder "${locale}" is not in the locale catalogue`
            : `locale folder "${locale}" is not a BCP 47 language tag`,
          hint: `use one of ${[...catalogue.locales.keys()].join(', ')}, or add the locale to templates/locales/catalogue.yaml`,
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
    out.push({ locale, slug, path: rel });
  }
  return out;
}
