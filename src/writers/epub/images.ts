/**
 * The images a book may contain are exactly the local images the model loaded into
 * `doc.images`. Anything else the library would be handed, an `http(s)://` or
 * protocol-relative URL above all, is refused here, before the library exists: a
 * build never touches the network and never ships an empty image file.
 */
import type { Element, Root } from 'hast';
import { visit } from '../../model/visit-tree.js';
import { DiagnosticError, type Diagnostic } from '../../diagnostics.js';
import type { BriefingDocument } from '../../model/types.js';
import type { WriterContext } from '../types.js';
import type { EpubChapter } from './chapters.js';
import type { SuppliedImage } from './offline-epub.js';

const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Images by `src`, for the library; reports and throws on any image it cannot supply. */
export function suppliedImages(doc: BriefingDocument, chapters: EpubChapter[], ctx: WriterContext): Map<string, SuppliedImage> {
  const supplied = new Map<string, SuppliedImage>();
  const problems: Diagnostic[] = [];
  for (const chapter of chapters) {
    const root: Root = { type: 'root', children: chapter.nodes };
    visit(root, 'element', (node: Element) => {
      if (node.tagName !== 'img') return;
      const src = typeof node.properties.src === 'string' ? node.properties.src : '';
      const pos = node.position?.start;
      const where = { file: doc.displayPath, line: pos?.line, column: pos?.column };
      const asset = doc.images.get(src);
      if (URL_WITH_SCHEME.test(src) || src.startsWith('//')) {
        problems.push({
          ...where,
          severity: 'error',
          code: 'epub/remote-image',
          message: `remote image ${src} cannot go into the EPUB: a build never uses the network`,
          hint: 'download the image into the content folder and refer to it by a relative path',
        });
      } else if (!asset || asset.bytes.byteLength === 0) {
        problems.push({ ...where, severity: 'error', code: 'epub/missing-image', message: `image ${src || '(no src)'} was not loaded from the content folder, so the EPUB cannot include it` });
      } else {
        // The book keeps its images in OEBPS/images/, under the model's content-addressed name.
        const inBook = `images/${src.slice(src.lastIndexOf('/') + 1)}`;
        node.properties.src = inBook;
        supplied.set(inBook, { bytes: asset.bytes, mime: asset.mime });
      }
    });
  }
  if (problems.length) {
    for (const p of problems) ctx.reporter.report(p);
    throw new DiagnosticError(problems);
  }
  return supplied;
}
