/**
 * epub-gen-memory re-parses every chapter and deletes each attribute missing from its
 * allowlist: `ol[start]`, `li[value]`, the `checked`/`disabled` state of task items,
 * `time[datetime]`… It also turns an empty `alt` into "image-placeholder". So before the
 * library sees a chapter, each element's attributes are moved into a side table and the
 * element keeps only a marker class (images keep `src`, which the library needs to
 * collect them). After the library's pass, `restore` puts every attribute back on its
 * element, overriding whatever the library wrote there.
 */
import type { Element, ElementContent, Root } from 'hast';
import { visit } from '../../model/visit-tree.js';
import { cloneNodes } from '../../model/clone-tree.js';
import { attributeName, attributeValue, escapeXml } from './xml.js';

const MARKER = 'bp-carry-';
const MARKER_TOKEN = new RegExp(`^${MARKER}(\\d+)$`);
// The library's output is XML written by dom-serializer: attribute values are always
// double-quoted with `"`, `<` and `>` escaped, so a start tag is exactly this shape.
const START_TAG = /<([A-Za-z][\w:.-]*)((?:\s+[^\s="'<>/]+="[^"]*")*)(\s*\/?)>/g;
const ATTRIBUTE = /\s+([^\s="'<>/]+)="([^"]*)"/g;

export interface CarriedChapter {
  nodes: ElementContent[];
  /** Puts the carried attributes back into the library's XHTML of this chapter. */
  restore(xhtml: string): string;
}

export function carryAttributes(nodes: ElementContent[]): CarriedChapter {
  const table: Array<Array<[string, string]>> = [];
  const root: Root = { type: 'root', children: cloneNodes(nodes) };
  visit(root, 'element', (node: Element) => {
    const attributes: Array<[string, string]> = [];
    for (const [property, raw] of Object.entries(node.properties)) {
      const name = attributeName(property);
      const value = attributeValue(name, raw);
      if (value !== undefined) attributes.push([name, value]);
    }
    if (attributes.length === 0) return;
    const kept: Element['properties'] = { className: [`${MARKER}${table.length}`] };
    if (node.tagName === 'img') kept.src = node.properties.src;
    node.properties = kept;
    table.push(attributes);
  });

  return {
    nodes: root.children as ElementContent[],
    restore(xhtml) {
      const seen = new Set<number>();
      const out = xhtml.replace(START_TAG, (tag, name: string, attrs: string, close: string) => {
        const written = new Map<string, string>();
        let index: number | undefined;
        for (const [, attr, value] of attrs.matchAll(ATTRIBUTE)) {
          if (attr === 'class') {
            const tokens = value!.split(/\s+/).filter(Boolean);
            const mark = tokens.map((t) => MARKER_TOKEN.exec(t)).find(Boolean);
            if (mark) index = Number(mark[1]);
            const rest = tokens.filter((t) => !MARKER_TOKEN.test(t));
            if (rest.length) written.set('class', rest.join(' '));
          } else {
            written.set(attr!, value!);
          }
        }
        if (index === undefined) return tag;
        const carried = table[index];
        if (!carried || seen.has(index)) throw new Error(`attribute marker ${index} is unknown or repeated`);
        seen.add(index);
        for (const [attr, value] of carried) written.set(attr, escapeXml(value));
        // An image without alt stays without one: "image-placeholder" describes nothing.
        if (name === 'img' && !carried.some(([attr]) => attr === 'alt')) written.delete('alt');
        const serialised = [...written].map(([attr, value]) => ` ${attr}="${value}"`).join('');
        return `<${name}${serialised}${close.includes('/') ? '/' : ''}>`;
      });
      if (seen.size !== table.length) {
        throw new Error(`${table.length - seen.size} element(s) lost their attributes in the EPUB library`);
      }
      return out;
    },
  };
}
