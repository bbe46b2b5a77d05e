/**
 * `<locale>/feed.xml`: an Atom feed (RFC 4287) of the locale's editions, newest first.
 * Each entry links the HTML page and encloses the PDF and EPUB with their sizes. Links are
 * relative to the feed (the site has no base URL); ids are stable `urn:uuid:` values
 * derived from the locale and slug, so a rebuild never makes a reader see new entries.
 */
import { createHash } from 'node:crypto';
import { uiString } from '../content/locales.js';
import type { LocaleInfo, UiStrings } from '../model/types.js';
import { writerFor } from '../writers/index.js';
import type { SiteEdition } from './editions.js';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A name-based UUID (version 5 layout, SHA-256 truncated): stable across builds. */
export function stableUuid(name: string): string {
  const b = createHash('sha256').update(name).digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const x = b.toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const atomDate = (date: string | undefined) => `${date ?? '1970-01-01'}T00:00:00Z`;

export function renderAtomFeed(info: LocaleInfo, eds: SiteEdition[], strings: UiStrings): Uint8Array {
  const title = `${uiString(strings, 'briefings')} — ${info.nativeName}`;
  const updated = eds.reduce((d, e) => ((e.meta.date ?? '') > d ? e.meta.date! : d), '');
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(info.code)}">`,
    `  <id>${stableUuid(`briefpress:feed:${info.code}`)}</id>`,
    `  <title>${escapeXml(title)}</title>`,
    `  <updated>${atomDate(updated || undefined)}</updated>`,
    // Atom wants an author for every entry; the feed's stands in for entries without one.
    `  <author><name>Briefpress</name></author>`,
    `  <generator>Briefpress</generator>`,
    `  <link rel="self" type="application/atom+xml" href="feed.xml"/>`,
    `  <link rel="alternate" type="text/html" hreflang="${escapeXml(info.code)}" href="index.html"/>`,
  ];
  for (const ed of eds) {
    const { meta } = ed;
    lines.push('  <entry>');
    lines.push(`    <id>${stableUuid(`briefpress:edition:${ed.locale}/${ed.slug}`)}</id>`);
    lines.push(`    <title>${escapeXml(meta.title)}</title>`);
    lines.push(`    <updated>${atomDate(meta.date)}</updated>`);
    lines.push(`    <published>${atomDate(meta.date)}</published>`);
    if (meta.author) lines.push(`    <author><name>${escapeXml(meta.author)}</name></author>`);
    if (meta.summary) lines.push(`    <summary>${escapeXml(meta.summary)}</summary>`);
    for (const f of ed.files) {
      const name = escapeXml(f.path.slice(f.path.lastIndexOf('/') + 1));
      const type = writerFor(f.format)?.mediaType ?? 'application/octet-stream';
      const rel = f.format === 'html' ? 'alternate' : 'enclosure';
      lines.push(`    <link rel="${rel}" type="${type}" hreflang="${escapeXml(ed.locale)}" length="${f.bytes}" href="${name}"/>`);
    }
    if (meta.status === 'draft') lines.push(`    <category term="draft" label="${escapeXml(uiString(strings, 'draft'))}"/>`);
    lines.push('  </entry>');
  }
  lines.push('</feed>', '');
  return new TextEncoder().encode(lines.join('\n'));
}
