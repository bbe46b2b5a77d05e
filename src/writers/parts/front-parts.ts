/**
 * Pieces of a briefing that the HTML and EPUB editions share, as hast: the title block
 * (with the draft notice and the notice of a translation behind its source), the table of
 * contents, the "also available in" line and the resource appendix.
 * The PDF writer draws the same pieces from the same model values and UI strings.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { formatDate, languageDirection, uiString } from '../../content/locales.js';
import type { BriefingDocument, Heading, UiStrings } from '../../model/types.js';
import { bindShortWords } from '../../model/typography.js';
import type { Edition } from '../types.js';

/** Names of organisation and authors, joined, or undefined. */
export function byline(doc: BriefingDocument): string | undefined {
  const names = [...(doc.meta.authors ?? []), ...(doc.meta.organization ? [doc.meta.organization] : [])];
  return names.length ? names.join(', ') : undefined;
}

export interface BehindNotice {
  /** The sentence around the name of the original edition, e.g. "This translation is 2 paragraphs behind the " + … + ".". */
  before: string;
  /** "French original": the words that link to the source edition. */
  original: string;
  after: string;
  sourceLocale: string;
}

/**
 * The notice of a translation behind its source ("This translation is 2 paragraphs behind
 * the French original."), in the reader's language, or undefined when it is up to date.
 * The source language is named by `Intl.DisplayNames` in the reader's language; the count
 * picks the `behindNoticeOne|Other` string by the locale's plural rules, and a translation
 * without a block record (behind by an unknown amount) gets `behindNoticeUnknown`.
 */
export function behindNotice(doc: BriefingDocument, strings: UiStrings): BehindNotice | undefined {
  const lag = doc.sourceLag;
  if (!lag || (lag.blocks && lag.blocks.behind === 0)) return undefined;
  const language = new Intl.DisplayNames([doc.locale.dateLocale], { type: 'language' }).of(lag.sourceLocale) ?? lag.sourceLocale;
  const n = lag.blocks?.behind;
  const key = n === undefined ? 'behindNoticeUnknown' : new Intl.PluralRules(doc.locale.dateLocale).select(n) === 'one' ? 'behindNoticeOne' : 'behindNoticeOther';
  const [before = '', after = ''] = uiString(strings, key, { n: n ?? '' }).split('{original}');
  return { before, original: uiString(strings, 'originalEdition', { language }), after, sourceLocale: lag.sourceLocale };
}

/** The behind notice as a paragraph; the original's name links to `originalHref` when given (an EPUB cannot link out). */
export function behindNoticeParagraph(doc: BriefingDocument, strings: UiStrings, originalHref?: string): Element | undefined {
  const notice = behindNotice(doc, strings);
  if (!notice) return undefined;
  const props = { hrefLang: notice.sourceLocale };
  const original = originalHref ? h('a', { href: originalHref, ...props }, notice.original) : h('span', notice.original);
  return h('p.notice.behind-source', { role: 'note' }, [notice.before, original, notice.after].filter((x) => x !== '') as ElementContent[]);
}

/** The title block; `originalHref` links the behind notice to the source edition. */
export function titleBlock(doc: BriefingDocument, strings: UiStrings, extra: ElementContent[] = [], originalHref?: string): Element {
  const { meta } = doc;
  const by = byline(doc);
  const metaLine: ElementContent[] = [];
  // An undated edition prints no date; `doc.published` is a file timestamp, never shown.
  if (doc.date) {
    // "Publié le {date}": the words around the date stay in the locale's order.
    const [before = '', after = ''] = uiString(strings, 'publishedOn').split('{date}');
    metaLine.push(...([before, h('time', { dateTime: doc.date.toISOString().slice(0, 10) }, formatDate(doc.date, doc.locale)), after].filter((x) => x !== '') as ElementContent[]));
  }
  if (by) metaLine.push(...(metaLine.length ? [{ type: 'text', value: ' · ' } as const] : []), h('span', by));
  return h('header.title-block', [
    h('p.label', uiString(strings, 'coverLabel')),
    // Shown with short words bound to the next (metadata keeps the title as written).
    h('h1', bindShortWords(meta.title, doc.locale.typography)),
    meta.subtitle ? h('p.subtitle', bindShortWords(meta.subtitle, doc.locale.typography)) : undefined,
    metaLine.length ? h('p.meta', metaLine) : undefined,
    doc.meta.status === 'draft' ? h('p.notice', { role: 'note' }, uiString(strings, 'draftNotice')) : undefined,
    behindNoticeParagraph(doc, strings, originalHref),
    ...extra,
  ].filter(Boolean) as ElementContent[]);
}

/** The summary as the lead paragraph under the title block, as on the PDF cover (element style `lead`). */
export function summaryLead(doc: BriefingDocument): Element | undefined {
  return doc.meta.summary ? h('p.lead', doc.meta.summary) : undefined;
}

/** "Also available in: Ikinyarwanda · Kiswahili", linking each edition with `href(locale)`. */
export function editionsLine(editions: Edition[], strings: UiStrings, href: (locale: string) => string): Element | undefined {
  if (editions.length === 0) return undefined;
  const links: ElementContent[] = [];
  editions.forEach((e, i) => {
    if (i > 0) links.push({ type: 'text', value: ' · ' });
    // Each name carries its language and direction (العربية in a French line, and the reverse).
    links.push(h('a', { href: href(e.locale.code), hrefLang: e.locale.code, lang: e.locale.code, dir: e.locale.dir }, e.locale.nativeName));
  });
  return h('p.editions', [`${uiString(strings, 'alsoAvailableIn')} `, ...links]);
}

/** Nested ordered list of headings; a deeper heading nests under the previous item. */
export function tocList(headings: Heading[], href: (h: Heading) => string): Element {
  const root = h('ol');
  const stack: Array<{ depth: number; list: Element }> = [{ depth: Math.min(...headings.map((x) => x.depth)), list: root }];
  for (const heading of headings) {
    let top = stack.at(-1)!;
    while (heading.depth < top.depth && stack.length > 1) {
      stack.pop();
      top = stack.at(-1)!;
    }
    const prev = top.list.children.at(-1) as Element | undefined;
    if (heading.depth > top.depth && prev) {
      const sub = h('ol');
      prev.children.push(sub);
      top = { depth: heading.depth, list: sub };
      stack.push(top);
    }
    top.list.children.push(h('li', [h('a', { href: href(heading) }, heading.text)]));
  }
  return root;
}

export function tocNav(doc: BriefingDocument, strings: UiStrings, href: (h: Heading) => string): Element | undefined {
  if (doc.headings.length === 0) return undefined;
  return h('nav.toc', { ariaLabelledBy: 'contents-title' }, [
    h('h2#contents-title', uiString(strings, 'contents')),
    tocList(doc.headings, href),
  ]);
}

/** The resource appendix; undefined when the briefing has no resources. */
export function appendixSection(doc: BriefingDocument, strings: UiStrings): Element | undefined {
  if (doc.resources.length === 0) return undefined;
  return h('section.appendix', { ariaLabelledBy: 'resources' }, [
    h('h2#resources', uiString(strings, 'resources')),
    h('p', uiString(strings, 'resourcesIntro')),
    h(
      'ol',
      doc.resources.map((r) =>
        h(`li#${r.id}`, { value: r.n }, [
          // A title or publisher may be in another script than the edition: its direction is its own.
          h('cite', r.lang ? { lang: r.lang, dir: languageDirection(r.lang) } : { dir: 'auto' }, r.title),
          ' — ',
          h('span', { dir: 'auto' }, r.publisher),
          h('br'),
          h('a.url', { href: r.url, dir: 'ltr' }, r.url),
        ]),
      ),
    ),
  ]);
}
