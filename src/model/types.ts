/**
 * The document model every writer consumes. One parse produces it; writers never
 * re-read sources or re-parse Markdown.
 */
import type { Root as HastRoot } from 'hast';

/** A locale: resolved from `Intl`, with the overrides of `templates/locales/catalogue.yaml`. */
export interface LocaleInfo {
  code: string;
  /** English name, e.g. "Kinyarwanda". */
  name: string;
  /** The language's own name, e.g. "Ikinyarwanda". */
  nativeName: string;
  region: string;
  dir: 'ltr' | 'rtl';
  /** Typography rule set of `model/typography-rules.ts` (`fr`, `en`, `de`...), or the locale code. */
  typography: string;
  /** Hyphenation of the PDF: syllable rules of `hyphenation/` (rw, sw), a pattern set of the npm `hyphen` package, or null. */
  hyphenation: string | null;
  /** ICU locale for dates. */
  dateLocale: string;
}

/** UI strings of one locale (`templates/locales/<code>.yaml`). */
export type UiStrings = Record<string, string>;

export interface ResourceInput {
  title: string;
  url: string;
  publisher?: string;
  /** BCP 47 language of the title, when it is not the edition's. */
  lang?: string;
}

export type TranslationStatus = 'draft' | 'reviewed';

/** Validated front matter. Keys are the YAML keys. */
export interface FrontMatter {
  title: string;
  subtitle?: string;
  /** ISO date `YYYY-MM-DD`: the publication date printed to readers; absent for an undated edition. */
  date?: string;
  summary?: string;
  authors?: string[];
  organization?: string;
  keywords?: string[];
  resources?: ResourceInput[];
  /** For translations: the source locale. */
  translation_of?: string;
  /** For translations: content hash of the source it was translated from. */
  source_hash?: string;
  status?: TranslationStatus;
  /** Theme of this briefing (`templates/themes/<name>.yaml`), instead of the build's. */
  theme?: string;
}

/** One numbered entry of the resource appendix. */
export interface Resource {
  /** 1-based number, the same in every format. */
  n: number;
  /** Anchor id of the entry, e.g. `resource-1`. */
  id: string;
  title: string;
  /** Clean URL (tracking parameters and copy-paste punctuation removed). */
  url: string;
  /** Publisher when given, else the URL's host. */
  publisher: string;
  /** Language of the title when given (front matter `lang:`, or a `lang` around a body link). */
  lang?: string;
}

export interface Heading {
  depth: number;
  id: string;
  text: string;
}

/**
 * A local file the body uses (an image, or a linked PDF…), loaded by the loader so writers
 * never touch disk. Keyed by its output-relative site path `assets/<16 hex of sha256>.<ext>`,
 * the same for every edition that uses the same bytes; `build.ts` writes it there.
 */
export interface ImageAsset {
  /** The `src`/`href` as it appears in the tree: `assets/<hash>.<ext>`. */
  src: string;
  contentPath: string;
  mime: string;
  bytes: Uint8Array;
}

/**
 * How far a translation is behind its source edition (content/source-lag.ts), block by
 * block: what `status`, the reader notice and the manifest report.
 */
export interface SourceLag {
  /** Locale of the source edition (front matter `translation_of`, else the catalogue source). */
  sourceLocale: string;
  /** Content path of the source edition. */
  sourcePath: string;
  /** `contentHash` of the source now. */
  sourceHash: string;
  /** The source hash the translation records (block record, else front matter `source_hash`). */
  recordedHash?: string;
  /**
   * Source blocks changed, added and removed since the translation's block record
   * (`behind` is their sum); null when there is no record and the source changed since
   * `source_hash`: behind by an unknown amount.
   */
  blocks: { behind: number; changed: number; added: number; removed: number } | null;
  /**
   * Content files this figure was computed from, with the sha256 of their bytes (`absent`
   * for a record not written yet): the source and the block record. A cache keying the
   * translation's artifacts must include them.
   */
  inputs: Array<[path: string, sha256: string]>;
}

export interface BriefingDocument {
  slug: string;
  locale: LocaleInfo;
  /** Content-relative path of the source, e.g. `fr/paris-ai-summit-2025.md`. */
  sourcePath: string;
  /** Path shown to users in messages. */
  displayPath: string;
  meta: FrontMatter;
  /** Sanitised, slugged, typographically corrected HTML tree of the body. */
  tree: HastRoot;
  headings: Heading[];
  resources: Resource[];
  images: Map<string, ImageAsset>;
  /** Local non-Markdown files the body links to, keyed like `images` (`assets/<hash>.<ext>`). */
  files: Map<string, ImageAsset>;
  /** sha256 (hex, first 16 chars) of the normalised source file: what translations record. */
  contentHash: string;
  /** The date printed to readers (front matter `date`); undefined for an undated edition. */
  date?: Date;
  /**
   * Timestamp recorded inside files (PDF CreationDate, EPUB dcterms:modified, zip entries):
   * SOURCE_DATE_EPOCH when set, else the front matter date, else `UNDATED_TIMESTAMP`.
   * Never printed to readers.
   */
  published: Date;
  /**
   * Translations whose source edition exists: how far behind it they are (`blocks.behind`
   * is the figure for manifests and CI). Undefined for a source edition.
   */
  sourceLag?: SourceLag;
}
