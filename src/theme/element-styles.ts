/**
 * The one table of element styles: which font, weight, slant, size, colour and
 * background each element of a briefing takes, as theme token names (never values).
 * `css.ts` turns each row into a CSS rule for HTML and EPUB, the PDF writer turns the
 * same row into its drawing state (`writers/pdf/element-state.ts`), and `used-faces.ts`
 * finds the faces a page uses by matching the same rows. So the formats cannot drift:
 * change a row and all three change.
 *
 * A row matches elements by tag names and/or a class, optionally inside an ancestor
 * with a class (`.title-block h1`); the CSS selector is made from the same match.
 */
import type { FontRole, Theme } from './theme.js';

export type ColorToken = keyof Theme['colors'];
export type SizeToken = Exclude<keyof Theme['sizes'], 'script' | 'scriptRise' | 'scriptDrop'>;

export interface ElementMatch {
  /** Tag names (any of). */
  tags?: readonly string[];
  /** A class the element has. */
  cls?: string;
  /** A class an ancestor has. */
  inside?: string;
}

export interface ElementStyle {
  match: ElementMatch;
  /** Font family; absent: inherited. */
  role?: FontRole;
  bold?: boolean;
  /** `toggle`: italic inside upright text, upright inside italic (nested emphasis). */
  italic?: boolean | 'toggle';
  /** Shown in capitals (read in its own case). */
  upper?: boolean;
  /** Absolute size (pt); for inline elements `relative` makes it a share of the surrounding size (size / body). */
  size?: SizeToken;
  relative?: boolean;
  /** Raised or lowered at `sizes.script` of the surrounding size. */
  script?: 'super' | 'sub';
  color?: ColorToken;
  background?: ColorToken;
  decoration?: 'underline' | 'line-through';
}

export const ELEMENT_STYLES = {
  body: { match: { tags: ['body'] }, role: 'body', size: 'body', color: 'text' },
  h1: { match: { tags: ['h1'] }, role: 'heading', bold: true, size: 'h1', color: 'accent' },
  h2: { match: { tags: ['h2'] }, role: 'heading', bold: true, size: 'h2', color: 'accent' },
  h3: { match: { tags: ['h3'] }, role: 'heading', bold: true, size: 'h3', color: 'accent' },
  h4: { match: { tags: ['h4'] }, role: 'heading', bold: true, size: 'h4', color: 'accent' },
  h5: { match: { tags: ['h5'] }, role: 'heading', bold: true, size: 'h5', color: 'accent' },
  h6: { match: { tags: ['h6'] }, role: 'heading', bold: true, size: 'h6', color: 'muted' },
  quote: { match: { tags: ['blockquote'] }, color: 'muted' },
  term: { match: { tags: ['dt'] }, bold: true },
  caption: { match: { tags: ['figcaption'] }, italic: true, size: 'small', color: 'muted' },
  codeBlock: { match: { tags: ['pre'] }, role: 'mono', size: 'code', color: 'text', background: 'codeBackground' },
  code: { match: { tags: ['code', 'kbd', 'samp', 'tt'] }, role: 'mono', size: 'code', relative: true, background: 'codeBackground' },
  strong: { match: { tags: ['strong', 'b'] }, bold: true },
  emphasis: { match: { tags: ['em', 'i', 'cite', 'dfn', 'var'] }, italic: 'toggle' },
  small: { match: { tags: ['small'] }, size: 'small', relative: true },
  sup: { match: { tags: ['sup'] }, script: 'super' },
  sub: { match: { tags: ['sub'] }, script: 'sub' },
  mark: { match: { tags: ['mark'] }, background: 'markBackground' },
  deleted: { match: { tags: ['del', 's', 'strike'] }, decoration: 'line-through' },
  inserted: { match: { tags: ['u', 'ins'] }, decoration: 'underline' },
  // Links are underlined: colour alone does not tell them apart (WCAG 1.4.1).
  link: { match: { tags: ['a'] }, color: 'accent', decoration: 'underline' },
  table: { match: { tags: ['table'] }, size: 'note' },
  tableHead: { match: { tags: ['th'] }, bold: true, background: 'tableHeaderBackground' },
  footnote: { match: { cls: 'footnotes' }, size: 'note' },
  notice: { match: { cls: 'notice' }, size: 'note', background: 'noticeBackground' },
  coverLabel: { match: { cls: 'label', inside: 'title-block' }, role: 'heading', size: 'small', color: 'muted', upper: true },
  title: { match: { tags: ['h1'], inside: 'title-block' }, role: 'heading', bold: true, size: 'title', color: 'accent' },
  subtitle: { match: { cls: 'subtitle', inside: 'title-block' }, role: 'heading', size: 'subtitle', color: 'muted' },
  lead: { match: { cls: 'lead' }, role: 'body', italic: true, size: 'body', color: 'text' },
  meta: { match: { cls: 'meta' }, role: 'heading', size: 'small', color: 'muted' },
  editions: { match: { cls: 'editions' }, role: 'heading', size: 'small', color: 'muted' },
  downloads: { match: { cls: 'downloads' }, size: 'small', color: 'muted' },
  appendix: { match: { cls: 'appendix' }, size: 'note' },
  appendixUrl: { match: { cls: 'url', inside: 'appendix' }, role: 'mono', size: 'small', color: 'accent' },
  resourceRef: { match: { cls: 'ref' }, script: 'super' },
  // The PDF's running header and page numbers (no HTML counterpart).
  furniture: { match: { cls: 'furniture' }, role: 'heading', size: 'small', color: 'muted' },
} as const satisfies Record<string, ElementStyle>;

export type ElementName = keyof typeof ELEMENT_STYLES;

/** A row of the table, typed as its general shape. */
export function elementStyle(name: ElementName): ElementStyle {
  return ELEMENT_STYLES[name];
}

/** The CSS selector of a match (`.title-block h1`, `code, kbd`). */
export function selectorOf(m: ElementMatch): string {
  const own = (m.tags ?? ['']).map((t) => `${t}${m.cls ? `.${m.cls}` : ''}`);
  return own.map((s) => (m.inside ? `.${m.inside} ${s}` : s)).join(', ');
}

/** Whether `tag` with `classes`, inside ancestors with `around` classes, matches. */
export function matches(m: ElementMatch, tag: string, classes: readonly string[], around: ReadonlySet<string>): boolean {
  if (m.tags && !m.tags.includes(tag)) return false;
  if (m.cls && !classes.includes(m.cls)) return false;
  if (m.inside && !around.has(m.inside)) return false;
  return true;
}

/** The rows matching an element, in table order (later rows win, as in CSS of equal weight). */
export function stylesFor(tag: string, classes: readonly string[], around: ReadonlySet<string>): ElementStyle[] {
  return (Object.values(ELEMENT_STYLES) as ElementStyle[]).filter((s) => matches(s.match, tag, classes, around));
}
