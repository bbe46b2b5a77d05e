import { describe, expect, it } from 'vitest';
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { visit as libVisit, SKIP as LIB_SKIP, EXIT as LIB_EXIT } from 'unist-util-visit';
import { visitParents as libVisitParents } from 'unist-util-visit-parents';
import { visit, visitParents, SKIP, EXIT } from '../../src/model/visit-tree.js';
import { cloneTree } from '../../src/model/clone-tree.js';

const tree = (): Root => ({
  type: 'root',
  children: [
    h('p', { className: ['a'] }, ['one ', h('em', 'two'), ' three']),
    h('ul', [h('li', [h('a', { href: '#x' }, 'link'), ' tail']), h('li', 'second')]),
    h('pre', [h('code', 'skipped')]),
    h('p', 'last'),
  ] as Root['children'],
});

describe('visit-tree', () => {
  it('visits like unist-util-visit: order, index, parent, SKIP, EXIT and a returned index', () => {
    const trace = (v: typeof visit | typeof libVisit, skip: unknown, exit: unknown) => {
      const t = tree();
      const out: string[] = [];
      (v as typeof libVisit)(t, 'element', (node: Element, index, parent) => {
        out.push(`${node.tagName}@${index}<${parent?.type === 'element' ? parent.tagName : parent?.type}`);
        if (node.tagName === 'pre') return skip as typeof LIB_SKIP;
        if (node.tagName === 'a' && parent && index !== undefined) {
          parent.children.splice(index, 1, ...node.children);
          return index;
        }
        if (node.tagName === 'p' && index === 3) return exit as typeof LIB_EXIT;
        return undefined;
      });
      (v as typeof libVisit)(t, (node) => {
        out.push(node.type);
      });
      return out;
    };
    expect(trace(visit, SKIP, EXIT)).toEqual(trace(libVisit, LIB_SKIP, LIB_EXIT));
  });

  it('gives visitParents the ancestors, root first', () => {
    const collect = (v: typeof visitParents | typeof libVisitParents) => {
      const out: string[] = [];
      (v as typeof libVisitParents)(tree(), 'text', (node, ancestors) => {
        out.push(`${(node as { value: string }).value}:${ancestors.map((a) => (a.type === 'element' ? (a as Element).tagName : a.type)).join('/')}`);
      });
      return out;
    };
    expect(collect(visitParents)).toEqual(collect(libVisitParents));
  });
});

describe('clone-tree', () => {
  it('copies nodes and properties (a writer may change them), shares positions', () => {
    const original = tree();
    const position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 5, offset: 4 } };
    (original.children[0] as Element).position = position;
    const copy = cloneTree(original);
    expect(copy).toEqual(original);
    const p = copy.children[0] as Element;
    (p.properties.className as string[]).push('b');
    p.children.pop();
    expect((original.children[0] as Element).properties.className).toEqual(['a']);
    expect((original.children[0] as Element).children).toHaveLength(3);
    expect(p.position).toBe(position);
  });
});
