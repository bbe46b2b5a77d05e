/**
 * Locales: any BCP 47 tag is a locale. What a locale needs is resolved from `Intl`
 * (names from `Intl.DisplayNames`, direction from the likely script of
 * `Intl.Locale#maximize`, dates from `Intl.DateTimeFormat`), and
 * `templates/locales/catalogue.yaml` overrides it (typography, hyphenation, names,
 * date locale) and names the source locale. The catalogue is validated: a bad value is
 * a diagnostic naming the file and line, and the locale keeps the resolved default.
 *
 * UI strings: no UI string lives in code; writers ask `uiString(strings, key, values)`.
 * A locale's strings fall back along `fr-CA` → `fr` → the source locale's language → `en`;
 * `missingUiKeys` says what a locale borrows, so the build can warn once per locale.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, LineCounter, parseDocument, isScalar, type Pair } from 'yaml';
import { parse as parseYaml } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { templatesDir } from '../install/paths.js';
import { TYPOGRAPHY_TABLES } from '../model/typography-rules.js';
import type { LocaleInfo, UiStrings } from '../model/types.js';

export interface Catalogue {
  source: string;
  /**
   * Locales known so far: the catalogue's, then those found in content folders
   * (`addLocale`). Each `loadCatalogue()` call returns its own copy of the map.
   */
  locales: Map<string, LocaleInfo>;
  /** Overrides as written in the catalogue file, by code. */
  overrides: Map<string, Partial<LocaleInfo>>;
  /** Problems found in the catalogue file (reported by discovery). */
  problems: Diagnostic[];
}

/** BCP 47 language tag, the subset we accept: language[-Script][-REGION]. */
export const BCP47 = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$/;

/** Scripts written right to left (ISO 15924). */
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr', 'Mend', 'Yezi']);

/** Whether `code` is a BCP 47 tag naming a language `Intl` knows (so `xx` is not one). */
const knownTags = new Map<string, boolean>();
let englishNames: Intl.DisplayNames | undefined;

export function isKnownLanguageTag(code: string): boolean {
  if (!BCP47.test(code)) return false;
  let known = knownTags.get(code);
  if (known === undefined) {
    try {
      const lang = new Intl.Locale(code).language;
      // One DisplayNames for every call: making one loads ICU data (tens of ms).
      const name = (englishNames ??= new Intl.DisplayNames('en', { type: 'language', fallback: 'none' })).of(lang);
      known = name !== undefined && name !== lang;
    } catch {
      known = false;
    }
    knownTags.set(code, known);
  }
  return known;
}

function displayName(inLocale: string, type: 'language' | 'region', code: string): string | undefined {
  try {
    return new Intl.DisplayNames(inLocale, { type, fallback: 'none' }).of(code) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The direction of a language's (likely) script; `ltr` for a tag Intl cannot read. */
export function languageDirection(tag: string): 'ltr' | 'rtl' {
  try {
    const script = new Intl.Locale(tag).maximize().script;
    return script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** What `Intl` tells about a locale, before catalogue overrides. */
export function intlLocale(code: string): LocaleInfo {
  const max = new Intl.Locale(code).maximize();
  const native = displayName(code, 'language', code);
  return {
    code,
    name: displayName('en', 'language', code) ?? code,
    // "français canadien" → "Français canadien": a name shown alone starts with a capital.
    nativeName: native ? native.charAt(0).toLocaleUpperCase(code) + native.slice(1) : code,
    region: (max.region && displayName('en', 'region', max.region)) || 'International',
    dir: max.script && RTL_SCRIPTS.has(max.script) ? 'rtl' : 'ltr',
    typography: code,
    hyphenation: null,
    dateLocale: code,
  };
}

/** The locale `code`: Intl's answer with the catalogue's overrides on top. */
export function resolveLocale(code: string, overrides: Partial<LocaleInfo> = {}): LocaleInfo {
  return { ...intlLocale(code), ...overrides, code };
}

/** Registers a locale found in a content folder in this catalogue copy; returns it. */
export function addLocale(catalogue: Catalogue, code: string): LocaleInfo {
  let info = catalogue.locales.get(code);
  if (!info) {
    info = resolveLocale(code, catalogue.overrides.get(code));
    catalogue.locales.set(code, info);
  }
  return info;
}

const catalogueCache = new Map<string, Omit<Catalogue, 'locales'> & { locales: ReadonlyMap<string, LocaleInfo> }>();

export function loadCatalogue(dir = templatesDir()): Catalogue {
  let hit = catalogueCache.get(dir);
  if (!hit) {
    hit = readCatalogue(path.join(dir, 'locales', 'catalogue.yaml'));
    catalogueCache.set(dir, hit);
  }
  return { source: hit.source, locales: new Map(hit.locales), overrides: hit.overrides, problems: hit.problems };
}

const FIELDS: Record<string, (v: unknown) => string | undefined> = {
  name: (v) => (typeof v === 'string' && v.trim() ? undefined : 'must be a non-empty text'),
  nativeName: (v) => (typeof v === 'string' && v.trim() ? undefined : 'must be a non-empty text'),
  region: (v) => (typeof v === 'string' && v.trim() ? undefined : 'must be a non-empty text'),
  dir: (v) => (v === 'ltr' || v === 'rtl' ? undefined : `must be ltr or rtl, got ${JSON.stringify(v)}`),
  typography: (v) => (typeof v === 'string' && v in TYPOGRAPHY_TABLES ? undefined : `must name a rule set of src/model/typography-rules.ts (${Object.keys(TYPOGRAPHY_TABLES).join(', ')}), got ${JSON.stringify(v)}`),
  hyphenation: (v) => (v === null || (typeof v === 'string' && /^[a-z]{2,3}(?:-[a-z0-9]+)*$/.test(v)) ? undefined : `must be a pattern set name such as en-gb, or null, got ${JSON.stringify(v)}`),
  dateLocale: (v) => {
    try {
      if (typeof v === 'string' && Intl.DateTimeFormat.supportedLocalesOf([v]).length === 1) return undefined;
    } catch {
      /* an invalid tag throws: reported below */
    }
    return `must be a BCP 47 locale that Intl.DateTimeFormat supports, got ${JSON.stringify(v)}`;
  },
};

function readCatalogue(file: string) {
  const shown = displayPath(file);
  const problems: Diagnostic[] = [];
  const lc = new LineCounter();
  const yamlDoc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lc });
  const at = (offset: number | undefined) => lc.linePos(offset ?? 0);
  const problem = (offset: number | undefined, code: string, message: string, hint?: string) => {
    const pos = at(offset);
    problems.push({ severity: 'error', code, file: shown, line: pos.line, column: pos.col, message, hint });
  };
  for (const e of yamlDoc.errors) problem(e.pos[0], 'catalogue/yaml', e.message);
  const source = String(yamlDoc.get('source') ?? 'en');
  const locales = new Map<string, LocaleInfo>();
  const overrides = new Map<string, Partial<LocaleInfo>>();
  const map = yamlDoc.get('locales', true);
  for (const pair of (isMap(map) ? map.items : []) as Array<Pair<unknown, unknown>>) {
    const code = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    if (!isKnownLanguageTag(code)) {
      problem(keyOffset, 'catalogue/bad-locale', `"${code}" is not a BCP 47 language tag of a known language`, 'use a tag such as fr, pt-BR or zh-Hant');
      continue;
    }
    const own: Partial<LocaleInfo> = {};
    for (const field of isMap(pair.value) ? pair.value.items : []) {
      const key = String(isScalar(field.key) ? field.key.value : field.key);
      const value = isScalar(field.value) ? field.value.value : field.value;
      const check = FIELDS[key];
      const offset = isScalar(field.value) ? field.value.range?.[0] : isScalar(field.key) ? field.key.range?.[0] : keyOffset;
      if (!check) {
        problem(isScalar(field.key) ? field.key.range?.[0] : keyOffset, 'catalogue/unknown-key', `unknown key \`${key}\` for locale "${code}"`, `the keys are ${Object.keys(FIELDS).join(', ')}`);
        continue;
      }
      const wrong = check(value);
      if (wrong) problem(offset, `catalogue/bad-${key}`, `\`${key}\` of "${code}" ${wrong}`, 'the locale uses what Intl resolves instead');
      else (own as Record<string, unknown>)[key] = value;
    }
    overrides.set(code, own);
    locales.set(code, resolveLocale(code, own));
  }
  if (!locales.has(source)) problem(0, 'catalogue/unknown-source', `the source locale "${source}" is not one of the catalogue's locales`);
  return { source, locales, overrides, problems };
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** The locales whose UI strings `code` falls back to, most specific first. */
export function uiFallbackChain(code: string, source: string): string[] {
  const chain = [code];
  const parts = code.split('-');
  for (let i = parts.length - 1; i > 0; i--) chain.push(parts.slice(0, i).join('-'));
  chain.push(source.split('-')[0]!, 'en');
  return [...new Set(chain)];
}

const stringsCache = new Map<string, UiStrings>();

/** UI strings of a locale, completed along its fallback chain (`missingUiKeys` says what was borrowed). */
export function loadUiStrings(code: string, dir = templatesDir()): UiStrings {
  const key = `${dir}\0${code}`;
  const hit = stringsCache.get(key);
  if (hit) return hit;
  const source = loadCatalogue(dir).source;
  let merged: UiStrings = {};
  for (const c of uiFallbackChain(code, source).reverse()) merged = { ...merged, ...readStringsFile(c, dir) };
  stringsCache.set(key, merged);
  return merged;
}

/**
 * Keys of the source locale's strings that `code` and its own language do not translate,
 * with the locale they are taken from. Empty when the locale is complete (or is the source).
 */
export function missingUiKeys(code: string, dir = templatesDir()): { keys: string[]; from: string[] } {
  const source = loadCatalogue(dir).source;
  const chain = uiFallbackChain(code, source);
  const language = code.split('-')[0]!;
  // fr-CA's own strings are those of fr-CA and fr; anything further down the chain is borrowed.
  const ownChain = chain.filter((c) => c === language || c.startsWith(`${language}-`));
  const own = new Set(ownChain.flatMap((c) => Object.keys(readStringsFile(c, dir))));
  const wanted = Object.keys(readStringsFile(source, dir));
  const keys = wanted.filter((k) => !own.has(k));
  const from = chain.filter((c) => !ownChain.includes(c) && keys.some((k) => k in readStringsFile(c, dir)));
  return { keys, from };
}

const stringsFiles = new Map<string, { stamp: string; strings: UiStrings }>();

export function readStringsFile(code: string, dir = templatesDir()): UiStrings {
  const file = path.join(dir, 'locales', `${code}.yaml`);
  try {
    // Read by several modules per build: parse each file once while it is unchanged.
    const st = statSync(file);
    const stamp = `${st.mtimeMs}:${st.size}`;
    const hit = stringsFiles.get(file);
    if (hit?.stamp === stamp) return { ...hit.strings };
    const data = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
    const out: UiStrings = {};
    for (const [k, v] of Object.entries(data ?? {})) out[k] = String(v);
    stringsFiles.set(file, { stamp, strings: out });
    return { ...out };
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
const monthsRead = new Map<string, { mtime: number; months: Record<string, string[]> }>();

function monthOverrides(dir = templatesDir()): Record<string, string[]> {
  // Every date of every page asks: read the file once, again only when it changed (serve).
  const file = path.join(dir, 'locales', 'months.yaml');
  try {
    const mtime = statSync(file).mtimeMs;
    const known = monthsRead.get(file);
    if (known?.mtime === mtime) return known.months;
    const months = (parseYaml(readFileSync(file, 'utf8')) ?? {}) as Record<string, string[]>;
    monthsRead.set(file, { mtime, months });
    return months;
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
  let format = dateFormats.get(locale.dateLocale);
  if (!format) dateFormats.set(locale.dateLocale, (format = new Intl.DateTimeFormat(locale.dateLocale, { dateStyle: 'long', timeZone: 'UTC' })));
  return format.format(date);
}

/** One formatter per locale: making one loads ICU data (~1.5 ms, on every page's date). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
