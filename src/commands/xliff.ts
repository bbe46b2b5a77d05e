/**
 * The XLIFF 2.0 round trip with translation tools (Weblate, Crowdin, a CAT tool):
 *
 * - `briefpress export --locale CODE [--slug S] [--content DIR]` prints one XLIFF document
 *   with a unit per source block of every briefing (or of S); a unit the translation
 *   already translates carries it as its target (state `translated`; `initial` when the
 *   source block changed since, so the tool shows it as to do).
 * - `briefpress import FILE [--content DIR]` writes the translations back: each edition's
 *   Markdown rebuilt from its source with the translated blocks (links, emphasis, footnote
 *   references and images come from the source, never from the file), links relocated as
 *   `new` does, and its block record updated. A file whose units no longer match the
 *   source (it changed since the export), or whose codes were lost, is refused as a whole,
 *   naming the units; nothing is written then.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Reporter, hasErrors } from '../diagnostics.js';
import type { Env } from '../env.js';
import { assembleTranslation } from '../content/assemble-translation.js';
import { diffBlocks } from '../content/block-diff.js';
import { recordOf, serializeRecord } from '../content/block-record.js';
import { discoverBriefings } from '../content/discover.js';
import { parseFrontMatter } from '../content/front-matter.js';
import { codeSequence, type Inline } from '../content/inline-codes.js';
import { loadCatalogue } from '../content/locales.js';
import { relocateLinks } from '../content/relocate-links.js';
import { translationPair, type TranslationPair } from '../content/source-lag.js';
import { sourceBlocks, type SourceBlock } from '../content/source-blocks.js';
import { bindTarget, readXliff, writeXliff, type SegmentState, type XliffFileOut } from '../content/xliff.js';
import { decodeSource } from '../model/decode-source.js';
import { parseMarkdown } from '../model/parse-markdown.js';
import type { FrontMatter } from '../model/types.js';
import { contentEnv, usageError, type CommandResult } from './command.js';
import { relocateTargets } from './new.js';

/** The target's codes renumbered to the source's: the n-th link is the n-th link. Undefined if they differ. */
export function alignCodes(target: readonly Inline[], source: readonly Inline[]): Inline[] | undefined {
  const src = new Map(codeSequence(source).map(({ key, code }) => [key, code.id]));
  const tgt = codeSequence(target);
  if (tgt.length !== src.size || tgt.some(({ key }) => !src.has(key))) return undefined;
  const renumber = (list: readonly Inline[]): Inline[] => list.map((c) => {
    if (c.kind === 'text') return c;
    const id = src.get(tgt.find((t) => t.code === c)!.key)!;
    return c.kind === 'ph' ? { ...c, id } : { ...c, id, children: renumber(c.children) };
  });
  return renumber(target);
}

/** A block's text without its link destinations (which `new` and `import` relocate). */
const words = (text: string) => text.replace(/\]\((?:<[^>]*>|[^)\s]*)[^)]*\)/g, ']()').replace(/\s+/g, ' ').trim();

interface Edition {
  meta: FrontMatter;
  text: string;
}

async function readEdition(env: Env, relPath: string, locales: ReadonlySet<string>, reporter: Reporter): Promise<Edition | undefined> {
  if (!(await env.contentExists(relPath))) return undefined;
  const file = env.displayPath(relPath);
  const text = decodeSource(await env.readContent(relPath), file, reporter);
  const meta = text === undefined ? undefined : parseFrontMatter(parseMarkdown(text, file).frontMatter, reporter, locales, file);
  return text !== undefined && meta ? { meta, text } : undefined;
}

/**
 * Targets for the current source blocks from an existing translation: its blocks pair
 * one to one with the blocks it was made from (its record, or the source when it records
 * the current source hash); a block of the source changed since gets its old translation
 * as an `initial` target.
 */
function existingTargets(pair: TranslationPair, translation: Edition | undefined): Map<string, { codes: Inline[]; state: SegmentState }> {
  const out = new Map<string, { codes: Inline[]; state: SegmentState }>();
  if (!translation) return out;
  const own = sourceBlocks(translation.text);
  const translatedFrom = pair.record?.blocks ?? (translation.meta.source_hash === pair.sourceHash ? pair.blocks : undefined);
  if (!translatedFrom || own.length !== translatedFrom.length) return out;
  const diff = diffBlocks(translatedFrom, pair.blocks);
  const done: SegmentState = translation.meta.status === 'reviewed' ? 'reviewed' : 'translated';
  const put = (recordIndex: number, block: SourceBlock, state: SegmentState) => {
    // A block still as the source wrote it (a fresh `new` copy, its links relocated) is not translated yet.
    if (words(own[recordIndex]!.text) === words(translatedFrom[recordIndex]!.text)) return;
    const codes = alignCodes(own[recordIndex]!.codes, block.codes);
    if (codes) out.set(block.id, { codes, state });
  };
  for (const [i, j] of diff.matched) put(i, pair.blocks[j]!, done);
  for (const c of diff.changes) if (c.kind === 'changed') put(translatedFrom.indexOf(c.old), c.now, 'initial');
  return out;
}

export interface ExportOptions {
  env: Env;
  locale: string;
  slug?: string;
}

export async function runExport(options: ExportOptions): Promise<CommandResult> {
  const { env, locale } = options;
  const catalogue = loadCatalogue();
  const locales = new Set(catalogue.locales.keys());
  const reporter = new Reporter();
  const slugs = (await discoverBriefings(env, catalogue, reporter))
    .filter((r) => r.locale === catalogue.source && (options.slug === undefined || r.slug === options.slug))
    .map((r) => r.slug)
    .sort();
  if (options.slug !== undefined && slugs.length === 0) {
    reporter.error({ code: 'xliff/no-source', file: env.displayPath(`${catalogue.source}/${options.slug}.md`), message: 'there is no such source briefing' });
  }
  const files: XliffFileOut[] = [];
  for (const slug of slugs) {
    const pair = await translationPair(env, locale, slug, catalogue.source, reporter);
    if (!pair) continue;
    const translation = await readEdition(env, `${locale}/${slug}.md`, locales, reporter);
    const targets = existingTargets(pair, translation);
    files.push({
      id: slug,
      original: pair.sourcePath,
      units: pair.blocks.map((b) => ({
        id: b.id, hash: b.hash, location: `${pair.sourcePath}:${b.line}`, codes: b.codes,
        target: targets.get(b.id)?.codes, state: targets.get(b.id)?.state ?? 'initial',
      })),
    });
  }
  if (hasErrors(reporter.list)) return { exit: 1, out: [], diagnostics: reporter.list };
  return { exit: 0, out: [writeXliff(catalogue.source, locale, files).trimEnd()], diagnostics: reporter.list };
}

export interface ImportOptions {
  env: Env;
  /** The XLIFF text, and the path it was read from (for messages). */
  xliff: string;
  file: string;
}

export async function runImport(options: ImportOptions): Promise<CommandResult> {
  const { env, file } = options;
  const catalogue = loadCatalogue();
  const locales = new Set(catalogue.locales.keys());
  const reporter = new Reporter();
  const refuse = (message: string, hint?: string): CommandResult => ({ exit: 1, out: [], diagnostics: [...reporter.list, { severity: 'error', code: 'xliff/refused', file, message: `${message}; nothing was written`, hint }] });
  let doc: ReturnType<typeof readXliff>;
  try {
    doc = readXliff(options.xliff);
  } catch (err) {
    return refuse((err as Error).message);
  }
  const { srcLang, trgLang } = doc;
  if (!locales.has(trgLang) || trgLang === srcLang || !locales.has(srcLang)) {
    return refuse(`the file translates ${srcLang || '(no srcLang)'} into ${trgLang || '(no trgLang)'}, not from a catalogue locale into another`);
  }

  const writes: Array<{ relPath: string; text: string }> = [];
  const out: string[] = [];
  for (const f of doc.files) {
    const slug = f.id;
    const pair = await translationPair(env, trgLang, slug, srcLang, reporter);
    if (!pair || f.original !== pair.sourcePath) {
      reporter.error({ code: 'xliff/no-source', file, message: `file "${slug}": its source ${f.original} is not ${srcLang}/${slug}.md of the content folder` });
      continue;
    }
    const blockById = new Map(pair.blocks.map((b) => [b.id, b]));
    const inFile = new Set(f.units.map((u) => u.id));
    const changed = f.units.filter((u) => blockById.get(u.id)?.hash !== u.hash).map((u) => u.id);
    const missing = pair.blocks.filter((b) => !inFile.has(b.id)).map((b) => b.id);
    if (changed.length || missing.length) {
      reporter.error({
        code: 'xliff/source-changed', file,
        message: `file "${slug}": ${[
          changed.length ? `units ${changed.join(', ')} no longer match ${env.displayPath(pair.sourcePath)}` : '',
          missing.length ? `the source has blocks no unit translates (${missing.join(', ')})` : '',
        ].filter(Boolean).join('; ')}: the source changed since the export`,
        hint: `export again (briefpress export --locale ${trgLang} --slug ${slug}): translated units are carried over`,
      });
      continue;
    }
    const targets = new Map<string, Inline[]>();
    const untranslated: string[] = [];
    for (const u of f.units) {
      const block = blockById.get(u.id)!;
      if (u.problem) {
        reporter.error({ code: 'xliff/codes', file, message: `unit ${u.id} of "${slug}": ${u.problem}` });
        continue;
      }
      if (!u.target) {
        untranslated.push(u.id);
        continue;
      }
      const bound = bindTarget(u.target, block.codes);
      if ('problem' in bound) reporter.error({ code: 'xliff/codes', file, message: `unit ${u.id} of "${slug}": ${bound.problem}`, hint: 'a link, emphasis or footnote of the source must stay in the translation: keep every code of the source' });
      else targets.set(u.id, bound.codes);
    }
    const relPath = `${trgLang}/${slug}.md`;
    if (untranslated.length) {
      reporter.warn({ code: 'xliff/no-target', file, message: `file "${slug}": units ${untranslated.join(', ')} have no target; ${env.displayPath(relPath)} keeps the ${srcLang} text there` });
    }
    const existing = await readEdition(env, relPath, locales, new Reporter());
    const assembled = assembleTranslation(pair.sourceText, pair.blocks, targets, { translationOf: srcLang, status: existing?.meta.status ?? 'draft' });
    const moved = relocateLinks(assembled, srcLang, trgLang, await relocateTargets(env));
    for (const n of moved.notes) reporter.warn({ code: 'xliff/link-kept', file: env.displayPath(relPath), line: n.line, column: 1, message: n.message });
    writes.push({ relPath, text: moved.text }, { relPath: pair.recordPath, text: serializeRecord(recordOf(pair.sourcePath, pair.sourceHash, pair.blocks)) });
    out.push(`imported ${targets.size} of ${pair.blocks.length} units into ${env.displayPath(relPath)}; block record ${env.displayPath(pair.recordPath)} updated`);
  }
  if (hasErrors(reporter.list)) return refuse(`${file} does not fit the content folder`);
  for (const w of writes) await env.replaceContent(w.relPath, new TextEncoder().encode(w.text));
  return { exit: 0, out, diagnostics: reporter.list };
}

/** CLI adapter: `export --locale CODE [--slug S]`. */
export async function exportCommand(args: string[], cwd: string): Promise<CommandResult> {
  const { values } = parseArgs({
    args,
    options: { content: { type: 'string', default: 'content' }, locale: { type: 'string' }, slug: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const catalogue = loadCatalogue();
  if (!values.locale || !catalogue.locales.has(values.locale) || values.locale === catalogue.source) {
    return usageError(`export needs --locale, a translation locale: ${[...catalogue.locales.keys()].filter((l) => l !== catalogue.source).join(', ')}`);
  }
  const opened = contentEnv(cwd, values.content);
  if ('usage' in opened) return opened.usage;
  return runExport({ env: opened.env, locale: values.locale, slug: values.slug });
}

/** CLI adapter: `import FILE`. */
export async function importCommand(args: string[], cwd: string): Promise<CommandResult> {
  const { values, positionals } = parseArgs({
    args,
    options: { content: { type: 'string', default: 'content' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) return usageError('import takes one XLIFF file, e.g. briefpress import rw.xlf');
  const opened = contentEnv(cwd, values.content);
  if ('usage' in opened) return opened.usage;
  let xliff: string;
  try {
    xliff = readFileSync(path.resolve(cwd, positionals[0]!), 'utf8');
  } catch (err) {
    return usageError(`cannot read ${positionals[0]}: ${(err as Error).message}`);
  }
  return runImport({ env: opened.env, xliff, file: positionals[0]! });
}

