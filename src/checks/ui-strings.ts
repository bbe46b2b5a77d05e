/**
 * Rules over the templates a build reads: the locale catalogue, the UI strings of every
 * locale with content (same keys and placeholders as the source locale's file), and the
 * month-name overrides.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import type { Reporter } from '../diagnostics.js';
import { BCP47, isKnownLanguageTag, type Catalogue } from '../content/locales.js';

/** Path of a templates file as the operator knows it. */
function templatePath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

interface YamlMapFile {
  file: string;
  /** Pairs by key, in file order, with the line of the key and of the end of the value. */
  keys: Map<string, { pair: Pair<YamlNode, YamlNode>; line: number; column: number; endLine: number }>;
}

/** Reads a YAML mapping with positions; reports YAML errors; undefined when unreadable. */
function readYamlMap(file: string, reporter: Reporter): YamlMapFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const shown = templatePath(file);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const p = lc.linePos(e.pos[0]);
      reporter.error({ code: 'ui-strings/yaml', file: shown, line: p.line, column: p.col, message: `invalid YAML: ${e.message.split('\n')[0]}` });
    }
    return { file: shown, keys: new Map() };
  }
  const keys: YamlMapFile['keys'] = new Map();
  if (doc.contents === null) return { file: shown, keys };
  if (!isMap(doc.contents)) {
    reporter.error({ code: 'ui-strings/not-a-map', file: shown, line: 1, column: 1, message: 'the file must be a YAML mapping of keys to texts' });
    return { file: shown, keys };
  }
  for (const pair of doc.contents.items as Pair<YamlNode, YamlNode>[]) {
    if (!isScalar(pair.key)) continue;
    const start = lc.linePos(pair.key.range?.[0] ?? 0);
    const end = lc.linePos(pair.value?.range?.[1] ?? pair.key.range?.[1] ?? 0);
    keys.set(String(pair.key.value), { pair, line: start.line, column: start.col, endLine: end.line });
  }
  return { file: shown, keys };
}

function placeholders(value: string): Set<string> {
  return new Set([...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
}

/** The catalogue names its source among its locales, and every code is a BCP 47 tag. */
export function checkCatalogue(catalogue: Catalogue, templates: string, reporter: Reporter): void {
  const file = templatePath(path.join(templates, 'locales', 'catalogue.yaml'));
  if (!catalogue.locales.has(catalogue.source)) {
    reporter.error({ code: 'catalogue/unknown-source', file, line: 1, column: 1, message: `the source locale "${catalogue.source}" is not one of the catalogue's locales` });
  }
  for (const code of catalogue.locales.keys()) {
    if (!BCP47.test(code)) reporter.error({ code: 'catalogue/bad-locale', file, line: 1, column: 1, message: `"${code}" is not a BCP 47 language tag` });
  }
}

/**
 * Every key of the source locale's strings file must be in the file of every other locale
 * that has content, with the same placeholders. Keys the source does not have are
 * reported as warnings (probably typos); so are strings files of unknown locales.
 */
export function checkUiStrings(catalogue: Catalogue, templates: string, localesWithContent: ReadonlySet<string>, reporter: Reporter): void {
  const dir = path.join(templates, 'locales');
  const source = readYamlMap(path.join(dir, `${catalogue.source}.yaml`), reporter);
  if (!source) {
    reporter.error({ code: 'ui-strings/missing-file', file: templatePath(path.join(dir, `${catalogue.source}.yaml`)), message: `the source locale "${catalogue.source}" has no UI strings file` });
    return;
  }
  const sourceKeys = [...source.keys.keys()];
  const valueOf = (entry: { pair: Pair<YamlNode, YamlNode> }) => (isScalar(entry.pair.value) && entry.pair.value.value != null ? String(entry.pair.value.value) : undefined);

  for (const code of catalogue.locales.keys()) {
    if (code === catalogue.source) continue;
    const filePath = path.join(dir, `${code}.yaml`);
    const strings = readYamlMap(filePath, reporter);
    if (!strings) {
      // A locale the catalogue does not declare borrows its strings; discovery warns about it.
      if (localesWithContent.has(code) && catalogue.overrides.has(code)) {
        reporter.error({
          code: 'ui-strings/missing-file', file: templatePath(filePath),
          message: `locale "${code}" has content but no UI strings file`,
          hint: `copy ${source.file} to ${templatePath(filePath)} and translate every value`,
        });
      }
      continue;
    }
    sourceKeys.forEach((key, i) => {
      const own = strings.keys.get(key);
      const src = source.keys.get(key)!;
      if (!own) {
        // Point at where the key belongs: after the nearest earlier source key the file has.
        const previous = sourceKeys.slice(0, i).reverse().map((k) => strings.keys.get(k)).find(Boolean);
        reporter.error({
          code: 'ui-strings/missing-key', file: strings.file, line: previous ? previous.endLine + 1 : 1, column: 1,
          message: `UI string \`${key}\` is missing (${source.file}:${src.line} has it)`,
          hint: `add \`${key}: "…"\`, translated from ${JSON.stringify(valueOf(src) ?? '')}`,
        });
        return;
      }
      const value = valueOf(own);
      if (value === undefined || value.trim() === '' || !isScalar(own.pair.value)) {
        reporter.error({ code: 'ui-strings/empty', file: strings.file, line: own.line, column: own.column, message: `UI string \`${key}\` must be a non-empty text` });
        return;
      }
      const want = placeholders(valueOf(src) ?? '');
      const have = placeholders(value);
      const missing = [...want].filter((p) => !have.has(p));
      const extra = [...have].filter((p) => !want.has(p));
      if (missing.length || extra.length) {
        reporter.error({
          code: 'ui-strings/placeholder', file: strings.file, line: own.line, column: own.column,
          message: `UI string \`${key}\` must use the placeholders ${[...want].map((p) => `{${p}}`).join(' ') || '(none)'}` +
            `${missing.length ? `; missing ${missing.map((p) => `{${p}}`).join(' ')}` : ''}${extra.length ? `; unknown ${extra.map((p) => `{${p}}`).join(' ')}` : ''}`,
          hint: 'placeholders are filled in at build time and must be copied as they are',
        });
      }
    });
    for (const [key, own] of strings.keys) {
      if (!source.keys.has(key)) {
        reporter.warn({ code: 'ui-strings/unknown-key', file: strings.file, line: own.line, column: own.column, message: `UI string \`${key}\` is not in ${source.file}; it is never used` });
      }
    }
  }

  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'catalogue.yaml' && f !== 'months.yaml');
  } catch {
    files = [];
  }
  for (const f of files) {
    const code = f.slice(0, -'.yaml'.length);
    if (!catalogue.locales.has(code) && !isKnownLanguageTag(code)) {
      reporter.warn({ code: 'ui-strings/unknown-locale', file: templatePath(path.join(dir, f)), line: 1, column: 1, message: `strings for "${code}", a locale the catalogue does not know`, hint: 'add the locale to catalogue.yaml or remove the file' });
    }
  }
}

/** `months.yaml` overrides: known locales, twelve names each. */
export function checkMonths(catalogue: Catalogue, templates: string, reporter: Reporter): void {
  const months = readYamlMap(path.join(templates, 'locales', 'months.yaml'), reporter);
  if (!months) return;
  for (const [code, entry] of months.keys) {
    if (!catalogue.locales.has(code)) {
      reporter.error({ code: 'months/unknown-locale', file: months.file, line: entry.line, column: entry.column, message: `month names for "${code}", a locale the catalogue does not know` });
    } else if (!isSeq(entry.pair.value) || entry.pair.value.items.length !== 12) {
      reporter.error({ code: 'months/count', file: months.file, line: entry.line, column: entry.column, message: `"${code}" must list twelve month names, January to December` });
    }
  }
}

