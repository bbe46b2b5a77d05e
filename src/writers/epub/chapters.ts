/**
 * Splits a briefing into EPUB content documents: a title page (title block, draft
 * notice, other editions, and the text before the first h2), one chapter per h2
 * section, the footnotes, and the resource appendix. The shared hast parts build the
 * title block and the appendix; the body is a clone, the model stays untouched.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import { uiString } from '../../content/locales.js';
import type { BriefingDocument } from '../../model/types.js';
import { cloneNodes } from '../../model/clone-tree.js';
import { appendixSection, editionsLine, summaryLead, titleBlock } from '../parts/front-parts.js';
import type { WriterContext } from '../types.js';

export type ChapterKind = 'titlepage' | 'chapter' | 'notes' | 'appendix';

export interface EpubChapter {
  /** Manifest id and file stem, e.g. `chapter-02`. */
  id: string;
  filename: string;
  kind: ChapterKind;
  /** Plain-text title: the document `<title>` and the NCX label. */
  title: string;
  /** `epub:type` of the `<body>`. */
  bodyType: 'frontmatter' | 'bodymatter' | 'backmatter';
  nodes: ElementContent[];
}

function isElement(node: ElementContent, tagName?: string): node is Element {
  return node.type === 'element' && (tagName === undefined || node.tagName === tagName);
}

/** An EPUB cannot link to a sibling file outside itself: editions are named, not linked. */
function editionsByName(doc: BriefingDocument, ctx: WriterContext): Element | undefined {
  const line = editionsLine(ctx.editions, ctx.strings, () => '');
  if (!line) return undefined;
  line.children = line.children.map((child) =>
    isElement(child, 'a') ? h('span', { lang: child.properties.lang }, child.children) : child,
  );
  return line;
}

export function splitIntoChapters(doc: BriefingDocument, ctx: WriterContext): EpubChapter[] {
  const body = cloneNodes(doc.tree.children) as ElementContent[];
  const intro: ElementContent[] = [];
  const sections: Array<{ heading: Element; nodes: ElementContent[] }> = [];
  let footnotes: Element | undefined;
  for (const node of body) {
    if (isElement(node, 'section') && node.properties.dataFootnotes !== undefined) {
      footnotes = node;
    } else if (isElement(node, 'h2')) {
      sections.push({ heading: node, nodes: [node] });
    } else {
      (sections.at(-1)?.nodes ?? intro).push(node);
    }
  }

  const editions = editionsByName(doc, ctx);
  const header = titleBlock(doc, ctx.strings, editions ? [editions] : []);
  header.properties['epub:type'] = 'titlepage';
  const chapters: EpubChapter[] = [
    { id: 'title-page', filename: 'title-page.xhtml', kind: 'titlepage', title: doc.meta.title, bodyType: 'frontmatter', nodes: [header, ...[summaryLead(doc)].filter((x): x is Element => x !== undefined), ...intro] },
  ];

  const width = Math.max(2, String(sections.length).length);
  sections.forEach(({ heading, nodes }, i) => {
    const id = `chapter-${String(i + 1).padStart(width, '0')}`;
    const section = h('section', { 'epub:type': 'chapter', role: 'doc-chapter', ariaLabelledBy: heading.properties.id }, nodes);
    chapters.push({ id, filename: `${id}.xhtml`, kind: 'chapter', title: toString(heading), bodyType: 'bodymatter', nodes: [section] });
  });

  if (footnotes) {
    const label = footnotes.children.find((c) => isElement(c) && /^h[1-6]$/.test(c.tagName));
    footnotes.properties['epub:type'] = 'endnotes';
    footnotes.properties.role = 'doc-endnotes';
    for (const list of footnotes.children.filter((c): c is Element => isElement(c, 'ol'))) {
      for (const item of list.children) if (isElement(item, 'li')) item.properties['epub:type'] = 'endnote';
    }
    chapters.push({
      id: 'notes',
      filename: 'notes.xhtml',
      kind: 'notes',
      title: label ? toString(label) : uiString(ctx.strings, 'footnotes'),
      bodyType: 'backmatter',
      nodes: [footnotes],
    });
  }

  const appendix = appendixSection(doc, ctx.strings);
  if (appendix) {
    appendix.properties['epub:type'] = 'appendix';
    appendix.properties.role = 'doc-appendix';
    chapters.push({ id: 'resources', filename: 'resources.xhtml', kind: 'appendix', title: uiString(ctx.strings, 'resources'), bodyType: 'backmatter', nodes: [appendix] });
  }
  return chapters;
}
