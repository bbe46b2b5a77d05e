/**
 * The HTML edition: one standalone file (theme CSS inlined, no script, works from
 * file:// and offline) with language metadata, a table of contents, the body, the
 * footnotes and the resource appendix, and links to the other editions and formats.
 * The DejaVu faces the page uses are inlined as WOFF2 subsets (data: URIs), so the page
 * looks like the PDF on a machine that has no DejaVu installed.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { uiString } from '../content/locales.js';
import type { BriefingDocument } from '../model/types.js';
import { shareHead } from '../site/open-graph.js';
import { themeCss, type CssOptions } from '../theme/css.js';
import { fallbackSubsets } from '../theme/fallback-fonts.js';
import { embeddedFonts } from '../theme/embedded-fonts.js';
import { usedFaces } from '../theme/used-faces.js';
import { appendixSection, byline, editionsLine, summaryLead, titleBlock, tocNav } from './parts/front-parts.js';
import { editionHref, type WriterContext } from './types.js';
import { fromEdition } from './site-links.js';
import { visit } from '../model/visit-tree.js';
import { cloneTree } from '../model/clone-tree.js';

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

/** The page's `<body>`: skip link, title block, contents, the briefing, the appendix. */
export function pageBody(doc: BriefingDocument, ctx: WriterContext): Element {
  const { strings } = ctx;
  const extra = [editionsLine(ctx.editions, strings, (l) => editionHref(l, doc.slug, 'html')), downloads(doc, ctx)].filter(Boolean) as Element[];
  const body: ElementContent[] = [
    h('a.skip.sr-only', { href: '#main' }, uiString(strings, 'skipToContent')),
    // Back to the locale's download page (site/index-page.ts), beside this file.
    h('p.site', h('a', { href: 'index.html' }, uiString(strings, 'briefings'))),
    titleBlock(doc, strings, extra, doc.sourceLag && editionHref(doc.sourceLag.sourceLocale, doc.slug, 'html')),
  ];
  const lead = summaryLead(doc);
  if (lead) body.push(lead);
  const toc = tocNav(doc, strings, (x) => `#${x.id}`);
  if (toc) body.push(toc);
  // A copy: writers never mutate the shared tree.
  const main = cloneTree(doc.tree);
  // Site paths (other briefings, assets/…) as seen from this page, one folder down.
  visit(main, 'element', (el: Element) => {
    for (const prop of ['href', 'src'] as const) {
      const value = el.properties[prop];
      if (typeof value === 'string') el.properties[prop] = fromEdition(value);
    }
    // Model bookkeeping (where a site link came from), not for readers.
    delete el.properties.dataBriefing;
    delete el.properties.dataAsset;
  });
  body.push(h('main#main', main.children as ElementContent[]));
  const appendix = appendixSection(doc, strings);
  if (appendix) body.push(appendix);
  return h('body', body);
}

/**
 * The whole page around `body`; `fontUrls` (theme file → URL of its WOFF2 subset) get
 * @font-face rules.
 */
export function htmlTree(doc: BriefingDocument, ctx: WriterContext, body: Element, fontUrls: ReadonlyMap<string, string> = new Map(), fallbacks: CssOptions['fallbacks'] = []): Root {
  const { theme } = ctx;
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
  head.push(
    ...shareHead({
      title: meta.title,
      description: meta.summary,
      type: 'article',
      locale: doc.locale.code,
      image: ctx.cover && `../${ctx.cover.path}`,
      imageAlt: ctx.cover && uiString(ctx.strings, 'coverAlt', { title: meta.title }),
      alternates: [doc.locale, ...ctx.editions.map((e) => e.locale)].map((l) => [l.code, editionHref(l.code, doc.slug, 'html')]),
    }),
  );
  const fontUrl = (file: string) => fontUrls.get(file);
  head.push(h('style', themeCss(theme, { screen: true, fontUrl, fallbacks }) + '\n.align-left{text-align:start}.align-center{text-align:center}.align-right{text-align:end}'));

  return {
    type: 'root',
    children: [{ type: 'doctype' }, h('html', { lang: doc.locale.code, dir: doc.locale.dir }, [h('head', head), body])],
  };
}

export async function renderHtml(doc: BriefingDocument, ctx: WriterContext): Promise<Uint8Array> {
  const body = pageBody(doc, ctx);
  const used = usedFaces([body], doc.locale.code);
  const fontUrls = new Map<string, string>();
  if (ctx.fonts) {
    // Site-wide files under assets/fonts/: relative URLs work from file:// and offline.
    const files = [...new Set(used.faces.map((f) => ctx.theme.fonts[f.role][f.style]))];
    for (const file of files) fontUrls.set(file, await ctx.fonts.url(file, used.text));
  } else {
    // Self-contained page: a data: URI works when the page is mailed on its own.
    // WOFF2: every browser that runs this page reads it, and it is the smallest.
    for (const [file, bytes] of await embeddedFonts(ctx.theme, used, 'woff2')) {
      fontUrls.set(file, `data:font/woff2;base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`);
    }
  }
  // Characters no theme face has: subsets of the fallback faces, inlined (they are the
  // page's own, so there is nothing to share with other pages).
  const fallbacks = (await fallbackSubsets(ctx.theme, used.text, 'woff')).map((f) => ({
    family: f.family,
    unicodeRange: f.unicodeRange,
    url: `data:font/woff;base64,${Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength).toString('base64')}`,
  }));
  const html = stringify.stringify(htmlTree(doc, ctx, body, fontUrls, fallbacks));
  return new TextEncoder().encode(html.endsWith('\n') ? html : `${html}\n`);
}
