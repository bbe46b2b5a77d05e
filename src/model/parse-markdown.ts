/**
 * One parse per briefing: Markdown (CommonMark + GFM + YAML front matter) → mdast →
 * sanitised hast. Pure: no I/O. Images are listed for the loader to fetch from the
 * content folder; the tree refers to them by a stable name.
 */
import type { Element, Root as HastRoot } from 'hast';
import type { Root as MdastRoot, Yaml } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import type { VFile } from 'vfile';
import { toString } from 'hast-util-to-string';
import { visit } from './visit-tree.js';
import type { FrontMatterSource } from '../content/front-matter.js';
import { uiString } from '../content/locales.js';
import type { Heading, UiStrings } from './types.js';
import { sanitizeSchema } from './sanitize-schema.js';
import { rehypeReportSanitizerDrops } from './report-losses.js';
import type { Reporter } from '../diagnostics.js';
import { labelTaskCheckboxes } from './label-task-items.js';
import { parseInSections } from './parse-in-sections.js';

const markdown = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

export interface ParsedMarkdown {
  frontMatter?: FrontMatterSource;
  mdast: MdastRoot;
}

/** Parses Markdown text; `file` is the display path recorded for diagnostics. */
export function parseMarkdown(text: string, file: string): ParsedMarkdown {
  const mdast = parseInSections(text, (part) => markdown.parse(part));
  const first = mdast.children[0];
  const frontMatter =
    first?.type === 'yaml'
      ? { yaml: (first as Yaml).value, firstLine: (first.position?.start.line ?? 1) + 1, file }
      : undefined;
  return { frontMatter, mdast };
}

export interface ToHastOptions {
  strings: UiStrings;
  /** Hears what the sanitizer removes (`report-losses.ts`). */
  reporter: Reporter;
  file: string;
}

/** mdast → sanitised hast with heading ids and localised footnote labels. */
export function toHast(mdast: MdastRoot, options: ToHastOptions): HastRoot {
  const { strings, reporter, file } = options;
  const processor = unified()
    .use(remarkRehype, {
      allowDangerousHtml: true,
      clobberPrefix: '',
      footnoteLabel: uiString(strings, 'footnotes'),
      footnoteLabelProperties: {},
      footnoteBackLabel: (i: number) => uiString(strings, 'footnoteBackRef', { n: i + 1 }),
    })
    .use(rehypeRawWhereNeeded)
    .use(rehypeReportSanitizerDrops, { schema: sanitizeSchema, reporter, file })
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeSlug);
  const hast = processor.runSync(mdast) as HastRoot;
  alignToClass(hast);
  labelTaskCheckboxes(hast);
  return hast;
}

/**
 * rehype-raw, run only on a tree that holds raw HTML. It re-parses the whole tree through
 * an HTML parser (parse5) to weave raw HTML in: 13–16 % of the model's time in CPU profiles
 * of a corpus and of the 2 MiB briefing, none of which holds raw HTML. A tree without
 * raw HTML comes out of it unchanged but for one detail, done here instead:
 * the parser gives `data-*` attributes string values (`data-footnote-ref=""`, where
 * remark-rehype set `true`). tests/model/raw-html.test.ts compares both paths.
 */
function rehypeRawWhereNeeded(this: Processor<any, any, any, any, any>) {
  const raw = rehypeRaw.call(this as never) as unknown as (tree: HastRoot, file: VFile) => HastRoot;
  return (tree: HastRoot, file: VFile): HastRoot => (holdsRaw(tree) ? raw(tree, file) : tree);
}

/** True when the tree has a `raw` node; meanwhile sets each boolean `data-*` property to "". */
function holdsRaw(node: HastRoot | HastRoot['children'][number]): boolean {
  if (node.type === 'raw') return true;
  if (node.type === 'element') {
    for (const key in node.properties) if (node.properties[key] === true && /^data[A-Z]/.test(key)) node.properties[key] = '';
  }
  let found = false;
  if ('children' in node) for (const child of node.children) found = holdsRaw(child as HastRoot['children'][number]) || found;
  return found;
}

/**
 * GFM table alignment arrives as the obsolete `align` attribute; every writer reads
 * `align-left|center|right` classes instead (valid HTML, survives EPUB and PDF alike).
 */
function alignToClass(tree: HastRoot): void {
  visit(tree, 'element', (node: Element) => {
    if ((node.tagName === 'td' || node.tagName === 'th') && typeof node.properties.align === 'string') {
      const cls = Array.isArray(node.properties.className) ? node.properties.className : [];
      node.properties.className = [...cls, `align-${node.properties.align}`];
      delete node.properties.align;
    }
  });
}

/** Text of a heading without the `[n]` appendix references the model inserted. */
function headingText(node: Element): string {
  const copy = structuredClone(node);
  const strip = (el: Element) => {
    el.children = el.children.filter((c) => !(c.type === 'element' && Array.isArray(c.properties.className) && c.properties.className.includes('ref')));
    for (const c of el.children) if (c.type === 'element') strip(c);
  };
  strip(copy);
  return toString(copy);
}

/** Headings of the body, in order (footnote label excluded). */
export function collectHeadings(tree: HastRoot): Heading[] {
  const out: Heading[] = [];
  visit(tree, 'element', (node: Element) => {
    const m = /^h([1-6])$/.exec(node.tagName);
    if (!m || node.properties.id === 'footnote-label') return;
    out.push({ depth: Number(m[1]), id: String(node.properties.id ?? ''), text: headingText(node) });
  });
  return out;
}
