/**
 * `briefpress check [--strict] [--content DIR]`: everything that would make a build fail or
 * a reader stumble, without building. Reuses the loader, so front matter, encoding,
 * unknown locale folders and bad slugs are reported exactly as `build` reports them; then:
 *
 * - UI strings: every key of the source locale's strings file must exist (with the same
 *   `{placeholders}`) in the strings file of every locale that has content;
 * - internal links: a `#fragment` must match an id of the document (headings, footnotes,
 *   `resource-n`), and a relative link to another briefing (`../en/slug.md`,
 *   `../en/slug.html`) or file must point at something that exists;
 * - translations behind their source (changed blocks since their block record, or a
 *   changed source since their `source_hash`): a warning, an error with `--strict`.
 *
 * Exit 0 when there is no error (warnings are printed), 1 otherwise.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { loadDocuments } from '../build.js';
import { Reporter, hasErrors } from '../diagnostics.js';
import type { Env } from '../env.js';
import type { SourceRef } from '../content/discover.js';
import { BCP47, isKnownLanguageTag, type Catalogue } from '../content/locales.js';
import { describeStale, translationStatus } from '../content/translation-status.js';
import { decodeSource } from '../model/decode-source.js';
import type { BriefingDocument } from '../model/types.js';
import { templatesDir } from '../theme/templates-dir.js';
import { contentEnv, type CommandResult } from './command.js';

export interface CheckOptions {
  env: Env;
  /** Stale translations are errors, not warnings. */
  strict?: boolean;
  /** The templates folder (default: the one the loader uses). */
  templates?: string;
}

export async function runCheck(options: CheckOptions): Promise<CommandResult> {
  const { env } = options;
  const templates = options.templates ?? templatesDir();
  const reporter = new Reporter();
  const { catalogue, refs, docs } = await loadDocuments(env, reporter);
  checkCatalogue(catalogue, templates, reporter);
  checkUiStrings(catalogue, templates, new Set(refs.map((r) => r.locale)), reporter);
  checkMonths(catalogue, templates, reporter);
  for (const doc of docs) await checkLinks(doc, { env, refs, docs, reporter });
  await checkTranslations(env, catalogue, refs, docs, reporter, options.strict ?? false);

  const diagnostics = reporter.list;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const locales = new Set(refs.map((r) => r.locale)).size;
  const summary = `checked ${refs.length} briefing edition${refs.length === 1 ? '' : 's'} in ${locales} locale${locales === 1 ? '' : 's'}: ` +
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  return { exit: hasErrors(diagnostics) ? 1 : 0, out: [summary], diagnostics };
}

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

/** Every id a link inside the document can reach: headings, footnotes, raw HTML ids, resource-n. */
export function idsOf(doc: BriefingDocument): Set<string> {
  const ids = new Set(doc.resources.map((r) => r.id));
  visit(doc.tree, 'element', (el: Element) => {
    if (typeof el.properties.id === 'string' && el.properties.id) ids.add(el.properties.id);
  });
  return ids;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const ARTIFACT = /^([^/]+)\/([^/]+)\.(md|html|pdf|epub)$/;

interface LinkContext {
  env: Env;
  refs: readonly SourceRef[];
  docs: readonly BriefingDocument[];
  reporter: Reporter;
}

/** Fragment links must hit an id; relative links must hit a briefing or a content file. */
export async function checkLinks(doc: BriefingDocument, ctx: LinkContext): Promise<void> {
  const { env, reporter } = ctx;
  const ownIds = idsOf(doc);
  const docByPath = new Map(ctx.docs.map((d) => [d.sourcePath, d]));
  const refByKey = new Map(ctx.refs.map((r) => [`${r.locale}/${r.slug}`, r]));
  const links: Array<{ href: string; line?: number; column?: number }> = [];
  visit(doc.tree, 'element', (el: Element) => {
    if (el.tagName !== 'a' || typeof el.properties.href !== 'string') return;
    // Footnote back references are generated, without a source position, and always resolve.
    if (el.properties.dataFootnoteBackref !== undefined) return;
    links.push({ href: el.properties.href, line: el.position?.start.line, column: el.position?.start.column });
  });
  for (const { href, line, column } of links) {
    const at = { file: doc.displayPath, line, column };
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('/')) continue;
    const hashAt = href.indexOf('#');
    const fragment = hashAt === -1 ? undefined : href.slice(hashAt + 1);
    const target = (hashAt === -1 ? href : href.slice(0, hashAt)).replace(/\?.*$/, '');
    if (target === '') {
      if (fragment && !ownIds.has(fragment) && !ownIds.has(safeDecode(fragment))) {
        reporter.error({
          code: 'links/broken-fragment', ...at,
          message: `link to #${fragment}: no heading, footnote or resource of this briefing has that id`,
          hint: nearIds(fragment, ownIds),
        });
      }
      continue;
    }
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(doc.sourcePath), safeDecode(target)));
    if (resolved === '..' || resolved.startsWith('../')) {
      reporter.error({ code: 'links/outside-content', ...at, message: `link to ${href} leaves the content folder`, hint: 'a relative link must stay inside the content folder, e.g. ../en/<slug>.md' });
      continue;
    }
    // `<locale>/<slug>.md` (the source) or `.html|.pdf|.epub` (what the writers publish).
    const m = ARTIFACT.exec(resolved);
    const ref = m ? refByKey.get(`${m[1]}/${m[2]}`) : undefined;
    if (m && ref) {
      const other = docByPath.get(ref.path);
      if (fragment && other && (m[3] === 'md' || m[3] === 'html')) {
        const ids = idsOf(other);
        if (!ids.has(fragment) && !ids.has(safeDecode(fragment))) {
          reporter.error({ code: 'links/broken-fragment', ...at, message: `link to ${href}: ${ref.path} has no id "${fragment}"`, hint: nearIds(fragment, ids) });
        }
      }
      continue;
    }
    // Any other file of the content folder (an annex, an image) is fine.
    if (await env.contentExists(resolved)) continue;
    if (m) {
      const editions = ctx.refs.filter((r) => r.slug === m[2]).map((r) => r.path);
      reporter.error({
        code: 'links/broken-briefing', ...at,
        message: `link to ${href}: there is no briefing ${m[1]}/${m[2]}.md${m[3] === 'md' ? '' : ` (nor a file ${resolved})`}`,
        hint: editions.length ? `existing editions of ${m[2]}: ${editions.join(', ')}` : undefined,
      });
    } else {
      reporter.error({ code: 'links/broken-file', ...at, message: `link to ${href}: ${resolved} does not exist in the content folder` });
    }
  }
}

/** A hint listing ids that look like the one asked for. */
function nearIds(wanted: string, ids: Set<string>): string | undefined {
  const w = safeDecode(wanted).toLowerCase();
  const near = [...ids].filter((id) => id.includes(w) || w.includes(id) || id.split('-')[0] === w.split('-')[0]).slice(0, 5);
  const list = near.length ? near : [...ids].slice(0, 8);
  return list.length ? `ids in reach: ${list.map((i) => `#${i}`).join(', ')}` : undefined;
}

/** Line and column of a front matter key (`source_hash`...) in a source text. */
export function frontMatterKeyPosition(text: string, keys: string[]): { line: number; column: number } {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---') return { line: 1, column: 1 };
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  const block = lines.slice(0, end === -1 ? lines.length : end);
  // The first key of `keys` that is present wins.
  for (const key of keys) {
    const i = block.findIndex((l) => l.startsWith(`${key}:`) || new RegExp(`^${key}\\s+:`).test(l));
    if (i > 0) return { line: i + 1, column: 1 };
  }
  return { line: 1, column: 1 };
}

async function checkTranslations(
  env: Env,
  catalogue: Catalogue,
  refs: readonly SourceRef[],
  docs: readonly BriefingDocument[],
  reporter: Reporter,
  strict: boolean,
): Promise<void> {
  const report = await translationStatus(env, catalogue, refs, docs);
  for (const b of report.briefings) {
    for (const e of b.editions) {
      if (e.state !== 'stale') continue;
      const text = decodeSource(await env.readContent(e.path!), env.displayPath(e.path!), new Reporter()) ?? '';
      const where = frontMatterKeyPosition(text, ['source_hash', 'translation_of']);
      const d = {
        code: 'translation/stale', file: env.displayPath(e.path!), ...where,
        message: `stale translation: ${describeStale(e, env.displayPath)}`,
        hint: !e.currentHash
          ? `restore the source, or remove \`translation_of\` if this edition is an original`
          : e.blocks
            ? `see what changed: briefpress diff ${b.slug} --locale ${e.locale}; once the translation is updated: briefpress diff ${b.slug} --locale ${e.locale} --accept`
            : `update the translation, then record it: briefpress diff ${b.slug} --locale ${e.locale} --accept (or set \`source_hash: ${e.currentHash}\`)`,
      };
      if (strict) reporter.error(d);
      else reporter.warn(d);
    }
  }
}

/** CLI adapter: parses `check` arguments. */
export async function checkCommand(args: string[], cwd: string): Promise<CommandResult> {
  const { values } = parseArgs({
    args,
    options: { content: { type: 'string', default: 'content' }, strict: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  const opened = contentEnv(cwd, values.content);
  if ('usage' in opened) return opened.usage;
  return runCheck({ env: opened.env, strict: values.strict });
}
