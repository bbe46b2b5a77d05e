/**
 * Inline hast (text, strong, em, code, del, a, sup, br...) → styled runs. Links get a
 * Link structure node shared by all their fragments; internal links (`#id`) point at
 * named destinations, external ones at their percent-encoded URI.
 */
import type { Element, ElementContent } from 'hast';
import type { FontRole, Theme } from '../../theme/theme.js';
import { fromEdition } from '../site-links.js';
import { stylesFor } from '../../theme/element-styles.js';
import { applyStyle } from './element-state.js';
import { faceKey } from './fonts.js';
import type { BreakRule, InlineLink, InlineRun, RunStyle, SourcePoint, StructNode, TextLook } from './types.js';
import { structNode } from './types.js';
import { destName, pdfUri } from './uri.js';

/** The formatting state while walking inline content: a look plus the face's role and style. */
export interface InlineState extends TextLook {
  role: FontRole;
  bold: boolean;
  italic: boolean;
}

export interface InlineEnv {
  theme: Theme;
  /** Whether the locale hyphenates. */
  hyphenation: boolean;
}

/** Text of a run as HTML would show it: runs of ASCII white space collapse to one space. */
const collapse = (s: string) => s.replace(/[ \t\n\r\f]+/g, ' ');

export function pointOf(node: { position?: { start: { line: number; column: number } } } | undefined, fallback: SourcePoint): SourcePoint {
  const p = node?.position?.start;
  return p ? { line: p.line, column: p.column } : fallback;
}

export function styleFor(state: InlineState, at: SourcePoint): RunStyle {
  return {
    face: faceKey(state.role, state.bold, state.italic),
    size: state.size,
    color: state.color,
    rise: state.rise,
    strike: state.strike,
    underline: state.underline,
    background: state.background,
    link: state.link,
    node: state.link?.node ?? state.node,
    rule: state.rule,
    hyphenate: state.hyphenate && state.rule === 'prose',
    at,
    anchor: state.anchor,
  };
}

const NO_CLASSES: ReadonlySet<string> = new Set();

const URL_TEXT = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)\S+$/i;

/** Text of inline content as a reader sees it, without the `[n]` resource references. */
export function textOf(nodes: ElementContent[]): string {
  let s = '';
  for (const n of nodes) {
    if (n.type === 'text') s += n.value;
    else if (n.type === 'element' && !(n.tagName === 'sup' && classes(n).includes('ref'))) s += textOf(n.children);
  }
  return s.replace(/[ \t\n\r\f]+/g, ' ').trim();
}

function classes(el: Element): string[] {
  const c: unknown = el.properties.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
}

export function inlineRuns(children: ElementContent[], state: InlineState, env: InlineEnv, at: SourcePoint = {}): InlineRun[] {
  const out: InlineRun[] = [];
  const { theme } = env;
  const walk = (nodes: ElementContent[], st: InlineState, where: SourcePoint) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        // One run per source line, so a warning can name the line of the character.
        const start = pointOf(node, where);
        node.value.split(/\r?\n/).forEach((piece, k) => {
          const raw = k > 0 ? ` ${piece}` : piece;
          const text = st.rule === 'code' ? raw : collapse(raw);
          const at = k === 0 || start.line === undefined ? start : { line: start.line + k };
          if (text) out.push({ kind: 'text', text, style: styleFor(st, at) });
        });
        continue;
      }
      if (node.type !== 'element') continue;
      const el = node;
      const here = pointOf(el, where);
      const tag = el.tagName;
      const next: InlineState = { ...st, anchor: undefined };
      // Font, size, colour, decoration: the element-style rows the CSS has for this element.
      for (const row of stylesFor(tag, classes(el), NO_CLASSES)) {
        if (row.match.inside) continue; // front matter and appendix rows: drawn by front.ts
        if (tag === 'code' || tag === 'kbd' || tag === 'samp' || tag === 'tt') Object.assign(next, { rule: 'code', hyphenate: false });
        if (tag !== 'a') applyStyle(st, row, theme, next);
      }
      switch (tag) {
        case 'br':
          out.push({ kind: 'break', style: styleFor(st, here) });
          continue;
        case 'img':
        case 'input':
          // Images are blocks (figures); task-list checkboxes are list labels.
          continue;
        case 'a': {
          const href = typeof el.properties.href === 'string' ? el.properties.href : '';
          if (!href) break;
          const label = textOf(el.children);
          const target = href.startsWith('#')
            ? ({ kind: 'dest', name: destName(safeDecode(href.slice(1))) } as const)
            : ({ kind: 'uri', uri: pdfUri(fromEdition(href)) } as const);
          next.link = { target, node: structNode('Link', st.node), label };
          applyStyle(st, 'link', theme, next);
          if (URL_TEXT.test(label.trim())) {
            next.rule = 'url';
            next.hyphenate = false;
          }
          if (typeof el.properties.id === 'string' && el.properties.id) next.anchor = destName(el.properties.id);
          break;
        }
        default:
          break;
      }
      // A run in another language is a Span with its Lang (PDF/UA: ISO 14289-1 7.2).
      const lang = typeof el.properties.lang === 'string' ? el.properties.lang.trim() : '';
      if (lang && !next.link) next.node = structNode('Span', st.node, { lang });
      if (classes(el).includes('sr-only')) continue;
      walk(el.children, next, here);
    }
  };
  walk(children, state, at);
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
