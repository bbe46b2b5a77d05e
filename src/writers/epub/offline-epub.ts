/**
 * epub-gen-memory, made fit to ship. The library downloads fonts, images and covers
 * with node-fetch, names images with random UUIDs, stamps every zip entry with the
 * current time and drops attributes outside its allowlist. This subclass keeps its
 * HTML normalisation, templating and zip assembly, and replaces the rest:
 *
 * - fonts, images and the cover come from bytes the writer hands over; nothing is ever fetched,
 *   and an image the writer did not supply is an error, never a download;
 * - images keep the model's content-addressed names (`images/<sha>.png`);
 * - the package identifier is the writer's, not a random UUID;
 * - the zip is written by `zip-container.ts` with native zlib, every entry carrying the
 *   same fixed date (JSZip stays unused: its deflate is JavaScript);
 * - carried attributes are restored after the library's allowlist pass, and the
 *   characters its serializer escaped are written as plain UTF-8 again.
 */
import ejs from 'ejs';
import { EPub, type Content, type Options } from 'epub-gen-memory';
import { decodeCharacterReferences } from './xml.js';
import { ZipEntries, zipContainer } from './zip-container.js';

export interface SuppliedImage {
  bytes: Uint8Array;
  mime: string;
}

export interface OfflineEpubInput {
  /** Package identifier (`urn:uuid:…`), also the NCX `dtb:uid`. */
  identifier: string;
  /** Every image the chapters refer to, by the `src` written in the chapters. */
  images: ReadonlyMap<string, SuppliedImage>;
  /** Font bytes by file name (the `filename` of `options.fonts`). */
  fonts: ReadonlyMap<string, Uint8Array>;
  /** Date written on every zip entry. */
  zipDate: Date;
  /** The cover image (PNG bytes): the package's `cover-image`. */
  cover?: Uint8Array;
  /** Per chapter (same order as `content`): undoes the library's attribute allowlist. */
  restore: ReadonlyArray<(xhtml: string) => string>;
}

/**
 * The library fills its templates with `ejs.render(template, data)`, which compiles the
 * template on every call: a book of six chapters compiled nine templates, each a new
 * function V8 never got to optimise (a fifth of the EPUB writer's time in a corpus
 * profile). Here each template text is compiled once per thread. `render(template, data)` is
 * `compile(template, options found in data)(data)`; of those options the library's data
 * only ever holds `filename` (a chapter's), which matters to `include`, and its templates
 * include nothing. Data carrying any other option goes to ejs as before.
 */
const renderTemplate = ejs.render;
const compiledTemplates = new Map<string, ejs.TemplateFunction>();
const TEMPLATE_OPTIONS = ['delimiter', 'scope', 'context', 'debug', 'compileDebug', 'client', '_with', 'rmWhitespace', 'strict', 'async'];
if (typeof renderTemplate !== 'function' || typeof ejs.compile !== 'function') throw new Error('ejs: render/compile not found (ejs upgraded?)');
ejs.render = ((template: string, data?: ejs.Data, options?: ejs.Options) => {
  if (options !== undefined || (data && TEMPLATE_OPTIONS.some((k) => k in data))) return renderTemplate(template, data, options);
  let compiled = compiledTemplates.get(template);
  if (!compiled) compiledTemplates.set(template, (compiled = ejs.compile(template)));
  return compiled(data);
}) as typeof ejs.render;

/** Thrown for anything the library would otherwise try to download. */
export class RefusedDownloadError extends Error {}

export class OfflineEpub extends EPub {
  private readonly supplied: OfflineEpubInput;
  private readonly entries = new ZipEntries();

  constructor(options: Options, content: Content, input: OfflineEpubInput) {
    super(options, content);
    this.supplied = input;
    // The library adds its files through `this.zip.file()` / `.folder()`: record them.
    this.entries.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
    this.zip = this.entries as unknown as typeof this.zip;
    this.uuid = input.identifier;
    if (input.cover) this.cover = { extension: 'png', mediaType: 'image/png' };
    this.content.forEach((chapter, i) => {
      const restore = input.restore[i];
      if (!restore) throw new Error(`no attribute restorer for chapter ${i}`);
      chapter.content = decodeCharacterReferences(restore(chapter.content));
    });
    for (const image of this.images) {
      const asset = input.images.get(image.url);
      if (!asset) throw new RefusedDownloadError(`image ${image.url} was not supplied; the EPUB writer never downloads`);
      const name = image.url.slice(image.url.lastIndexOf('/') + 1);
      const dot = name.lastIndexOf('.');
      image.id = name.slice(0, dot);
      image.extension = name.slice(dot + 1);
      image.mediaType = asset.mime;
    }
  }

  protected override async downloadAllFonts(): Promise<void> {
    if (!this.options.fonts.length) return;
    const folder = this.zip.folder('OEBPS')!.folder('fonts')!;
    for (const font of this.options.fonts) {
      const bytes = this.supplied.fonts.get(font.filename);
      if (!bytes || bytes.byteLength === 0) throw new RefusedDownloadError(`font ${font.filename} was not supplied`);
      folder.file(font.filename, bytes);
    }
  }

  protected override async downloadAllImages(): Promise<void> {
    if (!this.images.length) return;
    const folder = this.zip.folder('OEBPS')!.folder('images')!;
    for (const image of this.images) {
      const asset = this.supplied.images.get(image.url);
      if (!asset || asset.bytes.byteLength === 0) throw new RefusedDownloadError(`image ${image.url} was not supplied`);
      // PNG and JPEG are compressed already: deflating them again costs time, saves nothing.
      folder.file(`${image.id}.${image.extension}`, asset.bytes, { compression: 'STORE' });
    }
  }

  protected override async makeCover(): Promise<void> {
    if (this.options.cover) throw new RefusedDownloadError('a cover file would be downloaded; pass its bytes as input.cover');
    if (this.supplied.cover) this.zip.folder('OEBPS')!.file('cover.png', this.supplied.cover, { compression: 'STORE' });
  }

  override generateAsync: EPub['generateAsync'] = async () => {
    const zip = await zipContainer(this.entries.entries, this.supplied.zipDate);
    return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength) as never;
  };
}
