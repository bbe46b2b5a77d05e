/**
 * Moving a briefing's Markdown from one locale folder to another (`new --locale`, `import`)
 * without breaking its relative links and images:
 *
 * - a link to another briefing goes to the same-locale edition when it exists (and has the
 *   `#fragment` asked for), else keeps pointing at the edition it pointed at;
 * - an image or file goes to the translation's own copy when its locale folder has one
 *   (same relative path), else stays the source's file, now reached as `../fr/img/x.png`;
 *   a shared folder (`content/shared/...`) needs nothing: it is the same from every locale.
 *
 * Pure over the text; only the destinations of links, images and link definitions change,
 * everything else is kept byte for byte.
 */
import path from 'node:path';
import type { Nodes } from 'mdast';
import { parseMarkdown } from '../model/parse-markdown.js';

export interface RelocateTargets {
  /** Ids (headings, footnotes...) of the briefing `locale/slug`, or undefined when it does not exist. */
  briefingIds(locale: string, slug: string): ReadonlySet<string> | undefined;
  /** Whether a content file exists. */
  fileExists(relPath: string): boolean;
}

export interface Relocation {
  text: string;
  /** Links kept on the source's edition because the translation's edition lacks the fragment. */
  notes: Array<{ line: number; message: string }>;
}

const ARTIFACT = /^([^/]+)\/([^/]+)\.(md|html|pdf|epub)$/;

/** Start and end of the destination written at `at` (after `](` or `]:` and spaces). */
function destinationAt(text: string, at: number): { start: number; end: number } {
  let i = at;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n') i++;
  if (text[i] === '<') {
    const close = text.indexOf('>', i);
    return { start: i + 1, end: close === -1 ? i + 1 : close };
  }
  const start = i;
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') { i++; continue; }
    if (/\s/.test(c)) break;
    if (c === '(') depth++;
    if (c === ')' && depth-- === 0) break;
  }
  return { start, end: i };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The new destination of `dest` written in `from/`, for a file in `to/`; undefined: unchanged. */
function relocate(dest: string, from: string, to: string, targets: RelocateTargets, note: (m: string) => void): string | undefined {
  if (dest === '' || /^[a-z][a-z0-9+.-]*:/i.test(dest) || dest.startsWith('#') || dest.startsWith('/')) return undefined;
  const cut = dest.search(/[?#]/);
  const rawPath = cut === -1 ? dest : dest.slice(0, cut);
  const suffix = cut === -1 ? '' : dest.slice(cut);
  const resolved = path.posix.normalize(path.posix.join(from, safeDecode(rawPath)));
  if (resolved === '..' || resolved.startsWith('../')) return undefined;
  let target = resolved;
  const m = ARTIFACT.exec(resolved);
  const fragment = suffix.startsWith('#') ? safeDecode(suffix.slice(1)) : undefined;
  if (m && m[1] === from && targets.briefingIds(m[1], m[2]!)) {
    const ids = targets.briefingIds(to, m[2]!);
    if (ids && (fragment === undefined || ids.has(fragment))) target = `${to}/${m[2]}.${m[3]}`;
    else if (ids) note(`the link to ${resolved}${suffix} stays on the ${from} edition: ${to}/${m[2]}.md has no id "${fragment}"`);
  } else if (resolved.startsWith(`${from}/`) && targets.fileExists(`${to}/${resolved.slice(from.length + 1)}`)) {
    target = `${to}/${resolved.slice(from.length + 1)}`;
  }
  const rel = path.posix.relative(to, target);
  const written = encodeURI(rel);
  return safeDecode(rawPath) === rel ? undefined : written + suffix;
}

/** Rewrites the relative destinations of `text`, written for `from/`, so they work from `to/`. */
export function relocateLinks(text: string, from: string, to: string, targets: RelocateTargets): Relocation {
  const { mdast } = parseMarkdown(text, '');
  const edits: Array<{ start: number; end: number; value: string }> = [];
  const notes: Relocation['notes'] = [];
  const visit = (node: Nodes) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && start !== undefined && end !== undefined) {
      const slice = text.slice(start, end);
      // Autolinks (`<https://…>`, bare URLs) have no destination to move.
      const marker = node.type === 'definition' ? slice.indexOf(']:') : slice.lastIndexOf('](');
      if (marker !== -1) {
        const d = destinationAt(text, start + marker + 2);
        const value = relocate(text.slice(d.start, d.end), from, to, targets, (message) => notes.push({ line: node.position!.start.line, message }));
        if (value !== undefined) edits.push({ start: d.start, end: d.end, value });
      }
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(mdast);
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.value + out.slice(e.end);
  return { text: out, notes };
}
