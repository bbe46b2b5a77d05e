/**
 * Where the installed Briefpress keeps its own files: the project root (package.json,
 * templates/, the fonts prepared by `make compile` in dist/fonts).
 *
 * Found from this module's own location, which sits two levels below the root in every
 * way the code runs: `src/install/` (tests, tsx), `dist/install/` (compiled modules) and
 * `dist/bundle/` (the bundle the CLI runs, `scripts/bundle.mjs`). Code that needs a
 * project path asks here rather than counting `..` from its own file, which the bundle moves.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Site-wide font subsets prepared at install time (`scripts/prepare-fonts.mjs`). */
export const PREPARED_FONTS = path.join(PROJECT_ROOT, 'dist', 'fonts');

/** The `hyphen` package's pattern sets as JSON, written at install time (`scripts/prepare-hyphenation.mjs`). */
export const PREPARED_HYPHENATION = path.join(PROJECT_ROOT, 'dist', 'hyphenation');

/**
 * `templates/` at the project root. BRIEFPRESS_TEMPLATES overrides it (tests restyle a
 * briefing with a copied theme).
 */
export function templatesDir(): string {
  return process.env.BRIEFPRESS_TEMPLATES ?? path.join(PROJECT_ROOT, 'templates');
}

let version: string | undefined;

/** The version in package.json. */
export function briefpressVersion(): string {
  version ??= (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
