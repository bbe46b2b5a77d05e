/** Test helpers for "every word of the source reaches the reader" checks. */
import { fromHtml } from 'hast-util-from-html';
import { readFileSync } from 'node:fs';
import { toString } from 'hast-util-to-string';
import { loadLinkRules, normaliseUrl } from '../../src/model/normalise-url.js';
import { CUSTOMER_TEXT } from './fixtures.js';

/** Folds the spaces and apostrophes typography changes, so words compare equal. */
export function normaliseText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\u00A0\u202F\u2009\u2007]/g, ' ')
    .replace(/[\u2018\u2019']/g, '’')
    .replace(/\u00AD/g, '');
}

/** The distinct words of a text (letters and digits), in order. */
export function wordsOf(s: string): string[] {
  return [...new Set(normaliseText(s).match(/[\p{L}\p{N}]+/gu) ?? [])];
}

/** Words of `source` that do not occur as words in `haystack`. */
export function missingWords(source: string, haystack: string): string[] {
  const have = new Set(wordsOf(haystack));
  return wordsOf(source).filter((w) => !have.has(w));
}

/** Visible text of an HTML document (no markup, entities decoded). */
export function htmlText(html: string): string {
  return toString(fromHtml(html));
}

/** The customer's article with each URL as readers must get it (tracking code removed). */
export function customerTextAsPublished(): string {
  const rules = loadLinkRules();
  return readFileSync(CUSTOMER_TEXT, 'utf8').replace(/https?:\/\/\S+/g, (raw) => {
    const n = normaliseUrl(raw, rules);
    return n.ok ? n.url : raw;
  });
}
