/**
 * Which of the theme's twelve faces a page shows text in, and what text it shows, so an
 * edition embeds only those faces. The rules follow the CSS `css.ts` writes (which
 * elements take the heading or the mono family, what is upper-cased) and the browser
 * defaults it leaves in place (headings, `th`, `strong` and `b` bold; `em`, `i`, `cite`,
 * `var`, `dfn`, `address` italic). Change one, change the other:
 * tests/writers/html-reader.test.ts asks Chromium which face each element really uses.
 *
 * A face this misses costs looks, not text: the reader synthesises it from another face
 * of the family (or takes the CSS fallback). Extra text only makes a subset a little larger.
 */
import type { Element, Nodes } from 'hast';
import { FONT_ROLES, FONT_STYLES, type FontRole, type FontStyle } from './theme.js';

export interface Face {
  role: FontRole;
  style: FontStyle;
}

export interface UsedFaces {
  /** In theme order (roles, then styles): stable for CSS and file lists. */
  faces: Face[];
  /** Everything the page shows: text, image alt text, upper-cased forms. */
  text: string;
}

const BOLD = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th', 'strong', 'b']);
const ITALIC = new Set(['em', 'i', 'cite', 'var', 'dfn', 'address']);
/** Text the page never shows in the theme fonts. */
const SKIP = new Set(['head', 'title', 'style', 'script', 'template', 'noscript']);

interface State {
  role: FontRole;
  bold: boolean;
  italic: boolean;
  upper: boolean;
  lang: string;
  titleBlock: boolean;
  appendix: boolean;
}

function classes(el: Element): string[] {
  const c = el.properties.className;
  return Array.isArray(c) ? c.map(String) : []; // hast keeps `class` as a list
}

/** The state inside `el`, given the state around it (the css.ts selectors, in order). */
function enter(el: Element, around: State): State {
  const cls = classes(el);
  const s = { ...around };
  if (cls.includes('title-block')) s.titleBlock = true;
  if (cls.includes('appendix')) s.appendix = true;
  if (typeof el.properties.lang === 'string' && el.properties.lang) s.lang = el.properties.lang;
  if (/^h[1-6]$/.test(el.tagName)) s.role = 'heading';
  if (s.titleBlock && (cls.includes('label') || cls.includes('subtitle'))) s.role = 'heading';
  if (['code', 'pre', 'kbd', 'samp'].includes(el.tagName)) s.role = 'mono';
  if (s.appendix && cls.includes('url')) s.role = 'mono';
  // `.title-block .label { text-transform: uppercase }`
  if (s.titleBlock && cls.includes('label')) s.upper = true;
  if (BOLD.has(el.tagName)) s.bold = true;
  if (ITALIC.has(el.tagName)) s.italic = true;
  return s;
}

/** Upper case as the locale writes it (Turkish i → İ); a malformed tag falls back to the default. */
function upperCase(value: string, lang: string): string {
  try {
    return value.toLocaleUpperCase(lang);
  } catch {
    return value.toUpperCase();
  }
}

function styleOf(s: State): FontStyle {
  return s.bold ? (s.italic ? 'boldItalic' : 'bold') : s.italic ? 'italic' : 'regular';
}

/** The faces and text of `nodes` (a page body, chapters, a nav document) in language `lang`. */
export function usedFaces(nodes: readonly Nodes[], lang: string): UsedFaces {
  const used = new Set<string>();
  const text: string[] = [];
  const show = (value: string, s: State) => {
    if (value.trim() === '') return;
    used.add(`${s.role}/${styleOf(s)}`);
    text.push(value);
    if (s.upper) text.push(upperCase(value, s.lang), value.toUpperCase());
  };
  const walk = (node: Nodes, s: State): void => {
    if (node.type === 'text') return show(node.value, s);
    if (node.type !== 'element' && node.type !== 'root') return;
    if (node.type === 'element') {
      if (SKIP.has(node.tagName)) return;
      s = enter(node, s);
      // Shown when the image does not load, in the surrounding face.
      if (node.tagName === 'img' && typeof node.properties.alt === 'string') show(node.properties.alt, s);
    }
    for (const child of node.children) walk(child, s);
  };
  const start: State = { role: 'body', bold: false, italic: false, upper: false, lang, titleBlock: false, appendix: false };
  for (const node of nodes) walk(node, start);
  const faces = FONT_ROLES.flatMap((role) => FONT_STYLES.filter((style) => used.has(`${role}/${style}`)).map((style) => ({ role, style })));
  return { faces, text: text.join('\n') };
}
