/**
 * GFM task items arrive as `<li><input type="checkbox" disabled> text</li>` (or with the
 * checkbox inside the item's first paragraph): a form control without a label, which
 * screen readers announce as a bare "checkbox" (WCAG 4.1.2, axe `label`). The checkbox
 * and the text that follows it on its line are wrapped in a `<label>`, so the item's
 * own words name its checkbox and are still read once.
 */
import type { Element, ElementContent, Root } from 'hast';
import { visit } from './visit-tree.js';

// Content that may not sit inside a <label> (phrasing content only) ends the label.
const BLOCKS = new Set(['p', 'div', 'ul', 'ol', 'li', 'blockquote', 'pre', 'table', 'hr', 'section', 'dl', 'figure', 'details', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'label']);

const isCheckbox = (n: ElementContent): n is Element => n.type === 'element' && n.tagName === 'input' && n.properties.type === 'checkbox';

function wrapIn(parent: Element): boolean {
  const start = parent.children.findIndex(isCheckbox);
  if (start < 0) return false;
  let end = start + 1;
  while (end < parent.children.length) {
    const n = parent.children[end]!;
    if (n.type === 'element' && BLOCKS.has(n.tagName)) break;
    end++;
  }
  // Trailing white space (the line break before a nested list) stays outside.
  while (end > start + 1 && parent.children[end - 1]!.type === 'text' && (parent.children[end - 1] as { value: string }).value.trim() === '') end--;
  const label: Element = { type: 'element', tagName: 'label', properties: {}, children: parent.children.slice(start, end) };
  parent.children.splice(start, end - start, label);
  return true;
}

export function labelTaskCheckboxes(tree: Root): void {
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'li') return;
    if (wrapIn(node)) return;
    const first = node.children.find((c): c is Element => c.type === 'element');
    if (first?.tagName === 'p') wrapIn(first);
  });
}
