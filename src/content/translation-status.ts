/**
 * Translation status: for every briefing × locale of the catalogue, is the edition the
 * source, up to date (ok), a draft, missing, stale (its source changed since the
 * `source_hash` it records) or invalid (it does not load)?
 *
 * Pure over what the loader (`loadDocuments`) produced; the only extra read is the hash
 * of a source whose front matter is broken, so its translations can still be judged.
 */
import { Reporter } from '../diagnostics.js';
import type { Env } from '../env.js';
import { contentHash } from '../model/build-document.js';
import { decodeSource } from '../model/decode-source.js';
import type { BriefingDocument, SourceLag, TranslationStatus } from '../model/types.js';
import type { SourceRef } from './discover.js';
import type { Catalogue } from './locales.js';

/** What `contentHash` returns: 16 lower-case hex digits. */
export const HASH = /^[0-9a-f]{16}$/;

export type EditionState = 'source' | 'ok' | 'draft' | 'stale' | 'missing' | 'invalid';

/** Why a translation is stale. */
export type StaleReason = 'source-changed' | 'no-source-hash' | 'source-missing';

export interface EditionStatus {
  locale: string;
  state: EditionState;
  /** Content-relative path, when the file exists. */
  path?: string;
  /** Front matter `status` of a translation. */
  status?: TranslationStatus;
  /** The locale it was translated from (front matter `translation_of`, else the catalogue source). */
  translationOf?: string;
  /** The hash the translation records (`source_hash`). */
  recordedHash?: string;
  /** The content hash of the source file now (for a source: its own hash). */
  currentHash?: string;
  staleReason?: StaleReason;
  /** Source blocks changed, added, removed since the translation's block record; null: unknown (no record). */
  blocks?: SourceLag['blocks'];
}

export interface BriefingStatus {
  slug: string;
  /** One entry per catalogue locale, in catalogue order. */
  editions: EditionStatus[];
}

export interface StatusReport {
  source: string;
  locales: string[];
  briefings: BriefingStatus[];
}

/** The hash `buildDocument` computes, for a file the loader could not model. */
export async function hashOfContent(env: Env, relPath: string): Promise<string | undefined> {
  if (!(await env.contentExists(relPath))) return undefined;
  const text = decodeSource(await env.readContent(relPath), env.displayPath(relPath), new Reporter());
  return text === undefined ? undefined : contentHash(text);
}

export async function translationStatus(
  env: Env,
  catalogue: Catalogue,
  refs: readonly SourceRef[],
  docs: readonly BriefingDocument[],
): Promise<StatusReport> {
  const locales = [...catalogue.locales.keys()];
  const docByPath = new Map(docs.map((d) => [d.sourcePath, d]));
  const refByKey = new Map(refs.map((r) => [`${r.locale}/${r.slug}`, r]));
  const slugs = [...new Set(refs.map((r) => r.slug))].sort();
  const hashCache = new Map<string, string | undefined>();
  const hashOf = async (locale: string, slug: string): Promise<string | undefined> => {
    const ref = refByKey.get(`${locale}/${slug}`);
    if (!ref) return undefined;
    const doc = docByPath.get(ref.path);
    if (doc) return doc.contentHash;
    if (!hashCache.has(ref.path)) hashCache.set(ref.path, await hashOfContent(env, ref.path));
    return hashCache.get(ref.path);
  };

  const briefings: BriefingStatus[] = [];
  for (const slug of slugs) {
    const editions: EditionStatus[] = [];
    for (const locale of locales) {
      const ref = refByKey.get(`${locale}/${slug}`);
      if (!ref) {
        editions.push({ locale, state: 'missing' });
        continue;
      }
      const doc = docByPath.get(ref.path);
      if (!doc) {
        editions.push({ locale, state: 'invalid', path: ref.path });
        continue;
      }
      const { meta } = doc;
      const isTranslation = meta.translation_of !== undefined || locale !== catalogue.source;
      if (!isTranslation) {
        editions.push({ locale, state: 'source', path: ref.path, currentHash: doc.contentHash });
        continue;
      }
      const translationOf = meta.translation_of ?? catalogue.source;
      const currentHash = await hashOf(translationOf, slug);
      const lag = doc.sourceLag;
      const recordedHash = lag ? lag.recordedHash : meta.source_hash;
      const entry: EditionStatus = {
        locale,
        state: meta.status === 'draft' ? 'draft' : 'ok',
        path: ref.path,
        status: meta.status,
        translationOf,
        recordedHash,
        currentHash,
        ...(lag ? { blocks: lag.blocks } : {}),
      };
      // With a block record, only changed blocks make a translation stale (a new date or
      // image in the source does not); without one, any change of the source file does.
      const staleReason: StaleReason | undefined =
        currentHash === undefined || !lag ? 'source-missing'
          : lag.blocks ? (lag.blocks.behind > 0 ? 'source-changed' : undefined)
            : recordedHash === undefined || !HASH.test(recordedHash) ? 'no-source-hash'
              : 'source-changed';
      if (staleReason) Object.assign(entry, { state: 'stale', staleReason });
      editions.push(entry);
    }
    briefings.push({ slug, editions });
  }
  return { source: catalogue.source, locales, briefings };
}

/** How many editions are in each state. */
export function countStates(report: StatusReport): Record<EditionState, number> {
  const counts: Record<EditionState, number> = { source: 0, ok: 0, draft: 0, stale: 0, missing: 0, invalid: 0 };
  for (const b of report.briefings) for (const e of b.editions) counts[e.state]++;
  return counts;
}

/** One sentence on why an edition is stale, for the operator; `display` shows content paths. */
export function describeStale(e: EditionStatus, display: (relPath: string) => string = (p) => p): string {
  const source = display(`${e.translationOf}/${e.path?.split('/').pop()}`);
  switch (e.staleReason) {
    case 'source-missing':
      return `its source ${source} does not exist or cannot be read`;
    case 'no-source-hash':
      return `it records no source hash${e.recordedHash !== undefined ? ` (\`source_hash: ${e.recordedHash}\` is not one)` : ''}; the source ${source} is now ${e.currentHash}`;
    case 'source-changed':
      return e.blocks
        ? `${describeBehind(e.blocks, `its source ${source}`)}`
        : `the source ${source} changed since it was translated (recorded ${e.recordedHash}, now ${e.currentHash})`;
    default:
      return 'it is up to date';
  }
}

/** "2 blocks behind content/fr/x.md (1 changed, 1 added)". */
export function describeBehind(b: NonNullable<SourceLag['blocks']>, source: string): string {
  const parts = (['changed', 'added', 'removed'] as const).filter((k) => b[k] > 0).map((k) => `${b[k]} ${k}`);
  return `${b.behind} block${b.behind === 1 ? '' : 's'} behind ${source}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
