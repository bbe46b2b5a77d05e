/**
 * The navigation document and its EPUB 2 twin (toc.ncx): the shared table of contents
 * (every heading, in the localised "contents" title) with each entry pointing at the
 * file its section landed in, plus the title page, the notes and the appendix; and the
 * landmarks reading systems use to open the book at its start.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { uiString } from '../../content/locales.js';
import type { BriefingDocument } from '../../model/types.js';
import { tocNav } from '../parts/front-parts.js';
import type { WriterContext } from '../types.js';
import type { EpubChapter } from './chapters.js';
import type { ResolvedLinks } from './links.js';
import { escapeXml } from './xml.js';

export const NAV_FILE = 'toc.xhtml';

export interface Landmark {
  type: 'titlepage' | 'toc' | 'bodymatter';
  href: string;
  label: string;
}

export interface Navigation {
  /** `<nav epub:type="toc">…</nav>` as XHTML. */
  tocXhtml: string;
  /** The same nav as hast (which faces and characters the contents page shows). */
  tocTree: Element;
  landmarks: Landmark[];
  /** `<navPoint>`s of toc.ncx, nested like the nav. */
  ncxNavPoints: string;
  ncxDepth: number;
}

function isElement(node: ElementContent | undefined, tagName: string): node is Element {
  return node?.type === 'element' && node.tagName === tagName;
}

function entry(href: string, label: string): Element {
  return h('li', [h('a', { href }, label)]);
}

function ncxPoints(list: Element, counter: { n: number }, depth: number): { xml: string; depth: number } {
  let xml = '';
  let deepest = depth;
  for (const item of list.children) {
    if (!isElement(item, 'li')) continue;
    const link = item.children.find((c): c is Element => isElement(c, 'a'));
    if (!link) continue;
    const n = ++counter.n;
    const sub = item.children.find((c): c is Element => isElement(c, 'ol'));
    const inner = sub ? ncxPoints(sub, counter, depth + 1) : { xml: '', depth };
    deepest = Math.max(deepest, inner.depth);
    xml +=
      `<navPoint id="navpoint-${n}" playOrder="${n}"><navLabel><text>${escapeXml(toString(link))}</text></navLabel>` +
      `<content src="${escapeXml(String(link.properties.href))}"/>${inner.xml}</navPoint>\n`;
  }
  return { xml, depth: deepest };
}

export function buildNavigation(doc: BriefingDocument, ctx: WriterContext, chapters: EpubChapter[], links: ResolvedLinks): Navigation {
  const contents = uiString(ctx.strings, 'contents');
  const firstFile = chapters[0]!.filename;
  const nav =
    tocNav(doc, ctx.strings, (heading) => links.href(heading.id) ?? firstFile) ??
    h('nav.toc', { ariaLabelledBy: 'contents-title' }, [h('h2#contents-title', contents), h('ol')]);
  Object.assign(nav.properties, { id: 'toc', 'epub:type': 'toc', role: 'doc-toc' });
  // The contents page is a document of its own: its title is its top heading.
  const title = nav.children.find((c): c is Element => isElement(c, 'h2'));
  if (title) title.tagName = 'h1';
  const list = nav.children.find((c): c is Element => isElement(c, 'ol'))!;
  for (const chapter of chapters) {
    if (chapter.kind === 'titlepage') list.children.unshift(entry(chapter.filename, chapter.title));
    if (chapter.kind === 'notes' || chapter.kind === 'appendix') list.children.push(entry(chapter.filename, chapter.title));
  }

  const landmarks: Landmark[] = [
    { type: 'titlepage', href: firstFile, label: doc.meta.title },
    { type: 'toc', href: `${NAV_FILE}#toc`, label: contents },
  ];
  const start = chapters.find((c) => c.kind === 'chapter');
  if (start) landmarks.push({ type: 'bodymatter', href: start.filename, label: start.title });

  const ncx = ncxPoints(list, { n: 0 }, 1);
  return {
    tocXhtml: toHtml(nav, { characterReferences: { useNamedReferences: false } }),
    tocTree: nav,
    landmarks,
    ncxNavPoints: ncx.xml,
    ncxDepth: ncx.depth,
  };
}
