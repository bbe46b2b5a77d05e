/**
 * Loud loss: whatever the pipeline drops or cannot render as the author meant is a
 * warning with file:line:column. Three passes, each over the tree where the loss is
 * visible:
 *
 * - `rehypeReportSanitizerDrops` runs just before rehype-sanitize and reports every
 *   element and attribute of the raw HTML the schema will remove;
 * - `reportMarkdownLosses` (mdast): footnote references without a definition (printed
 *   literally), definitions nobody references (remark-rehype drops them), empty link
 *   targets, images without alt text (`![](x.png)`).
 */
import type { Element, Properties, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import type { Options as SanitizeSchema } from 'rehype-sanitize';
import { visit } from './visit-tree.js';
import type { Reporter } from '../diagnostics.js';

interface Where {
  reporter: Reporter;
  file: string;
}

type AttributeRule = string | [string, ...Array<string | number | boolean | RegExp | null | undefined>];

function allowedValue(value: unknown, allowed: AttributeRule): boolean {
  if (typeof allowed === 'string') return true;
  const [, ...values] = allowed;
  const tokens = Array.isArray(value) ? value : [value];
  return tokens.every((t) => values.some((v) => (v instanceof RegExp ? v.test(String(t)) : v === t)));
}

/** The attribute as a reader of the source wrote it: `className` → `class`. */
function attributeName(prop: string): string {
  if (prop === 'className') return 'class';
  if (prop === 'htmlFor') return 'for';
  return prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** What the sanitizer will drop from one element: the element itself, or some attributes. */
function drops(el: Element, schema: SanitizeSchema): { element?: string; attributes: string[] } {
  const tag = el.tagName;
  if (!(schema.tagNames ?? []).includes(tag)) return { element: (schema.strip ?? []).includes(tag) ? 'with its content' : 'its content is kept', attributes: [] };
  const rules = [...((schema.attributes?.[tag] ?? []) as AttributeRule[]), ...((schema.attributes?.['*'] ?? []) as AttributeRule[])];
  const attributes: string[] = [];
  for (const [prop, value] of Object.entries(el.properties as Properties)) {
    if (value === undefined || value === null) continue;
    const rule = rules.find((r) => (typeof r === 'string' ? r : r[0]) === prop);
    const protocols = (schema.protocols as Record<string, string[]> | undefined)?.[prop];
    const scheme = typeof value === 'string' ? /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase() : undefined;
    if (!rule || !allowedValue(value, rule)) attributes.push(`${attributeName(prop)}="${Array.isArray(value) ? value.join(' ') : String(value)}"`);
    else if (protocols && scheme && !protocols.includes(scheme)) attributes.push(`${attributeName(prop)} (${scheme}: is not allowed)`);
  }
  return { attributes };
}

/** Unified plugin: reports what `schema` will remove from the raw HTML of the tree. */
export function rehypeReportSanitizerDrops(options: Where & { schema: SanitizeSchema }) {
  return (tree: HastRoot) => {
    visit(tree, 'element', (el: Element) => {
      // Elements without a position are generated (footnotes section…), not the author's.
      const pos = el.position?.start;
      if (!pos) return;
      const found = drops(el, options.schema);
      const where = { file: options.file, line: pos.line, column: pos.column };
      if (found.element) {
        options.reporter.warn({ ...where, code: 'sanitize/element', message: `raw HTML <${el.tagName}> removed (${found.element})`, hint: 'write it in Markdown, or leave it out: only safe HTML is published' });
      } else if (found.attributes.length) {
        options.reporter.warn({ ...where, code: 'sanitize/attribute', message: `<${el.tagName}> loses ${found.attributes.join(', ')}`, hint: 'styling and scripts are not published; the theme decides how things look' });
      }
    });
  };
}

/** Line and column of `offset` characters into a text node that starts at `start`. */
function within(value: string, offset: number, start: { line: number; column: number }): { line: number; column: number } {
  const before = value.slice(0, offset).split('\n');
  return before.length === 1 ? { line: start.line, column: start.column + offset } : { line: start.line + before.length - 1, column: before.at(-1)!.length + 1 };
}

export function reportMarkdownLosses(mdast: MdastRoot, where: Where): void {
  const { reporter, file } = where;
  const at = (node: { position?: { start: { line: number; column: number } } }) => ({ file, line: node.position?.start.line, column: node.position?.start.column });
  const referenced = new Set<string>();
  const definitions: Array<{ id: string; label: string; node: MdastRoot['children'][number] }> = [];
  visit(mdast, (node) => {
    if (node.type === 'footnoteReference') referenced.add(node.identifier);
    else if (node.type === 'footnoteDefinition') definitions.push({ id: node.identifier, label: node.label ?? node.identifier, node });
    else if (node.type === 'text' && node.position) {
      // GFM leaves `[^absent]` as text when no definition exists.
      for (const m of node.value.matchAll(/\[\^([^\]\s]+)\]/g)) {
        reporter.warn({ file, ...within(node.value, m.index, node.position.start), code: 'footnotes/undefined', message: `footnote [^${m[1]}] has no definition; it is printed as written`, hint: `add a line "[^${m[1]}]: the note" at the end of the file` });
      }
    } else if (node.type === 'link' && node.url.trim() === '') {
      // Reported with the unwrapping in resolve-links (links/empty); nothing to add here.
    } else if (node.type === 'image' && !node.alt?.trim()) {
      reporter.warn({ ...at(node), code: 'image/no-alt', message: `image ${node.url} has no alt text`, hint: 'write ![what the image shows](path); readers who cannot see it get nothing otherwise' });
    }
  });
  for (const d of definitions) {
    if (!referenced.has(d.id)) {
      reporter.warn({ ...at(d.node), code: 'footnotes/unused', message: `footnote [^${d.label}] is never referenced, so its text is not published`, hint: `refer to it in the text with [^${d.label}], or delete it` });
    }
  }
}
