/**
 * Long documents are parsed section by section. micromark and mdast-util-from-markdown
 * keep one array of events per document and splice it once per list (and the GFM table
 * and footnote resolvers edit it in place), so parse time grows with the square of the
 * document: a 155 KB briefing of short lists took 4 s, twice that size four times as long
 * (syntax-tree/mdast-util-from-markdown#49). Cutting the text where no block is open and
 * parsing each part alone keeps every part small, so the whole parse stays linear.
 *
 * The result is the tree a single parse gives:
 * - cuts fall only before an ATX heading at column 0 that follows a blank line, outside
 *   fenced code, HTML blocks that may hold blank lines (comments, <pre>, <script>…) and
 *   front matter: there every container (list, quote, paragraph) is already closed;
 * - a reference or footnote call resolves only when its definition exists in the same
 *   parse, so a part that names (in brackets) a definition made in another part is parsed
 *   again with stand-ins for those definitions appended; the stand-ins are dropped;
 * - positions are shifted back to the whole text (line, column, offset).
 */
import type { Root, RootContent } from 'mdast';
import { visit } from './visit-tree.js';

/** Below this size a document is parsed whole: small parses are not worth cutting. */
export const SECTION_THRESHOLD = 96 * 1024;
/** Parts are cut at the first boundary past this many characters. */
const PART_SIZE = 16 * 1024;

export interface Part {
  text: string;
  /** Offset and 1-based line of the part's first character in the whole text. */
  offset: number;
  line: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const HTML_OPENERS: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
const ATX = /^#{1,6}(?:[ \t]|$)/;

/** Cuts `text` into parts at safe block boundaries (see above); one part when there is none. */
export function cutIntoParts(text: string, partSize = PART_SIZE): Part[] {
  const parts: Part[] = [];
  let start = 0;
  let startLine = 1;
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let previousBlank = false;
  let pos = 0;
  let line = 1;
  // Front matter: a `---` block at the very start is never cut.
  if (text.startsWith('---\n')) {
    const end = text.indexOf('\n---', 3);
    if (end > 0) {
      const after = text.indexOf('\n', end + 4);
      const stop = after < 0 ? text.length : after + 1;
      for (let i = 0; i < stop; i++) if (text.charCodeAt(i) === 10) line++;
      pos = stop;
    }
  }
  while (pos < text.length) {
    const eol = text.indexOf('\n', pos);
    const next = eol < 0 ? text.length : eol + 1;
    const content = text.slice(pos, eol < 0 ? text.length : eol);
    if (fence) {
      // A closing fence: the same character, at least as long, nothing after it.
      const m = CLOSING_FENCE.exec(content);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length) fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(content)) htmlEnd = undefined;
    } else {
      if (previousBlank && ATX.test(content) && pos - start >= partSize) {
        parts.push({ text: text.slice(start, pos), offset: start, line: startLine });
        start = pos;
        startLine = line;
      }
      const f = FENCE.exec(content);
      if (f) fence = f[1];
      else {
        const opener = HTML_OPENERS.find(([open]) => open.test(content));
        if (opener && !opener[1].test(content.replace(opener[0], ''))) htmlEnd = opener[1];
      }
    }
    previousBlank = content.trim() === '';
    pos = next;
    line++;
  }
  parts.push({ text: text.slice(start), offset: start, line: startLine });
  return parts;
}

type Definable = Extract<RootContent, { type: 'definition' | 'footnoteDefinition' }>;

/** Definitions also count inside containers (a definition in a list item or quote). */
function allDefinitions(tree: Root): Definable[] {
  const out: Definable[] = [];
  visit(tree, (n) => {
    if (n.type === 'definition' || n.type === 'footnoteDefinition') out.push(n as Definable);
  });
  return out;
}

const key = (d: Definable) => `${d.type}\0${d.identifier}`;

/** Stand-in lines that define `defs` (their targets do not matter: the nodes are dropped). */
function standIns(defs: Definable[]): string {
  const lines = defs.map((d) => (d.type === 'footnoteDefinition' ? `[^${d.label ?? d.identifier}]: x` : `[${d.label ?? d.identifier}]: #`));
  return `\n\n${lines.join('\n\n')}\n`;
}

/**
 * Every `[label]` and `[^label]` of `text`, normalised as micromark normalises labels
 * (whitespace collapsed, case folded): what a reference or a footnote call could name.
 */
function bracketedLabels(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\[(\^?)([^\[\]]*)\]/g)) out.add(`${m[1]}${m[2]!.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase()}`);
  return out;
}

/**
 * The bracketed label that calls `d` (as `bracketedLabels` writes it), or undefined for a
 * label with brackets or escapes, which every part is assumed to call.
 */
function callKey(d: Definable): string | undefined {
  if (/[[\]\\]/.test(d.identifier)) return undefined;
  return `${d.type === 'footnoteDefinition' ? '^' : ''}${d.identifier.toLowerCase()}`;
}

function shift(tree: Root, part: Part): void {
  if (part.offset === 0) return;
  visit(tree, (n) => {
    const p = n.position;
    if (!p) return;
    // Parts start at a line start, so columns stay as they are.
    for (const point of [p.start, p.end]) {
      point.line += part.line - 1;
      if (point.offset !== undefined) point.offset += part.offset;
    }
  });
}

/**
 * Parses `text` with `parse` (the whole-document parser), in parts when it is long.
 * `parse` must be pure: it is called once per part, twice for a part that needs stand-ins.
 */
export function parseInSections(text: string, parse: (text: string) => Root, options: { threshold?: number; partSize?: number } = {}): Root {
  if (text.length < (options.threshold ?? SECTION_THRESHOLD)) return parse(text);
  const parts = cutIntoParts(text, options.partSize);
  if (parts.length === 1) return parse(text);
  const trees = parts.map((p) => parse(p.text));
  const own = trees.map((tree) => new Set(allDefinitions(tree).map(key)));
  // Every definition once (the first wins, as in one parse), by the label that calls it.
  const byCall = new Map<string, Definable[]>();
  const alwaysCalled: Definable[] = [];
  const seen = new Set<string>();
  for (const tree of trees) {
    for (const d of allDefinitions(tree)) {
      if (seen.has(key(d))) continue;
      seen.add(key(d));
      const call = callKey(d);
      if (call === undefined) alwaysCalled.push(d);
      else byCall.set(call, [...(byCall.get(call) ?? []), d]);
    }
  }
  const children: RootContent[] = [];
  parts.forEach((part, i) => {
    let tree = trees[i]!;
    const called = [...bracketedLabels(part.text)].flatMap((label) => byCall.get(label) ?? []);
    const missing = [...alwaysCalled, ...called].filter((d) => !own[i]!.has(key(d)));
    if (missing.length) {
      tree = parse(part.text + standIns(missing));
      const end = part.text.length;
      tree.children = tree.children.filter((n) => (n.position?.start.offset ?? 0) < end);
    }
    shift(tree, part);
    children.push(...tree.children);
  });
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text) } };
}

function endPoint(text: string): { line: number; column: number; offset: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) {
    line++;
    lastBreak = i;
  }
  return { line, column: text.length - lastBreak, offset: text.length };
}
