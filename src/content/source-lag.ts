/**
 * A translation and its source, side by side: the source edition's text and blocks, the
 * translation's block record, and how far behind the source the translation is. Read
 * through `Env` only; the loader calls `sourceLag` once per translation, and `diff`,
 * `export` and `import` start from `translationPair`.
 */
import { createHash } from 'node:crypto';
import { Reporter } from '../diagnostics.js';
import type { Env } from '../env.js';
import { contentHash } from '../model/build-document.js';
import { decodeSource } from '../model/decode-source.js';
import type { FrontMatter, SourceLag } from '../model/types.js';
import { diffBlocks } from './block-diff.js';
import { parseRecord, recordPath, type BlockRecord } from './block-record.js';
import { sourceBlocks, type SourceBlock } from './source-blocks.js';

/** sha256 of a content file's bytes, `absent` when it does not exist (what cache keys compare). */
async function contentSha(env: Env, relPath: string): Promise<string> {
  if (!(await env.contentExists(relPath))) return 'absent';
  return createHash('sha256').update(await env.readContent(relPath)).digest('hex');
}

export interface TranslationPair {
  sourceLocale: string;
  sourcePath: string;
  sourceText: string;
  sourceHash: string;
  blocks: SourceBlock[];
  recordPath: string;
  /** The translation's block record, when it has one (and it is valid). */
  record?: BlockRecord;
}

/** The source locale of an edition: `translation_of`, else the catalogue source. */
export function sourceLocaleOf(meta: Pick<FrontMatter, 'translation_of'>, catalogueSource: string): string {
  return meta.translation_of ?? catalogueSource;
}

/**
 * Reads the source of `locale/slug` and the translation's record. Undefined when the
 * source does not exist or cannot be decoded; record problems go to `reporter`.
 */
export async function translationPair(env: Env, locale: string, slug: string, sourceLocale: string, reporter: Reporter): Promise<TranslationPair | undefined> {
  const sourcePath = `${sourceLocale}/${slug}.md`;
  if (!(await env.contentExists(sourcePath))) return undefined;
  const sourceText = decodeSource(await env.readContent(sourcePath), env.displayPath(sourcePath), new Reporter());
  if (sourceText === undefined) return undefined;
  const rec = recordPath(locale, slug);
  let record: BlockRecord | undefined;
  if (await env.contentExists(rec)) {
    const text = decodeSource(await env.readContent(rec), env.displayPath(rec), reporter);
    if (text !== undefined) record = parseRecord(text, env.displayPath(rec), reporter);
  }
  return { sourceLocale, sourcePath, sourceText, sourceHash: contentHash(sourceText), blocks: sourceBlocks(sourceText), recordPath: rec, record };
}

/** How far behind its source a translation is; undefined when the source is missing. */
export async function sourceLag(env: Env, locale: string, slug: string, meta: FrontMatter, catalogueSource: string, reporter: Reporter): Promise<SourceLag | undefined> {
  const pair = await translationPair(env, locale, slug, sourceLocaleOf(meta, catalogueSource), reporter);
  if (!pair) return undefined;
  const inputs: SourceLag['inputs'] = [[pair.sourcePath, await contentSha(env, pair.sourcePath)], [pair.recordPath, await contentSha(env, pair.recordPath)]];
  const lag = { sourceLocale: pair.sourceLocale, sourcePath: pair.sourcePath, sourceHash: pair.sourceHash, inputs };
  if (pair.record) {
    const d = diffBlocks(pair.record.blocks, pair.blocks);
    return { ...lag, recordedHash: pair.record.sourceHash, blocks: { behind: d.behind, changed: d.changed, added: d.added, removed: d.removed } };
  }
  // No record: all that is known is whether the whole source changed since `source_hash`.
  const upToDate = meta.source_hash === pair.sourceHash;
  return { ...lag, recordedHash: meta.source_hash, blocks: upToDate ? { behind: 0, changed: 0, added: 0, removed: 0 } : null };
}
