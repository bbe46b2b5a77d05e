/**
 * The block record of a translation: `content/<locale>/<slug>.source-blocks.yaml`, next to
 * the translation. It lists the source blocks the translation was made from (id, hash and
 * text), so `status` can count what changed since, `diff` can show the old text beside the
 * new without git, and a reviewer sees in a diff of the record exactly which source
 * paragraphs a translation update covered. Written by `new`, `import` and `diff --accept`.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import type { Reporter } from '../diagnostics.js';
import { blockHash, type SourceBlock } from './source-blocks.js';

export interface RecordedBlock {
  id: string;
  hash: string;
  text: string;
}

export interface BlockRecord {
  /** Content path of the source edition, e.g. `fr/ai-briefing.md`. */
  source: string;
  /** `contentHash` of the source file when recorded. */
  sourceHash: string;
  blocks: RecordedBlock[];
}

/** Where the record of a translation lives, beside it. */
export function recordPath(locale: string, slug: string): string {
  return `${locale}/${slug}.source-blocks.yaml`;
}

const HEADER = [
  '# The source blocks this translation was made from (briefpress: see README, "Translating a',
  '# briefing"). Written by `briefpress new`, `import` and `diff --accept`: review it in diffs,',
  '# do not edit it by hand.',
];

export function recordOf(source: string, sourceHash: string, blocks: readonly SourceBlock[]): BlockRecord {
  return { source, sourceHash, blocks: blocks.map((b) => ({ id: b.id, hash: b.hash, text: b.text })) };
}

/** One block per list item, text as a YAML block scalar when it spans lines: reads well in a diff. */
export function serializeRecord(record: BlockRecord): string {
  const body = stringify(
    { source: record.source, source_hash: record.sourceHash, blocks: record.blocks },
    { lineWidth: 0, blockQuote: 'literal' },
  );
  return `${HEADER.join('\n')}\n${body}`;
}

/** Parses a record; problems are reported against `file` and yield undefined. */
export function parseRecord(text: string, file: string, reporter: Reporter): BlockRecord | undefined {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const fail = (offset: number | undefined, message: string) => {
    const p = lc.linePos(offset ?? 0);
    reporter.error({
      code: 'translation/bad-record', file, line: p.line, column: p.col, message,
      hint: 'restore the file from version control, or write a new one with `briefpress diff <slug> --locale <code> --accept` once the translation matches its source',
    });
    return undefined;
  };
  if (doc.errors.length) return fail(doc.errors[0]!.pos[0], `invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const root = doc.contents;
  if (!isMap(root)) return fail(0, 'a block record must be a mapping with source, source_hash and blocks');
  const source = root.get('source');
  const sourceHash = root.get('source_hash');
  const list = root.get('blocks', true);
  if (typeof source !== 'string' || typeof sourceHash !== 'string' || !isSeq(list)) {
    return fail(0, 'a block record needs `source`, `source_hash` and a `blocks` list');
  }
  const blocks: RecordedBlock[] = [];
  for (const item of list.items) {
    const get = (k: string) => (isMap(item) ? item.get(k, true) : undefined);
    const [id, hash, blockText] = [get('id'), get('hash'), get('text')];
    if (!isScalar(id) || !isScalar(hash) || !isScalar(blockText) || typeof blockText.value !== 'string') {
      return fail((item as { range?: [number] }).range?.[0], 'each block needs `id`, `hash` and `text`');
    }
    // The hash is checked against the text: a hand edit cannot silently hide a change.
    if (blockHash(blockText.value) !== String(hash.value)) {
      return fail(hash.range?.[0], `block ${String(id.value)}: its hash does not match its text (edited by hand?)`);
    }
    blocks.push({ id: String(id.value), hash: String(hash.value), text: blockText.value });
  }
  return { source, sourceHash, blocks };
}
