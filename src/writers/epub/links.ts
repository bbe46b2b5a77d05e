/**
 * Links inside the book once it is split into files: every `id` becomes a valid XML
 * name unique in its file, and every `#fragment` link (footnote refs and backrefs,
 * `[n]` refs to the appendix, in-text links to headings) points at `file.xhtml#id`
 * when its target now lives in another file. ID references (`aria-labelledby`…) only
 * work inside one document, so tokens whose target left the file are dropped.
 */
import type { Element, Root } from 'hast';
import { visit } from '../../model/visit-tree.js';
import type { EpubChapter } from './chapters.js';
import { IdAllocator } from './ids.js';
import { isSitePath } from '../site-links.js';

const IDREF_PROPERTIES = [
  'ariaLabelledBy',
  'ariaDescribedBy',
  'ariaControls',
  'ariaOwns',
  'ariaFlowTo',
  'ariaDetails',
  'ariaErrorMessage',
  'ariaActiveDescendant',
  'htmlFor',
  'headers',
] as const;

export interface Target {
  filename: string;
  id: string;
}

export interface ResolvedLinks {
  /** Where an id of the model (heading slug, `fn-1`, `resource-3`) ended up. */
  target(modelId: string): Target | undefined;
  /** `file.xhtml#id` for a model id. */
  href(modelId: string): string | undefined;
}

function elements(chapter: EpubChapter, fn: (node: Element) => void): void {
  const root: Root = { type: 'root', children: chapter.nodes };
  visit(root, 'element', fn);
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * A link to another briefing or to a site asset (`en/other.html`, `assets/x.pdf`) would
 * point outside the book (an epubcheck error): the EPUB keeps its words as plain text.
 * The HTML and PDF editions keep the link (documented in the README).
 */
function unwrapSiteLinks(chapter: EpubChapter): void {
  const root: Root = { type: 'root', children: chapter.nodes };
  visit(root, 'element', (node: Element, i, parent) => {
    if (node.tagName !== 'a' || typeof node.properties.href !== 'string' || !isSitePath(node.properties.href) || !parent || i === undefined) return;
    parent.children.splice(i, 1, ...node.children);
    return i;
  });
  chapter.nodes = root.children as typeof chapter.nodes;
}

/**
 * Rewrites ids and links of all chapters in place. `onBroken(href, chapter)` hears of
 * links to an id that exists nowhere in the book; those lose their `href` (an `<a>`
 * without `href` is valid and harmless, a dangling fragment is an EPUB error).
 */
export function resolveLinks(chapters: EpubChapter[], onBroken: (href: string, chapter: EpubChapter) => void): ResolvedLinks {
  const global = new Map<string, Target>();
  const local = new Map<EpubChapter, Map<string, string>>();

  for (const chapter of chapters) {
    const ids = new IdAllocator();
    const map = new Map<string, string>();
    local.set(chapter, map);
    elements(chapter, (node) => {
      const id = node.properties.id;
      if (typeof id !== 'string' || id === '') {
        delete node.properties.id;
        return;
      }
      const fresh = ids.allocate(id);
      node.properties.id = fresh;
      if (!map.has(id)) map.set(id, fresh);
      if (!global.has(id)) global.set(id, { filename: chapter.filename, id: fresh });
    });
  }

  for (const chapter of chapters) {
    const map = local.get(chapter)!;
    unwrapSiteLinks(chapter);
    elements(chapter, (node) => {
      const href = node.properties.href;
      if (typeof href === 'string' && href.startsWith('#')) {
        const wanted = decodeFragment(href.slice(1));
        const here = map.get(wanted);
        const there = global.get(wanted);
        if (here !== undefined) node.properties.href = `#${here}`;
        else if (there) node.properties.href = `${there.filename}#${there.id}`;
        else {
          onBroken(href, chapter);
          delete node.properties.href;
        }
      }
      for (const prop of IDREF_PROPERTIES) {
        const value = node.properties[prop];
        if (value === undefined || value === null) continue;
        const tokens = (Array.isArray(value) ? value.map(String) : String(value).split(/\s+/)).filter(Boolean);
        const kept = tokens.map((t) => map.get(t)).filter((t): t is string => t !== undefined);
        if (kept.length) Object.assign(node.properties, { [prop]: kept });
        else delete node.properties[prop];
      }
    });
  }

  const target = (modelId: string) => global.get(modelId);
  return {
    target,
    href: (modelId) => {
      const t = target(modelId);
      return t ? `${t.filename}#${t.id}` : undefined;
    },
  };
}
