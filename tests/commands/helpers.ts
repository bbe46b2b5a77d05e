/** Shared by the command tests: fixture trees in memory, diagnostics as text. */
import path from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.js';
import { memoryEnv } from '../../src/env.js';
import { FIXTURES, readTree } from '../helpers/fixtures.js';

/** fr source + en (ok) + rw (draft) + a stale en; see its README. */
export const TRANSLATIONS = path.join(FIXTURES, 'translations-fr-en-rw');
export const TRANSLATIONS_CONTENT = path.join(TRANSLATIONS, 'content');
/** Complete UI strings for fr, en, rw, independent of the real templates/locales. */
export const TRANSLATIONS_TEMPLATES = path.join(TRANSLATIONS, 'templates');
export const BROKEN_LINKS_CONTENT = path.join(FIXTURES, 'check-broken-links', 'content');
export const MISSING_UI_STRINGS_TEMPLATES = path.join(FIXTURES, 'ui-strings-missing-key', 'templates');

/** A memoryEnv over a copy of a fixture content folder (tests may edit `files`). */
export function fixtureEnv(contentDir: string) {
  const files: Record<string, string | Uint8Array> = readTree(contentDir);
  return { env: memoryEnv(files), files };
}

export function text(bytes: string | Uint8Array | undefined): string {
  return typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes);
}

export function lines(diags: Diagnostic[]): string[] {
  return diags.map(formatDiagnostic);
}

/** Appends a sentence to a file's body (a French source edit that makes translations stale). */
export function editBody(files: Record<string, string | Uint8Array>, relPath: string, sentence: string): void {
  files[relPath] = `${text(files[relPath]).trimEnd()}\n\n${sentence}\n`;
}
