/**
 * What the OPF package says about the book: a stable identifier, the briefing's
 * language, title, people, description and dates, and schema.org accessibility
 * metadata. Every value comes from the model or the UI strings; none from the clock.
 */
import { createHash } from 'node:crypto';
import type { Element } from 'hast';
import { visit } from '../../model/visit-tree.js';
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

/** What the edition really contains, for its accessibility claims. */
export interface EditionContents {
  headings: number;
  tables: number;
  notes: boolean;
  /** Images with a text alternative, and decorative ones (empty alt). */
  described: number;
  decorative: number;
  resources: number;
}

export function editionContents(doc: BriefingDocument): EditionContents {
  const out: EditionContents = { headings: 0, tables: 0, notes: false, described: 0, decorative: 0, resources: doc.resources.length };
  visit(doc.tree, 'element', (node: Element) => {
    if (/^h[2-6]$/.test(node.tagName)) out.headings++;
    else if (node.tagName === 'table') out.tables++;
    else if (node.tagName === 'section' && node.properties.dataFootnotes !== undefined) out.notes = true;
    else if (node.tagName === 'img') {
      if (String(node.properties.alt ?? '').trim()) out.described++;
      else out.decorative++;
    }
  });
  return out;
}

/** The conformance claim (EPUB Accessibility 1.1, section 2.1), as epubcheck and Ace read it. */
export const CONFORMS_TO = 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA';

/**
 * schema.org accessibility metadata and the summary, each fact stated only when the
 * edition has what it claims. There is no `a11y:certifiedBy`: nobody has certified
 * these books, and no configuration says otherwise.
 */
function accessibilityMetadata(doc: BriefingDocument, ctx: WriterContext): Array<[string, string]> {
  const has = editionContents(doc);
  const images = has.described + has.decorative;
  // An image without a description may be decorative or an author's omission (the
  // model warns about a missing alt): text alone is claimed enough only when every
  // image is described.
  const allDescribed = has.decorative === 0;
  const out: Array<[string, string]> = [['dcterms:conformsTo', CONFORMS_TO], ['schema:accessMode', 'textual']];
  if (images) out.push(['schema:accessMode', 'visual']);
  if (allDescribed) out.push(['schema:accessModeSufficient', 'textual']);
  if (images) out.push(['schema:accessModeSufficient', 'textual,visual']);
  const features = ['tableOfContents', 'readingOrder', 'displayTransformability'];
  if (has.headings) features.push('structuralNavigation');
  const visual = images > 0 && allDescribed;
  if (visual) features.push('alternativeText');
  for (const feature of features.sort()) out.push(['schema:accessibilityFeature', feature]);
  out.push(['schema:accessibilityHazard', 'none']);
  const say = (key: string) => uiString(ctx.strings, key);
  const summary = [
    say('a11yConformance'),
    has.headings ? say('a11yNavigation') : '',
    has.notes ? say('a11yNotes') : '',
    has.tables ? say('a11yTables') : '',
    visual ? say('a11yImages') : '',
    has.resources ? say('a11yResources') : '',
    say('a11yHazards'),
  ];
  out.push(['schema:accessibilitySummary', summary.filter(Boolean).join(' ')]);
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
