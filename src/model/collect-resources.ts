/**
 * Builds the resource appendix: front matter `resources` first, then every external
 * link of the body in order of first appearance, deduplicated by normalised URL and
 * numbered 1..n. Body links get their clean URL, a `dataResource` number and a
 * bracketed reference `[n]` pointing at the appendix entry, so that a printed page
 * still leads to the link (every writer renders the same tree, so the same numbers).
 */
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visitParents } from './visit-tree.js';
import type { Reporter } from '../diagnostics.js';
import type { Resource, ResourceInput } from './types.js';
import { normaliseUrl, type LinkRules } from './normalise-url.js';

export interface CollectResourcesOptions {
  rules: LinkRules;
  /** The front matter `resources` list. */
  declared?: ResourceInput[];
  reporter: Reporter;
  /** Path shown in diagnostics. */
  file: string;
  /** Line of the front matter `resources` key, for diagnostics. */
  declaredLine?: number;
}

export function resourceId(n: number): string {
  return `resource-${n}`;
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'mailto:' ? u.pathname : u.hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

export function collectResources(tree: Root, options: CollectResourcesOptions): Resource[] {
  const { rules, reporter, file } = options;
  const byKey = new Map<string, Resource>();
  const list: Resource[] = [];
  const add = (url: string, key: string, title: string, publisher?: string, lang?: string): Resource => {
    const hit = byKey.get(key);
    if (hit) return hit;
    const n = list.length + 1;
    const entry: Resource = { n, id: resourceId(n), title, url, publisher: publisher ?? hostOf(url), ...(lang ? { lang } : {}) };
    byKey.set(key, entry);
    list.push(entry);
    return entry;
  };

  for (const r of options.declared ?? []) {
    const norm = normaliseUrl(r.url, rules);
    if (!norm.ok) {
      reporter.warn({ code: 'resources/bad-url', file, line: options.declaredLine, column: 1, message: `resource "${r.title}" dropped: ${norm.reason}` });
      continue;
    }
    add(norm.url, norm.key, r.title, r.publisher, r.lang);
  }

  const inserts: Array<{ parent: Element | Root; link: Element; ref: Element }> = [];
  const unwraps: Array<{ parent: Element | Root; link: Element }> = [];
  visitParents(tree, 'element', (node, ancestors) => {
    if (node.tagName !== 'a') return;
    const href = node.properties.href;
    if (typeof href !== 'string' || href.startsWith('#') || !/^[a-z][a-z0-9+.-]*:/i.test(href)) return;
    // Footnote machinery and our own references are internal.
    if (node.properties.dataFootnoteRef !== undefined) return;
    const parent = ancestors.at(-1) as Element | Root;
    const norm = normaliseUrl(href, rules);
    const pos = node.position?.start;
    if (!norm.ok) {
      reporter.warn({ code: 'resources/dropped-link', file, line: pos?.line, column: pos?.column, message: `link dropped: ${norm.reason}`, hint: 'use an http(s) or mailto link' });
      unwraps.push({ parent, link: node });
      return;
    }
    const text = toString(node);
    // A link inside a run in another language (`<span lang="en">`): its title is in that language.
    const langOf = [...ancestors, node].reverse().find((a): a is Element => a.type === 'element' && typeof a.properties.lang === 'string' && a.properties.lang !== '');
    const isUrl = text === href || /^(https?:|mailto:|www\.)/.test(text);
    const entry = add(norm.url, norm.key, isUrl ? norm.url : text, undefined, isUrl ? undefined : (langOf?.properties.lang as string | undefined));
    // An autolink shows its URL: show the clean one.
    if (text === href || text === href.replace(/^mailto:/, '')) {
      node.children = [{ type: 'text', value: norm.scheme === 'mailto' ? norm.url.replace(/^mailto:/, '') : norm.url }];
    }
    node.properties.href = norm.url;
    node.properties.dataResource = entry.n;
    inserts.push({
      parent,
      link: node,
      ref: {
        type: 'element',
        tagName: 'sup',
        properties: { className: ['ref'] },
        children: [{ type: 'element', tagName: 'a', properties: { href: `#${entry.id}`, dataResourceRef: entry.n }, children: [{ type: 'text', value: `[${entry.n}]` }] }],
      },
    });
  });
  for (const { parent, link, ref } of inserts) {
    const i = parent.children.indexOf(link);
    parent.children.splice(i + 1, 0, ref as ElementContent);
  }
  for (const { parent, link } of unwraps) {
    const i = parent.children.indexOf(link);
    parent.children.splice(i, 1, ...(link.children as ElementContent[]));
  }
  return list;
}
