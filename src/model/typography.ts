/**
 * Locale typography over the HTML tree, so every format gets it.
 *
 * The rules of each locale are a table in `typography-rules.ts` (quotes, French spacing...):
 * - French spacing: narrow no-break space (U+202F) before ; ! ? and inside « », no-break
 *   space (U+00A0) before : and % and between a number and the word it counts
 *   ("200 milliards"), typographic apostrophe ’, "…" → « … ».
 * - Otherwise: the table's quotes (“ ” in English, „ “ in German), apostrophes ’ (don’t, ’90s).
 *
 * Never touches code, preformatted text, URLs (in text or attributes) or the
 * contents of elements listed in `skip`; only text nodes change, never attributes.
 *
 * Text is often split over several nodes (`"<em>mot</em>"`, `<strong>Note</strong>:`),
 * so each text node is corrected knowing the character before it in the same block;
 * when the rules turn that character (a space) into a no-break space, the previous
 * text node is updated too. Running the plugin twice changes nothing.
 */
import type { Element, Root, Text } from 'hast';
import { visit, visitParents } from './visit-tree.js';
import { typographyTable, type TypographyTable } from './typography-rules.js';

/** Name of a rule set of `typography-rules.ts` (`fr`, `en`, `de`...), or a locale code. */
export type TypographyRules = string;

export interface TypographyOptions {
  rules: TypographyRules;
  /** Elements whose text is left alone. */
  skip?: string[];
}

const NNBSP = '\u202F';
const NBSP = '\u00A0';
const DEFAULT_SKIP = ['code', 'pre', 'kbd', 'samp', 'script', 'style', 'var', 'math'];
/** Elements that flow inside a line: text on both sides of them belongs to one run. */
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark',
  'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var',
]);
// Something that looks like a URL or an e-mail address inside running text.
const URLISH = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s<>"]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

function curlyQuotes(s: string, [open, close]: readonly [string, string], [sOpen, sClose]: readonly [string, string]): string {
  // Single quotes first become ‘ ’ (apostrophes stay ’), then take the table's marks.
  const singles = s
    // Elisions that start a word are apostrophes, not opening quotes: ’90s, ’tis, rock ’n’ roll.
    .replace(/(^|[\s([{\u2014\u2013-])'(?=\d\d(?:s\b|\b)|(?:tis|twas|em|n|cause|til)\b)/gi, '$1\u2019')
    .replace(/(^|[\s([{\u2014\u2013\u201C\u201E"-])'/g, '$1\u2018')
    .replace(/'/g, '\u2019');
  const marked = sOpen === '\u2018' ? singles : singles.replace(/\u2018([^\u2018\u2019]*)\u2019(?!\p{L})/gu, `${sOpen}$1${sClose}`);
  return marked
    .replace(/(^|[\s([{\u2014\u2013\u2018\u201A-])"/g, `$1${open}`)
    .replace(/"/g, close);
}

/** French rules on one run of prose (no URLs inside). */
export function frenchTypography(s: string): string {
  let t = s.replace(/'/g, '\u2019');
  t = t.replace(/(^|[\s([\u2019\u2014\u2013])"/g, '$1«').replace(/"/g, '»');
  t = t
    // « and » hug their content with a narrow no-break space. `\s` includes line
    // breaks: a soft break next to a guillemet would let » start a line.
    .replace(/«\s*/g, `«${NNBSP}`)
    .replace(/\s*»/g, `${NNBSP}»`)
    // ; ! ? take a narrow no-break space; : takes a no-break space (Imprimerie nationale).
    .replace(/\s+([;!?])/g, `${NNBSP}$1`)
    .replace(/([\p{L}\p{N}\u00BB\u2019)\]])([;!?])(?=[\s;!?]|$)/gu, `$1${NNBSP}$2`)
    .replace(/\s+:/g, `${NBSP}:`)
    .replace(/([\p{L}\p{N}\u00BB)\]]):(?=\s|$)/gu, `$1${NBSP}:`)
    .replace(/(\p{N})[ \u202F]?%/gu, `$1${NBSP}%`)
    // Digit groups (1 000) and a number with what it counts (200 milliards, 11 février).
    .replace(/(\d) (?=\d{3}(?!\d))/g, `$1${NNBSP}`)
    .replace(/(\d) (?=\p{L})/gu, `$1${NBSP}`);
  return t;
}

export function englishTypography(s: string): string {
  return quoteTypography(s, typographyTable('en'));
}

/** Quotes, apostrophes and the space before % of a table without French spacing. */
function quoteTypography(s: string, table: TypographyTable): string {
  const t = curlyQuotes(s, table.doubleQuotes, table.singleQuotes);
  return table.nbspBeforePercent ? t.replace(/(\d) (?=%)/g, `$1${NBSP}`) : t;
}

/**
 * Corrects `text`, which follows the character `before` in the same run of text ('' at
 * the start of a block). Returns the corrected text and what `before` must become
 * (a space before `;` turns into a narrow no-break space, for instance).
 */
export function typesetRun(text: string, rules: TypographyRules, before = ''): { text: string; before: string } {
  const table = typographyTable(rules);
  const fix = table.frenchSpacing ? frenchTypography : (x: string) => quoteTypography(x, table);
  let out = '';
  let newBefore = before;
  // `context` is the character just before the next prose segment; `owned` says whether
  // it may change (it may not when it ends a URL kept verbatim).
  let context = before;
  let owned: 'before' | 'out' | 'none' = before ? 'before' : 'none';
  const prose = (seg: string) => {
    if (seg === '') return;
    const fixed = fix(context + seg);
    let head = context;
    let body = fixed;
    if (context) {
      if (fixed.startsWith(context)) body = fixed.slice(1);
      // A space before ; ! ? : » becomes the no-break space the rules ask for.
      else if (/\s/.test(context)) [head, body] = [fixed.slice(0, 1), fixed.slice(1)];
      // Something inserted before the context character was dealt with when its own
      // text was typeset; a character rewritten (a quote ending some code) is not ours.
      else body = fixed.slice(fixed[1] === context ? 2 : 1);
    }
    if (head !== context) {
      if (owned === 'before') newBefore = head;
      else if (owned === 'out') out = out.slice(0, -context.length) + head;
    }
    out += body;
    context = out.slice(-1);
    owned = context ? 'out' : owned;
  };
  let last = 0;
  for (const m of text.matchAll(URLISH)) {
    prose(text.slice(last, m.index));
    out += m[0];
    context = m[0].slice(-1);
    owned = 'none';
    last = (m.index ?? 0) + m[0].length;
  }
  prose(text.slice(last));
  return { text: out, before: newBefore };
}

/** Applies the rules to a text while leaving URL-like tokens exactly as they are. */
export function applyTypography(text: string, rules: TypographyRules): string {
  return typesetRun(text, rules).text;
}

/**
 * Titles and headings: binds each short word (at most the table's `bindShortWords`
 * letters) to the word after it with a no-break space, so no line ends on it.
 */
export function bindShortWords(text: string, rules: TypographyRules): string {
  const max = typographyTable(rules).bindShortWords;
  if (!max) return text;
  const short = new RegExp(`(^|[\\s\u00A0\u202F(«])(\\p{L}{1,${max}})[ \\t]+(?=\\S)`, 'gu');
  // Twice: two short words in a row ("à la") each bind to the next.
  return text.replace(short, '$1$2\u00A0').replace(short, '$1$2\u00A0');
}

/** Short words bound in the headings of a tree (`bindShortWords`). */
export function bindShortWordsInHeadings(tree: Root, rules: TypographyRules): void {
  visit(tree, 'element', (el: Element) => {
    if (!/^h[1-6]$/.test(el.tagName)) return;
    visit(el, 'text', (t: Text) => {
      t.value = bindShortWords(t.value, rules);
    });
  });
}

/** unified plugin: `.use(rehypeTypography, {rules: 'fr'})`. */
export function rehypeTypography(options: TypographyOptions) {
  const skip = new Set(options.skip ?? DEFAULT_SKIP);
  return (tree: Root) => {
    // The character before the current text node in its block, and the node it ends.
    let context: { char: string; node?: Text; block: unknown } | undefined;
    visitParents(tree, (node, ancestors) => {
      if (node.type === 'element') {
        const el = node as Element;
        // A line break or an image separates runs like a space would.
        if (el.tagName === 'br' || el.tagName === 'img' || el.tagName === 'hr') {
          const block = blockOf(ancestors);
          context = { char: '\n', block };
        }
        return;
      }
      if (node.type !== 'text') return;
      const text = node as Text;
      const block = blockOf(ancestors);
      const before = context && context.block === block ? context.char : '';
      const skipped = ancestors.some((a) => a.type === 'element' && skip.has((a as Element).tagName));
      if (skipped) {
        // Code is context for the text after it (`code`; → `code` ;) but never changes.
        if (text.value) context = { char: text.value.slice(-1), block };
        return;
      }
      if (!text.value) return;
      const r = typesetRun(text.value, options.rules, before);
      if (r.before !== before && context?.node) {
        context.node.value = context.node.value.slice(0, -before.length) + r.before;
      }
      text.value = r.text;
      context = { char: r.text.slice(-1) || before, node: r.text ? text : context?.node, block };
    });
  };
}

/** The nearest ancestor that is not an inline element (a paragraph, list item, cell...). */
function blockOf(ancestors: ReadonlyArray<{ type: string }>): unknown {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i]!;
    if (a.type !== 'element' || !INLINE.has((a as Element).tagName)) return a;
  }
  return undefined;
}
