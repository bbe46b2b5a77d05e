/**
 * `briefpress diff <slug> --locale CODE [--accept] [--content DIR]`: the source blocks that
 * changed since the translation `CODE/<slug>.md` was made, the recorded text beside the
 * current one, so a translator updates exactly those. `--accept` records the current
 * source as translated (after the update): the edition is up to date again.
 *
 * The old text comes from the translation's block record (content/block-record.ts), so
 * no version control is needed. Exit 0; 1 when the translation or its source is missing
 * or has no record to compare with; 2 for a usage error.
 */
import { parseArgs } from 'node:util';
import { Reporter, hasErrors } from '../diagnostics.js';
import type { Env } from '../env.js';
import { diffBlocks, type BlockChange } from '../content/block-diff.js';
import { recordOf, serializeRecord } from '../content/block-record.js';
import { parseFrontMatter } from '../content/front-matter.js';
import { loadCatalogue } from '../content/locales.js';
import { sourceLocaleOf, translationPair, type TranslationPair } from '../content/source-lag.js';
import { describeBehind } from '../content/translation-status.js';
import { decodeSource } from '../model/decode-source.js';
import { parseMarkdown } from '../model/parse-markdown.js';
import type { FrontMatter } from '../model/types.js';
import { contentEnv, usageError, type CommandResult } from './command.js';

export interface DiffOptions {
  env: Env;
  slug: string;
  locale: string;
  /** Record the current source as translated. */
  accept?: boolean;
  /** Width of the side-by-side view in characters. */
  width?: number;
}

/** A translation, its front matter and its source, or the diagnostics of what is missing. */
export async function openTranslation(env: Env, slug: string, locale: string, reporter: Reporter): Promise<{ meta: FrontMatter; text: string; pair: TranslationPair } | undefined> {
  const catalogue = loadCatalogue();
  const relPath = `${locale}/${slug}.md`;
  const file = env.displayPath(relPath);
  if (!(await env.contentExists(relPath))) {
    reporter.error({ code: 'translation/missing', file, message: `there is no translation ${file}`, hint: `start one: briefpress new ${slug} --locale ${locale}` });
    return undefined;
  }
  const text = decodeSource(await env.readContent(relPath), file, reporter);
  const meta = text === undefined ? undefined : parseFrontMatter(parseMarkdown(text, file).frontMatter, reporter, new Set(catalogue.locales.keys()), file);
  if (text === undefined || !meta) return undefined;
  const from = sourceLocaleOf(meta, catalogue.source);
  if (from === locale) {
    reporter.error({ code: 'translation/not-a-translation', file, message: `${file} is a source edition, not a translation` });
    return undefined;
  }
  const pair = await translationPair(env, locale, slug, from, reporter);
  if (!pair) {
    reporter.error({ code: 'translation/no-source', file, message: `its source ${env.displayPath(`${from}/${slug}.md`)} does not exist or cannot be read` });
    return undefined;
  }
  return hasErrors(reporter.list) ? undefined : { meta, text, pair };
}

/** Words of `text` in lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

/** Two texts in two columns, `│` between them. */
export function sideBySide(left: string, right: string, width: number): string[] {
  const col = Math.max(20, Math.floor((width - 3) / 2));
  const l = wrap(left, col);
  const r = wrap(right, col);
  return Array.from({ length: Math.max(l.length, r.length) }, (_, i) => `${(l[i] ?? '').padEnd(col)} │ ${r[i] ?? ''}`.trimEnd());
}

function describeChange(c: BlockChange, sourceFile: string, width: number): string[] {
  const head = (what: string, id: string, line?: number) => `${what} ${id}${line ? ` (${sourceFile}:${line})` : ''}`;
  const columns = (left: string, right: string) => sideBySide(left, right, width).map((l) => `  ${l}`);
  switch (c.kind) {
    case 'changed':
      return [head('changed', c.now.id, c.now.line), ...columns('when translated:', 'now:'), ...columns(c.old.text, c.now.text)];
    case 'added':
      return [head('added', c.now.id, c.now.line), ...columns('when translated:', 'now:'), ...columns('(not there)', c.now.text)];
    case 'removed':
      return [head('removed', c.old.id), ...columns('when translated:', 'now:'), ...columns(c.old.text, '(removed)')];
  }
}

export async function runDiff(options: DiffOptions): Promise<CommandResult> {
  const { env, slug, locale } = options;
  const width = options.width ?? 100;
  const reporter = new Reporter();
  const opened = await openTranslation(env, slug, locale, reporter);
  if (!opened) return { exit: 1, out: [], diagnostics: reporter.list };
  const { pair } = opened;
  const file = env.displayPath(`${locale}/${slug}.md`);
  const sourceFile = env.displayPath(pair.sourcePath);
  const recordFile = env.displayPath(pair.recordPath);
  if (options.accept) {
    await env.replaceContent(pair.recordPath, new TextEncoder().encode(serializeRecord(recordOf(pair.sourcePath, pair.sourceHash, pair.blocks))));
    return { exit: 0, out: [`recorded ${file} as the translation of ${sourceFile} as it is now (${pair.blocks.length} blocks, ${recordFile}): up to date`], diagnostics: [] };
  }
  if (!pair.record) {
    // A translation from before block records: its `source_hash` may vouch for it.
    const vouched = opened.meta.source_hash === pair.sourceHash;
    return {
      exit: 1, out: [], diagnostics: [{
        severity: 'error', code: 'translation/no-record', file: recordFile,
        message: `${file} has no block record, so what changed in ${sourceFile} since it was translated is unknown`,
        hint: vouched
          ? `its source_hash says it translates ${sourceFile} as it is now: record that with briefpress diff ${slug} --locale ${locale} --accept`
          : `compare it with ${sourceFile} once by hand, then: briefpress diff ${slug} --locale ${locale} --accept`,
      }],
    };
  }
  const d = diffBlocks(pair.record.blocks, pair.blocks);
  if (d.behind === 0) return { exit: 0, out: [`${file} is up to date with ${sourceFile}`], diagnostics: [] };
  const out = [`${file} is ${describeBehind(d, sourceFile)}`];
  for (const c of d.changes) out.push('', ...describeChange(c, sourceFile, width));
  out.push('', `once ${file} is updated: briefpress diff ${slug} --locale ${locale} --accept`);
  return { exit: 0, out, diagnostics: [] };
}

/** CLI adapter: parses `diff` arguments. */
export async function diffCommand(args: string[], cwd: string): Promise<CommandResult> {
  const { values, positionals } = parseArgs({
    args,
    options: { content: { type: 'string', default: 'content' }, locale: { type: 'string' }, accept: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1 || !values.locale) return usageError('diff takes one slug and --locale, e.g. briefpress diff paris-ai-summit-2025 --locale rw');
  if (!loadCatalogue().locales.has(values.locale)) return usageError(`unknown locale "${values.locale}"`);
  const opened = contentEnv(cwd, values.content);
  if ('usage' in opened) return opened.usage;
  return runDiff({ env: opened.env, slug: positionals[0]!, locale: values.locale, accept: values.accept, width: process.stdout.columns });
}
