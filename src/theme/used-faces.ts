/**
 * Which of the theme's twelve faces a page shows text in, and what text it shows, so an
 * edition embeds only those faces. The rules are the rows of `element-styles.ts` (which
 * elements take the heading or the mono family, bold, italic, capitals), the same rows
 * `css.ts` writes as CSS: there is no second copy to keep in step.
 * tests/writers/html-reader.test.ts asks Chromium which face each element really uses.
 *
 * A face this misses costs looks, not text: the reader synthesises it from another face
 * of the family (or takes the CSS fallback). Extra text only makes a subset a little larger.
 */
import type { Element, Nodes } from 'hast';
import { stylesFor } from './element-styles.js';
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

/** Text the page never shows in the theme fonts. */
const SKIP = new Set(['head', 'title', 'style', 'script', 'template', 'noscript']);

interface State {
  role: FontRole;
  bold: boolean;
  italic: boolean;
  upper: boolean;
  lang: string;
  /** Classes of the ancestors (for rows that match inside one). */
  around: ReadonlySet<string>;
}

function classes(el: Element): string[] {
  const c = el.properties.className;
  return Array.isArray(c) ? c.map(String) : []; // hast keeps `class` as a list
}

/** The state inside `el`, given the state around it: the element-style rows it matches, in order. */
function enter(el: Element, around: State): State {
  const cls = classes(el);
  const s: State = { ...around };
  if (typeof el.properties.lang === 'string' && el.properties.lang) s.lang = el.properties.lang;
  for (const row of stylesFor(el.tagName, cls, around.around)) {
    if (row.role) s.role = row.role;
    if (row.bold) s.bold = true;
    if (row.italic) s.italic = row.italic === 'toggle' ? !around.italic : true;
    if (row.upper) s.upper = true;
  }
  if (cls.length) s.around = new Set([...around.around, ...cls]);
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
  const start: State = { role: 'body', bold: false, italic: false, upper: false, lang, around: new Set() };
  for (const node of nodes) walk(node, start);
  const faces = FONT_ROLES.flatMap((role) => FONT_STYLES.filter((style) => used.has(`${role}/${style}`)).map((style) => ({ role, style })));
  return { faces, text: text.join('\n') };
}
