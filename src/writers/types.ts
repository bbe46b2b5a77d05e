/**
 * The writer contract: a writer is a pure function from the shared document model
 * to bytes. `build.ts` alone writes files. A new format is one new module plus one
 * line in `writers/index.ts`.
 */
import type { Reporter } from '../diagnostics.js';
import type { Catalogue } from '../content/locales.js';
import type { BriefingDocument, LocaleInfo, UiStrings } from '../model/types.js';
import type { FontProvider } from '../theme/site-fonts.js';
import type { Theme } from '../theme/theme.js';

/** Another locale of the same briefing, for "also available in" and hreflang. */
export interface Edition {
  locale: LocaleInfo;
}

export interface WriterContext {
  theme: Theme;
  strings: UiStrings;
  catalogue: Catalogue;
  /** The other locales this briefing exists in (not including the document's own). */
  editions: Edition[];
  /** Formats being built in this run (the HTML page links to their downloads). */
  formats: readonly string[];
  /** Warnings a writer finds (a glyph no font has, a remote image...). */
  reporter: Reporter;
  /**
   * Site-wide font files for the HTML page (`assets/fonts/`), shared by every page. Absent:
   * the page is self-contained, its font subsets inlined as data: URIs.
   */
  fonts?: FontProvider;
  /**
   * The edition's cover image: its site path (og:image), and its PNG bytes for the
   * writers that embed it (the EPUB; the others get the path while it is being drawn).
   */
  cover?: { path: string; bytes?: Uint8Array };
}

export type Writer = (doc: BriefingDocument, ctx: WriterContext) => Promise<Uint8Array>;

export interface WriterEntry {
  format: string;
  extension: string;
  mediaType: string;
  render: Writer;
  /** Starts loading the writer's modules without rendering (a render thread calls it first, so file reads overlap parsing). */
  preload(): void;
}

/** Path of an artifact relative to the output root. */
export function artifactPath(locale: string, slug: string, extension: string): string {
  return `${locale}/${slug}.${extension}`;
}

/** Link from one artifact to another edition's artifact of the same format. */
export function editionHref(locale: string, slug: string, extension: string): string {
  return `../${artifactPath(locale, slug, extension)}`;
}
