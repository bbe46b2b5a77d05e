/**
 * One set of rules for `check` and `build`: what the loader reports (front matter,
 * encoding, locales, slugs, images, links, lost content) plus the rules here, with the
 * same codes and severities in both commands. Warnings never stop a build; errors do;
 * `--strict` makes every warning an error (a `Reporter` option).
 */
import type { SourceRef } from '../content/discover.js';
import type { Catalogue } from '../content/locales.js';
import type { Reporter } from '../diagnostics.js';
import type { Env } from '../env.js';
import type { BriefingDocument } from '../model/types.js';
import { templatesDir } from '../install/paths.js';
import { checkCatalogue, checkMonths, checkUiStrings } from './ui-strings.js';
import { checkThemes } from './themes.js';

export interface ContentRulesInput {
  env: Env;
  catalogue: Catalogue;
  /** Every briefing edition discovered. */
  refs: readonly SourceRef[];
  /** The editions loaded in this run. */
  docs: readonly BriefingDocument[];
  reporter: Reporter;
  /** The templates folder (default: the one the loader uses). */
  templates?: string;
  /** The build's theme (`--theme`), checked besides every theme the briefings name. */
  theme?: string;
}

/**
 * Runs the rules beyond the loader's; results go to `reporter`. With `docs` empty (a build
 * that renders editions one by one) only the template rules run; with the loaded editions
 * (`check`) also links between briefings' fragments and stale translations.
 */
export async function runContentRules(input: ContentRulesInput): Promise<void> {
  const { catalogue, refs, docs, reporter } = input;
  const templates = input.templates ?? templatesDir();
  checkCatalogue(catalogue, templates, reporter);
  checkUiStrings(catalogue, templates, new Set(refs.map((r) => r.locale)), reporter);
  checkMonths(catalogue, templates, reporter);
  checkThemes(templates, input.theme, reporter);
  if (docs.length === 0) return;
  // Loaded on use: a build (no documents here) must not pay for the Markdown pipeline
  // these modules bring in, or a no-op rebuild would spend most of its time loading it.
  const { checkFragments } = await import('./links.js');
  const { checkTranslations } = await import('./translations.js');
  for (const doc of docs) checkFragments(doc, docs, reporter);
  await checkTranslations(input.env, catalogue, refs, docs, reporter);
}
