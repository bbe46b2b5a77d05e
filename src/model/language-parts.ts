/**
 * Runs in another language (`<span lang="he">…</span>` in the Markdown) get the `dir` of
 * that language's script when it is not the edition's, so a Hebrew quotation in an
 * English page is laid out right to left in HTML and EPUB (and the Nu checker and
 * readers know it). An explicit `dir` is kept.
 */
import type { Element, Root } from 'hast';
import { visit } from './visit-tree.js';
import { languageDirection } from '../content/locales.js';

export function markLanguageDirections(tree: Root, editionDir: 'ltr' | 'rtl'): void {
  visit(tree, 'element', (el: Element) => {
    const lang = el.properties.lang;
    if (typeof lang !== 'string' || lang === '' || el.properties.dir !== undefined) return;
    const dir = languageDirection(lang);
    if (dir !== editionDir) el.properties.dir = dir;
  });
}
