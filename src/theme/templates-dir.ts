import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `templates/` at the project root. This file sits one level below `src/` (and below
 * `dist/` once compiled), so the same relative path works in both.
 * BRIEFPRESS_TEMPLATES overrides it (tests restyle a briefing with a copied theme).
 */
export function templatesDir(): string {
  return process.env.BRIEFPRESS_TEMPLATES ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');
}
