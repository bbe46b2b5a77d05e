/**
 * The download pages, static HTML that works from disk with no script:
 *
 *   index.html            every briefing, newest first, and a language chooser
 *                         (in the source locale's UI strings; each title in its own `lang`)
 *   <locale>/index.html   that locale's editions in its own language and direction: title,
 *                         subtitle, summary, date, draft status, each format with its size,
 *                         the cover, and the other languages of the same briefing
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml, type Options as ToHtmlOptions } from 'hast-util-to-html';
import { formatDate, uiString, type Catalogue } from '../content/locales.js';
import type { LocaleInfo, UiStrings } from '../model/types.js';
import { themeCss } from '../theme/css.js';
import type { Theme } from '../theme/theme.js';
import { FORMAT_LABEL, fileSize, type SiteEdition } from './editions.js';
import { shareHead, type ShareInfo } from './open-graph.js';

// `allowDangerousHtml` passes on the `raw` nodes of `rendered` below: HTML this same
// serializer wrote, never text from a source or a manifest.
const HTML_OPTIONS: ToHtmlOptions = { characterReferences: { useNamedReferences: false }, allowDangerousHtml: true };

/**
 * `element` serialized now, as a raw node of its HTML: the same bytes it gives inside the
 * page. A download list holds one item per edition; serialized one at a time, only one
 * item's tree is alive, where the whole list's trees were (at 1,000 briefings, 30 MB at
 * the end of the build, a tenth of its peak memory).
 */
function rendered(element: Element): ElementContent {
  return { type: 'raw', value: toHtml(element, HTML_OPTIONS) };
}

/** Layout of the download lists only; colours, faces and sizes come from the theme. */
const INDEX_CSS = [
  '.editions-list { list-style: none; padding: 0; }',
  '.edition { display: flex; gap: 1em; align-items: flex-start; margin: 0 0 2em; }',
  '.edition img { flex: none; width: 120px; height: auto; border: 1px solid currentColor; }',
  '.edition h2 { margin-top: 0; }',
  '.downloads a, .languages a, .editions a { display: inline-block; min-height: 24px; min-width: 24px; padding: 2px 0; }',
  '.downloads ul, .languages ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; }',
  '.status { font-weight: bold; }',
  'a { text-decoration: underline; }',
  '@media (max-width: 480px) { .edition { flex-direction: column; } }',
].join('\n');

export interface IndexContext {
  catalogue: Catalogue;
  theme: Theme;
  strings: (locale: LocaleInfo) => UiStrings;
}

function page(locale: LocaleInfo, title: string, share: Omit<ShareInfo, 'title' | 'locale' | 'type'>, theme: Theme, extraHead: ElementContent[], body: ElementContent[]): Uint8Array {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: locale.code, dir: locale.dir }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', title),
          ...(share.description ? [h('meta', { name: 'description', content: share.description })] : []),
          h('meta', { name: 'generator', content: 'Briefpress' }),
          ...shareHead({ ...share, title, locale: locale.code, type: 'website' }),
          ...extraHead,
          h('style', `${themeCss(theme, { screen: true })}\n${INDEX_CSS}`),
        ]),
        h('body', body),
      ]),
    ],
  };
  return new TextEncoder().encode(`${toHtml(tree, HTML_OPTIONS)}\n`);
}

function skipLink(strings: UiStrings): Element {
  return h('a.skip.sr-only', { href: '#main' }, uiString(strings, 'skipToContent'));
}

/** Links to each locale's index, each name in its own language. */
function languageNav(codes: string[], catalogue: Catalogue, strings: UiStrings, hrefFor: (code: string) => string, current?: string): Element {
  const items = codes.map((code) => {
    const info = catalogue.locales.get(code)!;
    const attrs = { href: hrefFor(code), hrefLang: code, lang: code, ariaCurrent: code === current ? 'page' : undefined };
    return h('li', h('a', { ...attrs, dir: info.dir }, info.nativeName));
  });
  return h('nav.languages', { ariaLabel: uiString(strings, 'chooseLanguage') }, [h('p', uiString(strings, 'chooseLanguage')), h('ul', items)]);
}

export function renderRootIndex(byLocale: Map<string, SiteEdition[]>, ctx: IndexContext): Uint8Array {
  const { catalogue } = ctx;
  const source = catalogue.locales.get(catalogue.source)!;
  const strings = ctx.strings(source);
  const codes = [...byLocale.keys()];
  // One entry per briefing: its newest date decides its place; titles in every language.
  const bySlug = new Map<string, SiteEdition[]>();
  for (const list of byLocale.values()) for (const ed of list) bySlug.set(ed.slug, [...(bySlug.get(ed.slug) ?? []), ed]);
  const newest = (eds: SiteEdition[]) => eds.reduce((d, e) => ((e.meta.date ?? '') > d ? e.meta.date! : d), '');
  const slugs = [...bySlug.keys()].sort((a, b) => (newest(bySlug.get(b)!) < newest(bySlug.get(a)!) ? -1 : newest(bySlug.get(b)!) > newest(bySlug.get(a)!) ? 1 : a < b ? -1 : 1));
  const items = slugs.map((slug) => {
    const eds = bySlug.get(slug)!;
    const lead = eds.find((e) => e.locale === source.code) ?? eds[0]!;
    const others = eds.map((ed) => {
      const info = catalogue.locales.get(ed.locale)!;
      const files: ElementContent[] = [];
      for (const f of ed.files) {
        files.push({ type: 'text', value: files.length ? ' · ' : ' (' }, h('a', { href: f.path, hrefLang: ed.locale }, FORMAT_LABEL[f.format] ?? f.format));
      }
      if (files.length) files.push({ type: 'text', value: ')' });
      const name = h('a', { href: `${ed.locale}/index.html#${ed.slug}`, hrefLang: ed.locale }, h('span', { lang: ed.locale, dir: info.dir }, info.nativeName));
      return h('li', [name, ' — ', h('span', { lang: ed.locale, dir: info.dir }, ed.meta.title), ...files]);
    });
    return rendered(h('section', { ariaLabelledBy: `b-${slug}` }, [h(`h2#b-${slug}`, { lang: lead.locale }, lead.meta.title), h('ul', others)]));
  });
  const title = uiString(strings, 'allBriefings');
  const cover = slugs.length ? bySlug.get(slugs[0]!)!.find((e) => e.meta.cover)?.meta.cover : undefined;
  const alternates: Array<[string, string]> = codes.map((c) => [c, `${c}/index.html`]);
  return page(
    source,
    title,
    { image: cover, alternates: [...alternates, ['x-default', 'index.html']] },
    ctx.theme,
    [],
    [skipLink(strings), h('header', languageNav(codes, catalogue, strings, (c) => `${c}/index.html`)), h('main#main', [h('h1', title), ...items])],
  );
}

function editionItem(ed: SiteEdition, siblings: SiteEdition[], info: LocaleInfo, ctx: IndexContext, strings: UiStrings): Element {
  const { meta } = ed;
  const html = ed.files.find((f) => f.format === 'html');
  const headingId = `t-${ed.slug}`;
  const heading = h(`h2#${headingId}`, html ? h('a', { href: `${ed.slug}.html` }, meta.title) : meta.title);
  const parts: ElementContent[] = [heading];
  if (meta.subtitle) parts.push(h('p.subtitle', meta.subtitle));
  const line: ElementContent[] = [];
  if (meta.date) line.push(h('time', { dateTime: meta.date }, formatDate(new Date(`${meta.date}T00:00:00Z`), info)));
  if (meta.status === 'draft') line.push({ type: 'text', value: ' · ' }, h('span.status', uiString(strings, 'draft')));
  if (line.length) parts.push(h('p.meta', line));
  if (meta.summary) parts.push(h('p.summary', meta.summary));
  const downloads = ed.files.map((f) => {
    const label = uiString(strings, 'fileSize', { format: FORMAT_LABEL[f.format] ?? f.format, size: fileSize(f.bytes, info.dateLocale, strings) });
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    return h('li', h('a', { href: name, download: f.format === 'html' ? undefined : '', dataFormat: f.format, dataBytes: String(f.bytes) }, label));
  });
  parts.push(h('div.downloads', h('ul', downloads)));
  if (siblings.length) {
    const links: ElementContent[] = [];
    for (const s of siblings) {
      const other = ctx.catalogue.locales.get(s.locale)!;
      const target = s.files.some((f) => f.format === 'html') ? `../${s.locale}/${s.slug}.html` : `../${s.locale}/index.html#${s.slug}`;
      if (links.length) links.push({ type: 'text', value: ' · ' });
      links.push(h('a', { href: target, hrefLang: s.locale, lang: s.locale }, other.nativeName));
    }
    parts.push(h('p.editions', [`${uiString(strings, 'alsoAvailableIn')} `, ...links]));
  }
  const children: ElementContent[] = [];
  // The title beside it says what the cover shows: decorative for a screen reader.
  if (meta.cover) children.push(h('img', { src: `../${meta.cover}`, alt: '', width: 120, height: 170, loading: 'lazy' }));
  children.push(h('div', parts));
  return h(`li.edition#${ed.slug}`, { ariaLabelledBy: headingId }, children);
}

export function renderLocaleIndex(code: string, byLocale: Map<string, SiteEdition[]>, ctx: IndexContext): Uint8Array {
  const { catalogue } = ctx;
  const info = catalogue.locales.get(code)!;
  const strings = ctx.strings(info);
  const eds = byLocale.get(code) ?? [];
  const codes = [...byLocale.keys()];
  // The editions of each briefing in the other locales, in locale order (a map: a scan of
  // every locale's list per edition was quadratic in the corpus).
  const bySlug = new Map<string, SiteEdition[]>();
  for (const c of codes) if (c !== code) for (const e of byLocale.get(c)!) bySlug.set(e.slug, [...(bySlug.get(e.slug) ?? []), e]);
  const siblingsOf = (slug: string) => bySlug.get(slug) ?? [];
  const title = `${uiString(strings, 'briefings')} — ${info.nativeName}`;
  const alternates: Array<[string, string]> = [...codes.map((c): [string, string] => [c, `../${c}/index.html`]), ['x-default', '../index.html']];
  const main = h('main#main', [
    h('h1', title),
    h('p', h('a', { href: 'feed.xml', type: 'application/atom+xml' }, uiString(strings, 'atomFeed'))),
    h('ul.editions-list', eds.map((ed) => rendered(editionItem(ed, siblingsOf(ed.slug), info, ctx, strings)))),
  ]);
  const nav = languageNav(codes, catalogue, strings, (c) => `../${c}/index.html`, code);
  const home = h('p', h('a', { href: '../index.html' }, uiString(strings, 'allBriefings')));
  const cover = eds.find((e) => e.meta.cover)?.meta.cover;
  return page(
    info,
    title,
    { description: eds[0]?.meta.summary, image: cover ? `../${cover}` : undefined, alternates },
    ctx.theme,
    [h('link', { rel: 'alternate', type: 'application/atom+xml', href: 'feed.xml', title: uiString(strings, 'atomFeed') })],
    [skipLink(strings), h('header', [home, nav]), main],
  );
}
