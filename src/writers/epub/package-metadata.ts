/**
 * What the OPF package says about the book: a stable identifier, the briefing's
 * language, title, people, description and dates, and schema.org accessibility
 * metadata. Every value comes from the model or the UI strings; none from the clock.
 */
import { createHash } from 'node:crypto';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import { uiString } from '../../content/locales.js';
import type { BriefingDocument } from '../../model/types.js';
import type { WriterContext } from '../types.js';

export interface PackageMetadata {
  identifier: string;
  title: string;
  subtitle?: string;
  language: string;
  dir: 'ltr' | 'rtl';
  creators: string[];
  publisher?: string;
  /** Never empty: an empty `dc:description` fails epubcheck. */
  description: string;
  /** `dc:date`: the publication date, `YYYY-MM-DD`. */
  date: string;
  /** `dcterms:modified`: `YYYY-MM-DDThh:mm:ssZ`. */
  modified: string;
  subjects: string[];
  /** `[property, value]` pairs, e.g. `['schema:accessMode', 'textual']`. */
  accessibility: Array<[string, string]>;
}

/**
 * A name-based UUID (RFC 9562 version 8) from locale, slug and content hash: the same
 * source always makes the same book, and a changed source makes a new one.
 */
export function bookIdentifier(doc: BriefingDocument): string {
  const bytes = createHash('sha256').update(`briefpress\0${doc.locale.code}\0${doc.slug}\0${doc.contentHash}`).digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function imagesDescribed(doc: BriefingDocument): { count: number; allDescribed: boolean } {
  let count = 0;
  let allDescribed = true;
  visit(doc.tree, 'element', (node: Element) => {
    if (node.tagName !== 'img') return;
    count++;
    if (String(node.properties.alt ?? '').trim() === '') allDescribed = false;
  });
  return { count, allDescribed };
}

function accessibilityMetadata(doc: BriefingDocument, ctx: WriterContext): Array<[string, string]> {
  const { count, allDescribed } = imagesDescribed(doc);
  const out: Array<[string, string]> = [['schema:accessMode', 'textual']];
  if (count) out.push(['schema:accessMode', 'visual']);
  if (!count || allDescribed) out.push(['schema:accessModeSufficient', 'textual']);
  if (count) out.push(['schema:accessModeSufficient', 'textual,visual']);
  for (const feature of ['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability']) {
    out.push(['schema:accessibilityFeature', feature]);
  }
  if (count && allDescribed) out.push(['schema:accessibilityFeature', 'alternativeText']);
  out.push(['schema:accessibilityHazard', 'none']);
  out.push(['schema:accessibilitySummary', uiString(ctx.strings, 'accessibilitySummary')]);
  return out;
}

export function packageMetadata(doc: BriefingDocument, ctx: WriterContext): PackageMetadata {
  const { meta } = doc;
  const iso = doc.published.toISOString();
  const authors = meta.authors ?? [];
  return {
    identifier: bookIdentifier(doc),
    title: meta.title,
    subtitle: meta.subtitle,
    language: doc.locale.code,
    dir: doc.locale.dir,
    creators: authors.length ? authors : meta.organization ? [meta.organization] : [],
    publisher: meta.organization,
    description: meta.summary ?? meta.subtitle ?? meta.title,
    date: iso.slice(0, 10),
    modified: `${iso.slice(0, 19)}Z`,
    subjects: meta.keywords ?? [],
    accessibility: accessibilityMetadata(doc, ctx),
  };
}
