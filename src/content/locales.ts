/**
 * The locale catalogue and UI strings, read from `templates/locales/`. No UI string
 * lives in code: writers ask `uiString(strings, key, values)`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { templatesDir } from '../theme/templates-dir.js';
import type { LocaleInfo, UiStrings } from '../model/types.js';

export interface Catalogue {
  source: string;
  locales: Map<string, LocaleInfo>;
}

/** BCP 47 language tag, the subset we accept: language[-Script][-REGION]. */
export const BCP47 = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$/;

const catalogueCache = new Map<string, Catalogue>();

export function loadCatalogue(dir = templatesDir()): Catalogue {
  const hit = catalogueCache.get(dir);
  if (hit) return hit;
  const raw = parseYaml(readFileSync(path.join(dir, 'locales', 'catalogue.yaml'), 'utf8')) as {
    source: string;
    locales: Record<string, Omit<LocaleInfo, 'code'>>;
  };
  const locales = new Map<string, LocaleInfo>();
  for (const [code, info] of Object.entries(raw.locales)) locales.set(code, { code, ...info });
  const cat = { source: raw.source, locales };
  catalogueCache.set(dir, cat);
  return cat;
}

const stringsCache = new Map<string, UiStrings>();

/** UI strings of a locale; missing keys fall back to the source locale's (`check` reports them). */
export function loadUiStrings(code: string, dir = templatesDir()): UiStrings {
  const key = `${dir}\0${code}`;
  const hit = stringsCache.get(key);
  if (hit) return hit;
  const own = readStringsFile(code, dir);
  const source = loadCatalogue(dir).source;
  const merged = code === source ? own : { ...readStringsFile(source, dir), ...own };
  stringsCache.set(key, merged);
  return merged;
}

export function readStringsFile(code: string, dir = templatesDir()): UiStrings {
  const file = path.join(dir, 'locales', `${code}.yaml`);
  try {
    const data = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
    const out: UiStrings = {};
    for (const [k, v] of Object.entries(data ?? {})) out[k] = String(v);
    return out;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
}

/** Fills `{name}` placeholders. An unknown key yields the key itself, visibly. */
export function uiString(strings: UiStrings, key: string, values: Record<string, string | number> = {}): string {
  const template = strings[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

/** Month names for locales whose ICU output reads wrong (rw: year-first order in Node 20's ICU). */
function monthOverrides(dir = templatesDir()): Record<string, string[]> {
  try {
    return (parseYaml(readFileSync(path.join(dir, 'locales', 'months.yaml'), 'utf8')) ?? {}) as Record<string, string[]>;
  } catch {
    return {};
  }
}

/** Formats a publication date in the locale's words, e.g. "20 février 2025". */
export function formatDate(date: Date, locale: LocaleInfo): string {
  const months = monthOverrides()[locale.code];
  if (months?.length === 12) {
    return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  }
  return new Intl.DateTimeFormat(locale.dateLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
