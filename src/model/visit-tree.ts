/**
 * `visit` and `visitParents` with the semantics of unist-util-visit(-parents) 5/6 for the
 * tests the model and writers use (a node type, or none), in a plain loop. The library
 * makes a closure per node and names it with Object.defineProperty (for its stack
 * traces): on a 2 MiB briefing (a million nodes) each of the dozen passes over the tree
 * took ~80 ms and fed the garbage collector; this takes a few.
 *
 * Visitor results as in the library: `false` (EXIT) stops, `'skip'` (SKIP) skips the
 * node's children, a number is the index of the next sibling to visit, `true` or
 * nothing continues; a `[action, index]` tuple combines them.
 */
import type { Nodes as HastNodes } from 'hast';
import type { Nodes as MdastNodes } from 'mdast';
import type { Node, Parent } from 'unist';

export const CONTINUE = true;
export const EXIT = false;
export const SKIP = 'skip';

type Action = typeof CONTINUE | typeof EXIT | typeof SKIP;
type ActionTuple = [(Action | undefined)?, number?];
export type VisitorResult = Action | number | ActionTuple | void | undefined;

/** The node types of the tree `T` belongs to (hast or mdast). */
type Family<T> = T extends HastNodes ? HastNodes : T extends MdastNodes ? MdastNodes : Node;
type Typed<T, K extends string> = Extract<Family<T>, { type: K }>;
type ParentOf<T> = Extract<Family<T>, { children: unknown[] }>;

/** Every node of a tree (or those of type `test`) in preorder, with its index and parent. */
export function visit<T extends Node, K extends string>(tree: T, test: K, visitor: (node: Typed<T, K>, index: number | undefined, parent: ParentOf<T> | undefined) => VisitorResult): void;
export function visit<T extends Node>(tree: T, visitor: (node: Family<T>, index: number | undefined, parent: ParentOf<T> | undefined) => VisitorResult): void;
export function visit(tree: Node, testOrVisitor: string | ((...a: never[]) => VisitorResult), maybeVisitor?: (...a: never[]) => VisitorResult): void {
  const [type, fn] = typeof testOrVisitor === 'string' ? [testOrVisitor, maybeVisitor!] : [undefined, testOrVisitor];
  const call = fn as unknown as (node: Node, index: number | undefined, parent: Parent | undefined) => VisitorResult;
  walk(tree, undefined, type, (node, index, parents) => call(node, index, parents.at(-1)), []);
}

/** Like `visit`, the visitor getting the node's ancestors (root first) instead. */
export function visitParents<T extends Node, K extends string>(tree: T, test: K, visitor: (node: Typed<T, K>, ancestors: Array<ParentOf<T>>) => VisitorResult): void;
export function visitParents<T extends Node>(tree: T, visitor: (node: Family<T>, ancestors: Array<ParentOf<T>>) => VisitorResult): void;
export function visitParents(tree: Node, testOrVisitor: string | ((...a: never[]) => VisitorResult), maybeVisitor?: (...a: never[]) => VisitorResult): void {
  const [type, fn] = typeof testOrVisitor === 'string' ? [testOrVisitor, maybeVisitor!] : [undefined, testOrVisitor];
  const call = fn as unknown as (node: Node, ancestors: Parent[]) => VisitorResult;
  walk(tree, undefined, type, (node, _index, parents) => call(node, parents), []);
}

const NOTHING: ActionTuple = [];

function toTuple(result: VisitorResult): ActionTuple {
  if (result === undefined || result === null) return NOTHING;
  if (Array.isArray(result)) return result;
  if (typeof result === 'number') return [CONTINUE, result];
  return [result];
}

/** Visits `node` and its descendants; the result says whether (and where) to go on. */
function walk(
  node: Node,
  index: number | undefined,
  type: string | undefined,
  enter: (node: Node, index: number | undefined, parents: Parent[]) => VisitorResult,
  parents: Parent[],
): ActionTuple {
  let result = NOTHING;
  if (type === undefined || node.type === type) {
    result = toTuple(enter(node, index, parents));
    if (result[0] === EXIT) return result;
  }
  const children = (node as Partial<Parent>).children;
  if (children && result[0] !== SKIP) {
    // One ancestors array per parent, shared by its children (as the library does).
    const grandparents = [...parents, node as Parent];
    let offset = 0;
    while (offset > -1 && offset < children.length) {
      const sub = walk(children[offset]!, offset, type, enter, grandparents);
      if (sub[0] === EXIT) return sub;
      offset = typeof sub[1] === 'number' ? sub[1] : offset + 1;
    }
  }
  return result;
}
