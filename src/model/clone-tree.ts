/**
 * A copy of a hast tree (or of some of its nodes) for a writer to change: the nodes,
 * their `properties` (list values too) and `children` arrays are new; `position` objects
 * are shared, since no writer changes them; anything else is structured-cloned.
 * structuredClone copied the positions as well, three objects per node: on a 2 MiB
 * briefing half of the copy, made once by the HTML writer and twice by the EPUB writer.
 */
import type { Nodes } from 'hast';

export function cloneTree<T extends Nodes>(node: T): T {
  return cloneNode(node as unknown as Record<string, unknown>) as unknown as T;
}

export function cloneNodes<T extends Nodes>(nodes: readonly T[]): T[] {
  return nodes.map((n) => cloneNode(n as unknown as Record<string, unknown>) as unknown as T);
}

function cloneNode(node: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (key === 'children' && Array.isArray(value)) out.children = value.map((c) => cloneNode(c as Record<string, unknown>));
    else if (key === 'properties' && value && typeof value === 'object') out.properties = cloneProperties(value as Record<string, unknown>);
    else if (key === 'position') out.position = value;
    else out[key] = value !== null && typeof value === 'object' ? structuredClone(value) : value;
  }
  return out;
}

function cloneProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(properties)) {
    const value = properties[key];
    out[key] = Array.isArray(value) ? value.slice() : value;
  }
  return out;
}
