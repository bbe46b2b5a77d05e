/**
 * The EPUB edition: an EPUB 3 book built with epub-gen-memory from the shared document
 * model. The pieces, in order:
 *   chapters.ts        split the body at its h2 sections (+ title page, notes, appendix)
 *   semantics.ts       footnote semantics for reading systems
 *   links.ts           valid ids, `#fragment` links rewritten to `file.xhtml#id`
 *   images.ts          only the model's local images; remote ones are refused
 *   navigation.ts      nav document, landmarks and toc.ncx
 *   carry-attributes   what the library's attribute allowlist would drop
 *   package-metadata   identifier, language, dates, accessibility
 *   templates.ts       the OPF, nav, NCX and chapter templates
 *   offline-epub.ts    the library, without network, randomness or clock
 */
import type { ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { uiString } from '../../content/locales.js';
import type { BriefingDocument } from '../../model/types.js';
import { embeddedFonts } from '../../theme/embedded-fonts.js';
import { usedFaces } from '../../theme/used-faces.js';
import { fallbackSubsets } from '../../theme/fallback-fonts.js';
import type { WriterContext } from '../types.js';
import { carryAttributes } from './carry-attributes.js';
import { splitIntoChapters } from './chapters.js';
import { suppliedImages } from './images.js';
import { resolveLinks } from './links.js';
import { addReadingSemantics } from './semantics.js';
import { buildNavigation } from './navigation.js';
import { packageMetadata } from './package-metadata.js';
import { epubStylesheet } from './stylesheet.js';
import { CHAPTER_TEMPLATE, NAV_TEMPLATE, NCX_TEMPLATE, OPF_TEMPLATE } from './templates.js';

// epub-gen-memory takes a quarter of a second to load: only builds that make EPUBs pay it,
// and they start reading it as soon as this writer loads, while the first edition is parsed.
const offlineEpub = import('./offline-epub.js');
offlineEpub.catch(() => undefined); // a failure surfaces where renderEpub awaits it

/** The earliest date a zip entry can hold (MS-DOS time starts in 1980). */
const ZIP_EPOCH = Date.UTC(1980, 0, 1);

function html(nodes: ElementContent[]): string {
  const root: Root = { type: 'root', children: nodes };
  return toHtml(root, { characterReferences: { useNamedReferences: false } });
}

export async function renderEpub(doc: BriefingDocument, ctx: WriterContext): Promise<Uint8Array> {
  const file = doc.displayPath;
  const chapters = splitIntoChapters(doc, ctx);
  addReadingSemantics(chapters);
  const images = suppliedImages(doc, chapters, ctx);
  const links = resolveLinks(chapters, (href, chapter) =>
    ctx.reporter.warn({
      code: 'epub/broken-link',
      file,
      message: `link ${href} in ${chapter.filename} of the EPUB points at nothing in the book; its text stays, unlinked`,
      hint: 'link to a heading id that exists, e.g. [see](#heading-slug)',
    }),
  );
  const { tocTree, ...navigation } = buildNavigation(doc, ctx, chapters, links);
  const meta = packageMetadata(doc, ctx);
  const carried = chapters.map((c) => carryAttributes(c.nodes));
  // Only the faces the pages use, each holding only the characters the pages show (the
  // twelve full DejaVu files weigh 2.8 MB). Metadata is left out: reading systems show
  // titles and descriptions in their own fonts.
  const used = usedFaces([...chapters.flatMap((c) => c.nodes), tocTree], doc.locale.code);
  const themeFonts = await embeddedFonts(ctx.theme, used, 'truetype');
  // Characters no theme face has: subsets of the fallback faces (fallback-fonts.ts).
  const fallbacks = await fallbackSubsets(ctx.theme, used.text, 'truetype');
  const fonts = new Map([...themeFonts, ...fallbacks.map((f) => [f.filename, f.bytes] as const)]);

  const libraryWarnings: string[] = [];
  const options = {
    title: meta.title,
    author: meta.creators,
    publisher: meta.publisher,
    description: meta.description,
    lang: meta.language,
    date: doc.published.toISOString(),
    tocTitle: uiString(ctx.strings, 'contents'),
    prependChapterTitles: false,
    numberChaptersInTOC: false,
    tocInTOC: true,
    version: 3,
    css: epubStylesheet(ctx.theme, new Set(themeFonts.keys()), fallbacks),
    // Names only: OfflineEpub supplies the bytes and never fetches these URLs.
    fonts: [...fonts.keys()].map((f) => ({ filename: f, url: `briefpress-font:${f}` })),
    ignoreFailedDownloads: false,
    verbose: (type: 'log' | 'warn', ...args: unknown[]) => {
      if (type === 'warn') libraryWarnings.push(args.map(String).join(' '));
    },
    chapterXHTML: CHAPTER_TEMPLATE,
    tocXHTML: NAV_TEMPLATE,
    tocNCX: NCX_TEMPLATE,
    contentOPF: OPF_TEMPLATE,
    bp: { ...meta, ...navigation },
  };
  const content = chapters.map((chapter, i) => ({
    title: chapter.title,
    filename: chapter.filename,
    content: html(carried[i]!.nodes),
    beforeToc: chapter.kind === 'titlepage',
    manifestId: chapter.id,
    bodyType: chapter.bodyType,
    dir: doc.locale.dir,
  }));

  const { OfflineEpub } = await offlineEpub;
  const book = new OfflineEpub(options, content, {
    identifier: meta.identifier,
    images,
    fonts,
    cover: ctx.cover?.bytes,
    zipDate: new Date(Math.max(ZIP_EPOCH, doc.published.getTime())),
    restore: carried.map((c) => c.restore),
  });
  const bytes = await book.genEpub();
  for (const warning of libraryWarnings) {
    ctx.reporter.warn({ code: 'epub/library', file, message: `epub-gen-memory: ${warning}` });
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
