/** UI strings as readers see them: the locale's file with its typography applied. */
import { applyTypography } from '../model/typography.js';
import type { LocaleInfo, UiStrings } from '../model/types.js';
import { loadUiStrings } from './locales.js';

/** UI strings with the locale's typography (French spacing before the colon, etc.). */
export function localeStrings(locale: LocaleInfo): UiStrings {
  const out: UiStrings = {};
  for (const [k, v] of Object.entries(loadUiStrings(locale.code))) out[k] = applyTypography(v, locale.typography);
  return out;
}
