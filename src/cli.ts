/**
 * Command line: arguments, progress lines, exit codes; nothing else.
 * briefpress merge DIR... --out SITE
  Combines the output folders of build --shard 1/N ... N/N into SITE (manifest, files,
  index.html); refuses overlapping or inconsistent shards (exit 1).

briefpress verify SITE
  Exit 0 when every file manifest.json lists has its sha256 and nothing else is there;
  exit 1 with one line per problem.

Exit codes: 0 success, 1 content errors, 2 usage errors, 3 internal errors.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultRenderThreads } from './render/threads.js';
import type { CommandResult } from './commands/command.js';
import { isKnownLanguageTag, loadCatalogue } from './content/locales.js';
import { parseShard } from './content/shard.js';
import { briefpressVersion } from './install/paths.js';
import { gitCommitOf } from './site/provenance.js';
import { formatDiagnostic, type Diagnostic } from './diagnostics.js';
import { nodeEnv, parseSourceDateEpoch } from './env.js';
import { WRITERS } from './writers/index.js';

export const EXIT = { ok: 0, content: 1, usage: 2, internal: 3 } as const;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
}

const HELP = `Usage: briefpress <command> [options]

Commands:
  build     Build every briefing into HTML, PDF and EPUB editions
  status    Translation status of every briefing in every locale
  check     Check content, UI strings, internal links and translations without building
  new       Scaffold content/<locale>/<slug>.md (a draft translation outside the source locale)
  diff      Source paragraphs changed since a translation: briefpress diff <slug> --locale CODE [--accept]
  export    XLIFF 2.0 for translation tools, on standard output: briefpress export --locale CODE [--slug S]
  import    Write an XLIFF 2.0 file's translations back: briefpress import FILE
  merge     Combine the sites of sharded builds into one site
  verify    Check a site folder against its manifest.json
  serve     Live preview: build, serve the output folder, rebuild and reload on every save
  help      Show this help

Options for build:
  --content DIR     content folder (default: content)
  --out DIR         output folder (default: output)
  --locale LIST     comma-separated locales to build (default: all); other
                    artifacts already in the output folder are kept
  --format LIST     comma-separated formats: ${WRITERS.map((w) => w.format).join(', ')} (default: all)
  --jobs N          render threads (default: one fewer than the cores, at least 1)
  --cache DIR       build cache (default: .briefpress/cache beside the content folder)
  --no-cache        render everything, keep no cache
  --quiet           no progress lines
  --strict          every warning is an error (for CI)
  --shard K/N       build only the K-th of N shards (every locale of a briefing in one shard)
  --exclude-drafts  leave status: draft editions out of the site
  --theme NAME      theme (templates/themes/NAME.yaml) of every briefing whose front
                    matter names none (default: default)

  -h, --help        show this help
  -v, --version     print the version

briefpress status [--json] [--content DIR]
  Table of briefing × locale: source, ok, draft, missing, stale (the source changed
  since the translation's source_hash) or invalid; --json prints it for CI.
  Exit 1 only when an edition does not load.

briefpress check [--strict] [--content DIR]
  The build's rules without rendering: exit 1 on errors (invalid front matter, unknown
  locales, missing UI strings, broken #fragments, links to briefings that do not exist);
  warnings (stale translations, lost content, links published as text) are errors with
  --strict.

briefpress new <slug> [--locale CODE] [--content DIR]
  Creates content/<locale>/<slug>.md dated today (default locale: the source). Outside the
  source locale it copies the source and records translation_of, source_hash and
  status: draft. Never overwrites (exit 1); a bad slug or locale exits 2.

briefpress serve [--port N] [--host ADDR] [--content DIR] [--out DIR] [--cache DIR] [--jobs N]
  Builds, serves the output folder at http://127.0.0.1:4173/ (--port 0: any free port),
  watches the content folder and templates/, rebuilds what a save touches and reloads the
  open page; a content error shows in the page until it is fixed. Ctrl-C stops.

Exit codes: 0 success, 1 content errors, 2 usage errors, 3 internal error.`;

export class UsageError extends Error {}

/** SOURCE_DATE_EPOCH, checked up front: an invalid value is a usage error, not a crash. */
function sourceDateEpochArg(): string | undefined {
  const value = process.env.SOURCE_DATE_EPOCH;
  try {
    parseSourceDateEpoch(value);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return value;
}

function list(value: string | undefined, allowed: string[], what: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((i) => !allowed.includes(i));
  if (bad.length || items.length === 0) {
    throw new UsageError(`unknown ${what} ${bad.join(', ') || '(empty)'}; choose from ${allowed.join(', ')}`);
  }
  return items;
}

function printDiagnostics(diags: Diagnostic[], io: CliIo): void {
  for (const d of diags) io.err(formatDiagnostic(d));
}

/** Prints what an operator command returned (status, check, new) and gives its exit code. */
function finish(result: CommandResult, io: CliIo): number {
  if (result.usage !== undefined) throw new UsageError(result.usage);
  for (const line of result.out) io.out(line);
  printDiagnostics(result.diagnostics, io);
  return result.exit;
}

async function runBuild(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      content: { type: 'string', default: 'content' },
      out: { type: 'string', default: 'output' },
      locale: { type: 'string' },
      format: { type: 'string' },
      jobs: { type: 'string' },
      cache: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      shard: { type: 'string' },
      'exclude-drafts': { type: 'boolean', default: false },
      theme: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const catalogue = loadCatalogue();
  // Any BCP 47 tag of a known language is a locale (content folders need no catalogue entry).
  const locales = list(values.locale, [...catalogue.locales.keys(), ...(values.locale ?? '').split(',').map((s) => s.trim()).filter(isKnownLanguageTag)], 'locale');
  const formats = list(values.format, WRITERS.map((w) => w.format), 'format');
  const contentRoot = path.resolve(io.cwd, values.content);
  const outputRoot = path.resolve(io.cwd, values.out);
  const jobs = values.jobs === undefined ? defaultRenderThreads() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number ≥ 1, got ${values.jobs}`);
  const cacheDir = values['no-cache'] ? undefined : path.resolve(io.cwd, values.cache ?? path.join(path.dirname(contentRoot), '.briefpress', 'cache'));
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (typeof shard === 'string') throw new UsageError(shard);
  const started = performance.now();
  if (!statSync(contentRoot, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`content folder not found: ${values.content}`);
  const env = nodeEnv({ contentRoot, outputRoot, cacheDir, sourceDateEpoch: sourceDateEpochArg() });
  const width = (n: number) => String(n).length;
  const { build } = await import('./build.js');
  const result = await build({
    env,
    locales,
    formats,
    jobs,
    strict: values.strict,
    shard,
    excludeDrafts: values['exclude-drafts'],
    theme: values.theme,
    sourceCommit: gitCommitOf(contentRoot),
    workers: { contentRoot, sourceDateEpoch: process.env.SOURCE_DATE_EPOCH },
    onArtifact: values.quiet
      ? undefined
      : (a, i, total, ms, how) =>
          io.out(`[${String(i).padStart(width(total))}/${total}] ${a.path} (${(a.bytes / 1024).toFixed(1)} KiB, ${how === 'rendered' ? `${Math.round(ms)} ms` : how})`),
  });
  printDiagnostics(result.diagnostics, io);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const out = path.relative(io.cwd, outputRoot) || '.';
  if (!result.ok) {
    const n = result.diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`build failed: ${n} error${n === 1 ? '' : 's'}; ${out} was left as it was`);
    return EXIT.content;
  }
  for (const r of result.removed) io.out(`removed ${r.paths.length} file${r.paths.length === 1 ? '' : 's'} of ${r.edition} (its source is gone)`);
  const docs = new Set(result.artifacts.map((a) => `${a.locale}/${a.slug}`)).size;
  const { rendered, cached, unchanged } = result.counts;
  const how = `${rendered} rendered, ${cached} from cache, ${unchanged} unchanged`;
  io.out(
    result.upToDate
      ? `${out} is up to date: ${result.artifacts.length} files from ${docs} briefing edition${docs === 1 ? '' : 's'} (${seconds} s)`
      : `built ${result.artifacts.length} files from ${docs} briefing edition${docs === 1 ? '' : 's'} into ${out} in ${seconds} s (${how})`,
  );
  return EXIT.ok;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.out(HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === '--version' || command === '-v') {
      io.out(briefpressVersion());
      return EXIT.ok;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(HELP);
      return EXIT.ok;
    }
    switch (command) {
      case 'build':
        return await runBuild(rest, io);
      // Commands load on use: `--version`, `--help` and each command pay only for their own modules.
      case 'status':
        return finish(await (await import('./commands/status.js')).statusCommand(rest, io.cwd), io);
      case 'check':
        return finish(await (await import('./commands/check.js')).checkCommand(rest, io.cwd), io);
      case 'new':
        return finish(await (await import('./commands/new.js')).newCommand(rest, io.cwd), io);
      case 'diff': return finish(await (await import('./commands/diff.js')).diffCommand(rest, io.cwd), io);
      case 'export': return finish(await (await import('./commands/xliff.js')).exportCommand(rest, io.cwd), io);
      case 'import': return finish(await (await import('./commands/xliff.js')).importCommand(rest, io.cwd), io);
      case 'merge':
        return finish(await (await import('./commands/merge.js')).mergeCommand(rest, io.cwd), io);
      case 'verify':
        return finish(await (await import('./commands/verify.js')).verifyCommand(rest, io.cwd), io);
      case 'serve': return await (await import('./commands/serve.js')).serveCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`briefpress: ${(err as Error).message}\nRun "briefpress --help" for usage.`);
      return EXIT.usage;
    }
    io.err(`briefpress: internal error: ${(err as Error).stack ?? String(err)}`);
    return EXIT.internal;
  }
}
