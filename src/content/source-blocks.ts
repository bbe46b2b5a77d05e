/**
 * A briefing cut into translation blocks: the units a translation tracks, a translator
 * translates and `diff` shows. One block per front matter text (title, subtitle, summary,
 * each keyword, each resource), heading, paragraph (also inside list items, quotes and
 * footnotes) and table cell, in source order. Code, raw HTML blocks and rules are not
 * blocks: they stay as they are.
 *
 * Pure: Markdown text in, blocks out, each with its place in the text so `import` can put
 * a translated block back where the source block was.
 */
import { createHash } from 'node:crypto';
import type { Heading, Nodes, Paragraph, Root, TableCell } from 'mdast';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { parseMarkdown } from '../model/parse-markdown.js';
import { inlineCodes, inlineCodesOf, type Inline } from './inline-codes.js';

export type BlockKind = 'field' | 'heading' | 'paragraph' | 'cell';

export interface SourceBlock {
  /** Stable within one version of the text: `title`, `keywords.2`, `resources.1`, `paragraph-4`... */
  id: string;
  kind: BlockKind;
  /** The block's Markdown (inline Markdown only; continuation lines without their container prefix). */
  text: string;
  /** Whether `text` is inline Markdown (body blocks, resources) or plain text (title...). */
  markdown: boolean;
  /** The text as words and codes (XLIFF inline codes); plain fields are one text. */
  codes: Inline[];
  /** `blockHash(text)`. */
  hash: string;
  /** 1-based line of the block in the file. */
  line: number;
  /** Body blocks: the text range the block's content occupies, and the prefix of its continuation lines. */
  range?: { start: number; end: number; prefix: string };
}

/** 12 hex digits of sha256 over the text with white space runs folded: rewrapping is not a change. */
export function blockHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 12);
}

const FIELDS = ['title', 'subtitle', 'summary'] as const;

/** `[title](url)`: a resource as one inline Markdown block, so its URL is protected like a link's. */
export function resourceMarkdown(title: string, url: string): string {
  return `[${title.replace(/[\\[\]]/g, '\\$&')}](<${url.replace(/[<>\\]/g, (c) => encodeURIComponent(c))}>)`;
}

function frontMatterBlocks(yaml: string, firstLine: number): SourceBlock[] {
  const out: SourceBlock[] = [];
  const doc = parseDocument(yaml);
  if (doc.errors.length || !isMap(doc.contents)) return out;
  const lineOf = (offset: number | undefined) => firstLine + yaml.slice(0, offset ?? 0).split('\n').length - 1;
  const push = (id: string, text: string, offset: number | undefined, markdown = false) => {
    if (text.trim() === '') return;
    const codes: Inline[] = markdown ? inlineCodesOf(text) : [{ kind: 'text', value: text }];
    out.push({ id, kind: 'field', text, markdown, codes, hash: blockHash(text), line: lineOf(offset) });
  };
  for (const key of FIELDS) {
    const node = doc.get(key, true);
    if (isScalar(node) && node.value != null) push(key, String(node.value), node.range?.[0]);
  }
  const keywords = doc.get('keywords', true);
  if (isSeq(keywords)) {
    keywords.items.forEach((item, i) => {
      if (isScalar(item) && item.value != null) push(`keywords.${i + 1}`, String(item.value), item.range?.[0]);
    });
  }
  const resources = doc.get('resources', true);
  if (isSeq(resources)) {
    resources.items.forEach((item, i) => {
      if (!isMap(item)) return;
      const title = item.get('title');
      const url = item.get('url');
      if (title != null && url != null) push(`resources.${i + 1}`, resourceMarkdown(String(title), String(url)), (item as { range?: [number] }).range?.[0], true);
    });
  }
  return out;
}

/** The prefix a continuation line of a block needs: quote markers kept, list markers as spaces. */
function continuationPrefix(text: string, start: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return text.slice(lineStart, start).replace(/[^>\s]/g, ' ');
}

/** Continuation lines lose their container prefix (`> `, list indentation): the block's own text. */
export function stripContinuation(raw: string): string {
  return raw.split('\n').map((l, i) => (i === 0 ? l : l.replace(/^[ \t>]*/, ''))).join('\n');
}

function bodyBlocks(text: string, tree: Root): SourceBlock[] {
  const out: SourceBlock[] = [];
  let n = 0;
  const visit = (node: Nodes) => {
    if (node.type === 'heading' || node.type === 'paragraph' || node.type === 'tableCell') {
      const kids = (node as Heading | Paragraph | TableCell).children;
      const start = kids[0]?.position?.start.offset;
      const end = kids.at(-1)?.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const raw = text.slice(start, end);
      if (raw.trim() === '') return;
      const kind: BlockKind = node.type === 'tableCell' ? 'cell' : node.type;
      const own = stripContinuation(raw);
      n++;
      out.push({
        id: `${kind}-${n}`, kind, text: own, markdown: true, codes: inlineCodes(kids, text), hash: blockHash(own),
        line: kids[0]!.position!.start.line, range: { start, end, prefix: continuationPrefix(text, start) },
      });
      return;
    }
    if (node.type === 'code' || node.type === 'html' || node.type === 'yaml') return;
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return out;
}

/**
 * Blocks of the source texts seen last. Every translation of a briefing compares itself
 * with the same source, and parsing it again for each was a tenth of a translation's load
 * time. Bounded: a corpus build moves from briefing to briefing.
 */
const recent = new Map<string, readonly SourceBlock[]>();
const RECENT_LIMIT = 8;

/** Every block of a briefing's text, front matter first, in source order. */
export function sourceBlocks(text: string): SourceBlock[] {
  const known = recent.get(text);
  if (known) return [...known];
  const { frontMatter, mdast } = parseMarkdown(text, '');
  const blocks = [...(frontMatter ? frontMatterBlocks(frontMatter.yaml, frontMatter.firstLine) : []), ...bodyBlocks(text, mdast)];
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  recent.set(text, blocks);
  return [...blocks];
}
