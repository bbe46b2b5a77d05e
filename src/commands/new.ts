/**
 * `briefpress new <slug> [--locale CODE] [--content DIR]`: scaffolds
 * `content/<locale>/<slug>.md` with valid front matter dated today.
 *
 * - In the source locale: a title to replace (the slug in words), today's date, an empty body.
 * - In another locale: a draft translation of the existing source: the source's front
 *   matter and body as a starting point, the source's date, `translation_of` and
 *   `status: draft`; relative links and images rewritten so they still resolve from the
 *   new folder (content/relocate-links.ts); and the block record beside it
 *   (`<slug>.source-blocks.yaml`: the source blocks it translates, content/block-record.ts).
 *
 * Never overwrites (the file is created atomically, only if absent). Exit 2 for a bad slug
 * or an unknown locale, 1 when the file exists or the source is missing or invalid.
 */
import { parseArgs } from 'node:util';
import { parseDocument, stringify } from 'yaml';
import { loadDocuments } from '../build.js';
import { Reporter, hasErrors, type Diagnostic } from '../diagnostics.js';
import type { Env } from '../env.js';
import { recordOf, recordPath, serializeRecord } from '../content/block-record.js';
import { SLUG } from '../content/discover.js';
import { parseFrontMatter } from '../content/front-matter.js';
import { loadCatalogue } from '../content/locales.js';
import { contentHash } from '../model/build-document.js';
import { decodeSource } from '../model/decode-source.js';
import { parseMarkdown } from '../model/parse-markdown.js';
import { relocateLinks, type RelocateTargets } from '../content/relocate-links.js';
import { sourceBlocks } from '../content/source-blocks.js';
import { idsOf } from './check.js';
import { contentEnv, usageError, type CommandResult } from './command.js';

export interface NewOptions {
  env: Env;
  slug: string;
  /** Default: the catalogue's source locale. */
  locale?: string;
  /** Today's date as YYYY-MM-DD; default `today(env)`. */
  today?: () => string;
}

/** The ISO date of today: SOURCE_DATE_EPOCH's (UTC) when set, else the local calendar date. */
export function today(env: Env, now: Date = new Date()): string {
  const epoch = env.sourceDateEpoch();
  if (epoch) return epoch.toISOString().slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "paris-ai-summit-2025" → "Paris ai summit 2025": a title that is obviously to be replaced. */
function titleFromSlug(slug: string): string {
  const words = slug.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function scaffoldSource(slug: string, date: string): string {
  return [
    '---',
    '# Scaffolded by `briefpress new`: write the real title; optional keys are subtitle,',
    '# summary, organization or authors, keywords and resources (see the README).',
    stringify({ title: titleFromSlug(slug), date }, { lineWidth: 0 }).trimEnd(),
    '---',
    '',
    '<!-- The briefing, in Markdown. -->',
    '',
  ].join('\n');
}

/** The source's front matter (its date kept) with the translation keys set, and its body. */
export function scaffoldTranslation(yaml: string, body: string, fields: { translationOf: string }): string {
  const doc = parseDocument(yaml);
  // The block record tracks the source from now on; a copied `source_hash` would only mislead.
  doc.delete('source_hash');
  doc.set('translation_of', fields.translationOf);
  doc.set('status', 'draft');
  return `---\n${doc.toString({ lineWidth: 0 })}---\n${body}`;
}

/** What `relocateLinks` needs to know of the content folder: the briefings' ids, the files. */
export async function relocateTargets(env: Env): Promise<RelocateTargets> {
  const { docs } = await loadDocuments(env, new Reporter());
  const ids = new Map(docs.map((d) => [`${d.locale.code}/${d.slug}`, idsOf(d)]));
  const files = new Set(await env.listContent());
  return { briefingIds: (locale, slug) => ids.get(`${locale}/${slug}`), fileExists: (p) => files.has(p) };
}

export async function runNew(options: NewOptions): Promise<CommandResult> {
  const { env, slug } = options;
  const catalogue = loadCatalogue();
  const locale = options.locale ?? catalogue.source;
  if (!SLUG.test(slug)) {
    return usageError(`"${slug}" is not a valid briefing slug: use lower-case letters, digits and single hyphens, e.g. paris-ai-summit-2025`);
  }
  if (!catalogue.locales.has(locale)) {
    return usageError(`unknown locale "${locale}"; choose from ${[...catalogue.locales.keys()].join(', ')}`);
  }
  const relPath = `${locale}/${slug}.md`;
  const file = env.displayPath(relPath);
  const exists = (): CommandResult => ({
    exit: 1, out: [], diagnostics: [{
      severity: 'error', code: 'new/exists', file, line: 1, column: 1,
      message: 'the briefing already exists; nothing was written',
      hint: 'edit it, or choose another slug',
    }],
  });
  if (await env.contentExists(relPath)) return exists();

  let text: string;
  let note: string;
  let record: string | undefined;
  let notes: Diagnostic[] = [];
  if (locale === catalogue.source) {
    text = scaffoldSource(slug, (options.today ?? (() => today(env)))());
    note = `created ${file}: replace its title and write the briefing`;
  } else {
    const sourcePath = `${catalogue.source}/${slug}.md`;
    const sourceFile = env.displayPath(sourcePath);
    if (!(await env.contentExists(sourcePath))) {
      return {
        exit: 1, out: [], diagnostics: [{
          severity: 'error', code: 'new/no-source', file: sourceFile,
          message: `a translation needs its source, and ${sourceFile} does not exist; nothing was written`,
          hint: `create the source first: briefpress new ${slug}`,
        }],
      };
    }
    const reporter = new Reporter();
    const source = decodeSource(await env.readContent(sourcePath), sourceFile, reporter);
    const parsed = source === undefined ? undefined : parseMarkdown(source, sourceFile);
    const meta = parsed && parseFrontMatter(parsed.frontMatter, reporter, new Set(catalogue.locales.keys()), sourceFile);
    if (source === undefined || !parsed?.frontMatter || !meta || hasErrors(reporter.list)) {
      const diagnostics = reporter.list.filter((d) => d.severity === 'error');
      diagnostics.push({ severity: 'error', code: 'new/invalid-source', file: sourceFile, message: 'fix the source before translating it; nothing was written' });
      return { exit: 1, out: [], diagnostics };
    }
    const { yaml, firstLine } = parsed.frontMatter;
    // The closing fence follows the YAML block; the body is everything after it.
    const closingLine = firstLine + yaml.split('\n').length;
    const body = source.split('\n').slice(closingLine).join('\n');
    const moved = relocateLinks(scaffoldTranslation(yaml, body, { translationOf: catalogue.source }), catalogue.source, locale, await relocateTargets(env));
    text = moved.text;
    record = serializeRecord(recordOf(sourcePath, contentHash(source), sourceBlocks(source)));
    notes = moved.notes.map((n) => ({ severity: 'warning', code: 'new/link-kept', file, line: n.line, column: 1, message: n.message }));
    note = `created ${file}: a draft translation of ${sourceFile}, and its block record ${env.displayPath(recordPath(locale, slug))}; translate its front matter and body`;
  }

  try {
    await env.createContent(relPath, new TextEncoder().encode(text));
    if (record !== undefined) await env.replaceContent(recordPath(locale, slug), new TextEncoder().encode(record));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return exists();
    // A locale folder that is a link out of the content root, a read-only folder...
    return {
      exit: 1, out: [], diagnostics: [{ severity: 'error', code: 'new/write', file, message: `cannot create the file: ${(err as Error).message}` }],
    };
  }
  return { exit: 0, out: [note], diagnostics: notes };
}

/** CLI adapter: parses `new` arguments. */
export async function newCommand(args: string[], cwd: string): Promise<CommandResult> {
  const { values, positionals } = parseArgs({
    args,
    options: { content: { type: 'string', default: 'content' }, locale: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) return usageError('new takes exactly one slug, e.g. briefpress new paris-ai-summit-2025 --locale rw');
  const opened = contentEnv(cwd, values.content);
  if ('usage' in opened) return opened.usage;
  return runNew({ env: opened.env, slug: positionals[0]!, locale: values.locale });
}
