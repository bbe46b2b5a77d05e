/**
 * A block's inline Markdown as text and codes, the way translation tools want it: a
 * translator edits the words and moves the codes, but cannot break a link, emphasis, a
 * footnote reference or inline code, because the Markdown of each code is kept aside
 * (XLIFF `originalData`) and put back on import.
 *
 * - paired codes (`pc`): emphasis, strong, strikethrough, links and images (the alt text
 *   is translatable), with the Markdown before and after their content;
 * - placeholders (`ph`): inline code, footnote references, autolinks, raw HTML, hard breaks.
 *
 * Pure: works on the positions of the one Markdown parse (`sourceBlocks`).
 */
import type { PhrasingContent } from 'mdast';
import { parseMarkdown } from '../model/parse-markdown.js';
import { stripContinuation } from './source-blocks.js';

export type Inline =
  | { kind: 'text'; value: string }
  | { kind: 'ph'; id: string; type: string; data: string }
  | { kind: 'pc'; id: string; type: string; start: string; end: string; children: Inline[] };

/** XLIFF `type` of a code, from its mdast type. */
const XLIFF_TYPE: Record<string, string> = {
  emphasis: 'fmt', strong: 'fmt', delete: 'fmt', link: 'link', linkReference: 'link', image: 'image', imageReference: 'image',
};

/** Codes of the phrasing nodes `nodes` of `text` (the file they were parsed from); ids count from `next.n`. */
export function inlineCodes(nodes: readonly PhrasingContent[], text: string, next = { n: 1 }): Inline[] {
  const out: Inline[] = [];
  const raw = (a: number, b: number) => stripContinuation(text.slice(a, b));
  for (const node of nodes) {
    const s = node.position!.start.offset!;
    const e = node.position!.end.offset!;
    if (node.type === 'text') {
      out.push({ kind: 'text', value: node.value });
      continue;
    }
    const kids = 'children' in node ? (node.children as PhrasingContent[]) : [];
    const first = kids[0]?.position?.start.offset;
    const last = kids.at(-1)?.position?.end.offset;
    const autolink = node.type === 'link' && (text[s] === '<' || first === s);
    if ((node.type === 'emphasis' || node.type === 'strong' || node.type === 'delete' || node.type === 'link' || node.type === 'linkReference') && !autolink && first !== undefined && last !== undefined) {
      const id = String(next.n++);
      out.push({ kind: 'pc', id, type: node.type, start: raw(s, first), end: raw(last, e), children: inlineCodes(kids, text, next) });
      continue;
    }
    if (node.type === 'image' && node.alt) {
      // `![alt](src)`: the alt text is the translatable content.
      const altStart = s + 2;
      const altEnd = altStart + text.slice(altStart, e).indexOf(']');
      if (altEnd > altStart && text.slice(altStart, altEnd) === node.alt) {
        out.push({ kind: 'pc', id: String(next.n++), type: 'image', start: raw(s, altStart), end: raw(altEnd, e), children: [{ kind: 'text', value: node.alt }] });
        continue;
      }
    }
    out.push({ kind: 'ph', id: String(next.n++), type: autolink ? 'autolink' : node.type, data: raw(s, e) });
  }
  return out;
}

/** Codes of a standalone inline Markdown text (a resource's `[title](url)`). */
export function inlineCodesOf(markdown: string): Inline[] {
  const para = parseMarkdown(markdown, '').mdast.children[0];
  return para?.type === 'paragraph' ? inlineCodes(para.children, markdown) : [{ kind: 'text', value: markdown }];
}

export function xliffType(code: Inline): string {
  return code.kind === 'text' ? '' : XLIFF_TYPE[code.type] ?? 'other';
}

/**
 * Markdown-escapes plain text a translator wrote, so it stays words: no emphasis, link or
 * code can appear that the source's codes did not put there.
 */
export function escapeMarkdownText(text: string, inCell = false): string {
  let out = text.replace(/[\\`*_[\]<~]/g, '\\$&').replace(/&(?=#?\w+;)/g, '\\&');
  if (inCell) out = out.replace(/\|/g, '\\|');
  // What would start a block at the beginning of a line: headings, quotes, list markers.
  return out.replace(/(^|\n)([ \t]*)([#>+=-])/g, '$1$2\\$3').replace(/(^|\n)([ \t]*\d+)([.)])/g, '$1$2\\$3');
}

/** The Markdown of codes whose text parts are plain text (from a translation tool). */
export function codesToMarkdown(codes: readonly Inline[], inCell = false): string {
  return codes.map((c) => (c.kind === 'text' ? escapeMarkdownText(c.value, inCell) : c.kind === 'ph' ? c.data : `${c.start}${codesToMarkdown(c.children, inCell)}${c.end}`)).join('');
}

/** Plain text of codes: the words only (a resource title for the front matter). */
export function codesToText(codes: readonly Inline[]): string {
  return codes.map((c) => (c.kind === 'text' ? c.value : c.kind === 'pc' ? codesToText(c.children) : '')).join('');
}

/** Every code, depth first, with a key saying what it is and which of its kind it is (`link#2`). */
export function codeSequence(codes: readonly Inline[]): Array<{ key: string; code: Exclude<Inline, { kind: 'text' }> }> {
  const out: Array<{ key: string; code: Exclude<Inline, { kind: 'text' }> }> = [];
  const seen = new Map<string, number>();
  const walk = (list: readonly Inline[]) => {
    for (const c of list) {
      if (c.kind === 'text') continue;
      const n = (seen.get(c.type) ?? 0) + 1;
      seen.set(c.type, n);
      out.push({ key: `${c.type}#${n}`, code: c });
      if (c.kind === 'pc') walk(c.children);
    }
  };
  walk(codes);
  return out;
}
