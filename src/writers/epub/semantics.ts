/**
 * Reading-system semantics for the parts the model marks with `data-*` attributes:
 * GFM footnote calls become `noteref`s and their return links `backlink`s, so e-readers
 * can show notes as pop-ups and screen readers announce them. The `data-*` markers
 * themselves mean nothing to a reader and are dropped.
 */
import type { Element, Root } from 'hast';
import { visit } from '../../model/visit-tree.js';
import type { EpubChapter } from './chapters.js';

function dropDataProperties(node: Element): void {
  for (const key of Object.keys(node.properties)) {
    if (/^data[A-Z0-9]/.test(key)) delete node.properties[key];
  }
}

export function addReadingSemantics(chapters: EpubChapter[]): void {
  for (const chapter of chapters) {
    const root: Root = { type: 'root', children: chapter.nodes };
    visit(root, 'element', (node: Element) => {
      const p = node.properties;
      if (node.tagName === 'a' && p.dataFootnoteRef !== undefined) {
        p['epub:type'] = 'noteref';
        p.role = 'doc-noteref';
      } else if (node.tagName === 'a' && p.dataFootnoteBackref !== undefined) {
        p['epub:type'] = 'backlink';
        p.role = 'doc-backlink';
      }
      dropDataProperties(node);
    });
  }
}
