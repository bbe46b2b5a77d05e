/**
 * Translations behind their source (changed blocks since their block record, or a changed
 * source since their `source_hash`): a warning (an error with `--strict`, like every warning).
 */
import type { Env } from '../env.js';
import { Reporter } from '../diagnostics.js';
import type { SourceRef } from '../content/discover.js';
import type { Catalogue } from '../content/locales.js';
import { describeStale, translationStatus } from '../content/translation-status.js';
import { decodeSource } from '../model/decode-source.js';
import type { BriefingDocument } from '../model/types.js';

/** Line and column of a front matter key (`source_hash`...) in a source text. */
export function frontMatterKeyPosition(text: string, keys: string[]): { line: number; column: number } {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---') return { line: 1, column: 1 };
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  const block = lines.slice(0, end === -1 ? lines.length : end);
  // The first key of `keys` that is present wins.
  for (const key of keys) {
    const i = block.findIndex((l) => l.startsWith(`${key}:`) || new RegExp(`^${key}\\s+:`).test(l));
    if (i > 0) return { line: i + 1, column: 1 };
  }
  return { line: 1, column: 1 };
}

export async function checkTranslations(
  env: Env,
  catalogue: Catalogue,
  refs: readonly SourceRef[],
  docs: readonly BriefingDocument[],
  reporter: Reporter,
): Promise<void> {
  const report = await translationStatus(env, catalogue, refs, docs);
  for (const b of report.briefings) {
    for (const e of b.editions) {
      if (e.state !== 'stale') continue;
      const text = decodeSource(await env.readContent(e.path!), env.displayPath(e.path!), new Reporter()) ?? '';
      const where = frontMatterKeyPosition(text, ['source_hash', 'translation_of']);
      const d = {
        code: 'translation/stale', file: env.displayPath(e.path!), ...where,
        message: `stale translation: ${describeStale(e, env.displayPath)}`,
        hint: !e.currentHash
          ? `restore the source, or remove \`translation_of\` if this edition is an original`
          : e.blocks
            ? `see what changed: briefpress diff ${b.slug} --locale ${e.locale}; once the translation is updated: briefpress diff ${b.slug} --locale ${e.locale} --accept`
            : `update the translation, then record it: briefpress diff ${b.slug} --locale ${e.locale} --accept (or set \`source_hash: ${e.currentHash}\`)`,
      };
      reporter.warn(d);
    }
  }
}

