/**
 * Locale typography over the HTML tree, so every format gets it.
 *
 * - `fr`: narrow no-break space (U+202F) before ; ! ? and inside « », no-break space
 *   (U+00A0) before : and % and between a number and the word it counts
 *   ("200 milliards"), typographic apostrophe ’, "…" → « … ».
 * - `en` (also used by rw and sw): curly quotes ‘ ’ “ ”.
 *
 * Never touches code, preformatted text, URLs (in text or attributes) or the
 * contents of elements listed in `skip`.
 */
import type { Element, Root, Text } from 'hast';
import { visitParents } from 'unist-util-visit-parents';

export type TypographyRules = 'fr' | 'en';

export interface TypographyOptions {
  rules: TypographyRules;
  /** Elements whose text is left alone. */
  skip?: string[];
}

const NNBSP = '\u202F';
const NBSP = '\u00A0';
const DEFAULT_SKIP = ['code', 'pre', 'kbd', 'samp', 'script', 'style', 'var', 'math'];
// Something that looks like a URL or an e-mail address inside running text.
const URLISH = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s<>"]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

function curlyQuotes(s: string, open: string, close: string): string {
  return s
    .replace(/(^|[\s([{\u2014\u2013-])'/g, '$1\u2018')
    .replace(/'/g, '\u2019')
    .replace(/(^|[\s([{\u2014\u2013-])"/g, `$1${open}`)
    .replace(/"/g, close);
}

/** French rules on one run of prose (no URLs inside). */
export function frenchTypography(s: string): string {
  let t = s.replace(/'/g, '\u2019');
  t = t.replace(/(^|[\s([])"/g, '$1«').replace(/"/g, '»');
  t = t
    // « and » hug their content with a narrow no-break space.
    .replace(/«[ \u00A0\u202F]*/g, `«${NNBSP}`)
    .replace(/[ \u00A0\u202F]*»/g, `${NNBSP}»`)
    // ; ! ? take a narrow no-break space; : takes a no-break space (Imprimerie nationale).
    .replace(/[ \u00A0\u202F]+([;!?])/g, `${NNBSP}$1`)
    .replace(/([\p{L}\p{N}\u00BB)\]])([;!?])(?=\s|$)/gu, `$1${NNBSP}$2`)
    .replace(/[ \u00A0\u202F]+:/g, `${NBSP}:`)
    .replace(/(\p{N})[ \u202F]?%/gu, `$1${NBSP}%`)
    // Digit groups (1 000) and a number with what it counts (200 milliards, 11 février).
    .replace(/(\d) (?=\d{3}(?!\d))/g, `$1${NNBSP}`)
    .replace(/(\d) (?=\p{L})/gu, `$1${NBSP}`);
  return t;
}

export function englishTypography(s: string): string {
  return curlyQuotes(s, '\u201C', '\u201D').replace(/(\d) (?=%)/g, `$1${NBSP}`);
}

/** Applies the rules to a text while leaving URL-like tokens exactly as they are. */
export function applyTypography(text: string, rules: TypographyRules): string {
  const fix = rules === 'fr' ? frenchTypography : englishTypography;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URLISH)) {
    out += fix(text.slice(last, m.index)) + m[0];
    last = (m.index ?? 0) + m[0].length;
  }
  return out + fix(text.slice(last));
}

/** unified plugin: `.use(rehypeTypography, {rules: 'fr'})`. */
export function rehypeTypography(options: TypographyOptions) {
  const skip = new Set(options.skip ?? DEFAULT_SKIP);
  return (tree: Root) => {
    visitParents(tree, 'text', (node: Text, ancestors) => {
      if (ancestors.some((a) => a.type === 'element' && skip.has((a as Element).tagName))) return;
      node.value = applyTypography(node.value, options.rules);
    });
  };
}
