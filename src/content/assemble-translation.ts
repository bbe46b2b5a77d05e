/**
 * A translation's Markdown from its source and translated blocks (`import`): the source
 * file is the skeleton, every translated block replaces the source block at its place
 * (continuation lines get the block's container prefix back), the front matter keeps the
 * source's keys (date, resource URLs...) with its texts translated and the translation
 * keys set. What has no translation keeps the source's text. Pure.
 */
import { isMap, isSeq, parseDocument } from 'yaml';
import { codesToMarkdown, codesToText, type Inline } from './inline-codes.js';
import type { SourceBlock } from './source-blocks.js';

export interface TranslationFields {
  translationOf: string;
  status: 'draft' | 'reviewed';
}

/** The Markdown of a translated body block, fitted to the block's place in the file. */
function blockMarkdown(block: SourceBlock, codes: readonly Inline[]): string {
  const md = codesToMarkdown(codes, block.kind === 'cell');
  // A table cell is one line; other blocks continue on lines with their container's prefix.
  return block.kind === 'cell' ? md.replace(/\s*\n\s*/g, ' ') : md.replace(/\n/g, `\n${block.range!.prefix}`);
}

export function assembleTranslation(sourceText: string, blocks: readonly SourceBlock[], targets: ReadonlyMap<string, Inline[]>, fields: TranslationFields): string {
  let body = sourceText;
  const bodyBlocks = blocks.filter((b) => b.range && targets.has(b.id)).sort((a, b) => b.range!.start - a.range!.start);
  for (const b of bodyBlocks) body = body.slice(0, b.range!.start) + blockMarkdown(b, targets.get(b.id)!) + body.slice(b.range!.end);

  const fm = /^---\n([\s\S]*?\n)---(?=\n|$)/.exec(sourceText);
  if (!fm) return body;
  const doc = parseDocument(fm[1]!);
  for (const b of blocks) {
    const codes = targets.get(b.id);
    if (b.range || !codes) continue;
    const value = codesToText(codes);
    const [key, index] = b.id.split('.') as [string, string | undefined];
    if (index === undefined) doc.set(key, value);
    else {
      const list = doc.get(key, true);
      const item = isSeq(list) ? list.items[Number(index) - 1] : undefined;
      if (key === 'keywords' && isSeq(list)) list.set(Number(index) - 1, value);
      else if (isMap(item)) item.set('title', value);
    }
  }
  doc.delete('source_hash');
  doc.set('translation_of', fields.translationOf);
  doc.set('status', fields.status);
  // Front matter comes first, so the body offsets above never moved it.
  return `---\n${doc.toString({ lineWidth: 0 })}---${body.slice(fm[0].length)}`;
}
