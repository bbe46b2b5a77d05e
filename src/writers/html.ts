/**
 * The HTML edition: one standalone file (theme CSS inlined, no script, works from
 * file:// and offline) with language metadata, a table of contents, the body, the
 * footnotes and the resource appendix, and links to the other editions and formats.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { uiString } from '../content/locales.js';
import type { BriefingDocument } from '../model/types.js';
import { themeCss } from '../theme/css.js';
import { appendixSection, byline, editionsLine, titleBlock, tocNav } from './parts/front-parts.js';
import { editionHref, type WriterContext } from './types.js';

const stringify = unified().use(rehypeStringify, { characterReferences: { useNamedReferences: false } });

/** Download links for the other formats of this edition. */
function downloads(doc: BriefingDocument, ctx: WriterContext): Element | undefined {
  const links: ElementContent[] = [];
  for (const [format, key] of [['pdf', 'downloadPdf'], ['epub', 'downloadEpub']] as const) {
    if (!ctx.formats.includes(format)) continue;
    if (links.length) links.push({ type: 'text', value: ' · ' });
    links.push(h('a', { href: `${doc.slug}.${format}`, download: '' }, uiString(ctx.strings, key)));
  }
  return links.length ? h('p.downloads', links) : undefined;
}

export function htmlTree(doc: BriefingDocument, ctx: WriterContext): Root {
  const { strings, theme } = ctx;
  const { meta } = doc;
  const head: ElementContent[] = [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', meta.title),
  ];
  if (meta.summary) head.push(h('meta', { name: 'description', content: meta.summary }));
  const by = byline(doc);
  if (by) head.push(h('meta', { name: 'author', content: by }));
  if (meta.keywords?.length) head.push(h('meta', { name: 'keywords', content: meta.keywords.join(', ') }));
  head.push(h('meta', { name: 'generator', content: 'Briefpress' }));
  for (const e of ctx.editions) {
    head.push(h('link', { rel: 'alternate', hrefLang: e.locale.code, href: editionHref(e.locale.code, doc.slug, 'html') }));
  }
  head.push(h('style', themeCss(theme, { screen: true }) + '\n.align-left{text-align:left}.align-center{text-align:center}.align-right{text-align:right}'));

  const extra = [editionsLine(ctx.editions, strings, (l) => editionHref(l, doc.slug, 'html')), downloads(doc, ctx)].filter(Boolean) as Element[];
  const body: ElementContent[] = [
    h('a.skip.sr-only', { href: '#main' }, uiString(strings, 'skipToContent')),
    titleBlock(doc, strings, extra),
  ];
  const toc = tocNav(doc, strings, (x) => `#${x.id}`);
  if (toc) body.push(toc);
  // structuredClone: writers never mutate the shared tree.
  body.push(h('main#main', structuredClone(doc.tree).children as ElementContent[]));
  const appendix = appendixSection(doc, strings);
  if (appendix) body.push(appendix);

  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: doc.locale.code, dir: doc.locale.dir }, [h('head', head), h('body', body)]),
    ],
  };
}

export async function renderHtml(doc: BriefingDocument, ctx: WriterContext): Promise<Uint8Array> {
  const html = stringify.stringify(htmlTree(doc, ctx));
  return new TextEncoder().encode(html.endsWith('\n') ? html : `${html}\n`);
}
