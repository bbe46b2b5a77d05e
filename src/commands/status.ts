/**
 * `briefpress status [--json] [--content DIR]`: the translation status of every briefing
 * in every locale of the catalogue, as a table for people or JSON for CI.
 * Exit 0, or 1 when some edition does not load (its errors are printed).
 */
import { parseArgs } from 'node:util';
import { loadDocuments } from '../build.js';
import { Reporter, hasErrors } from '../diagnostics.js';
import type { Env } from '../env.js';
import { countStates, describeStale, translationStatus, type EditionState, type EditionStatus, type StatusReport } from '../content/translation-status.js';
import { contentEnv, type CommandResult } from './command.js';

export interface StatusOptions {
  env: Env;
  json?: boolean;
}

export async function runStatus(options: StatusOptions): Promise<CommandResult> {
  const reporter = new Reporter();
  const { catalogue, refs, docs } = await loadDocuments(options.env, reporter);
  const report = await translationStatus(options.env, catalogue, refs, docs);
  // Warnings (an unknown key, a dropped link) are `check`'s business; errors explain `invalid`.
  const diagnostics = reporter.list.filter((d) => d.severity === 'error');
  const out = options.json ? [JSON.stringify(statusJson(report), null, 2)] : statusTable(report, options.env);
  return { exit: hasErrors(diagnostics) ? 1 : 0, out, diagnostics };
}

/** The `--json` document: stable keys, one object per edition, keyed by locale. */
export function statusJson(report: StatusReport) {
  return {
    source: report.source,
    locales: report.locales,
    briefings: report.briefings.map((b) => ({
      slug: b.slug,
      editions: Object.fromEntries(b.editions.map((e) => [e.locale, {
        state: e.state,
        path: e.path ?? null,
        ...(e.state === 'source' ? { contentHash: e.currentHash ?? null } : {}),
        ...(e.translationOf !== undefined ? {
          translationOf: e.translationOf,
          status: e.status ?? null,
          sourceHash: e.recordedHash ?? null,
          currentSourceHash: e.currentHash ?? null,
          staleReason: e.staleReason ?? null,
          // The figure for CI: source blocks changed, added or removed since the translation
          // (null: unknown, the translation has no block record and its source changed).
          blocksBehind: e.blocks ? e.blocks.behind : null,
          blocks: e.blocks ? { changed: e.blocks.changed, added: e.blocks.added, removed: e.blocks.removed } : null,
        } : {}),
      }])),
    })),
    counts: countStates(report),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A plain-text table (briefings down, locales across), the stale reasons, and a count line. */
export function statusTable(report: StatusReport, env: Env): string[] {
  if (report.briefings.length === 0) return ['no briefings found'];
  const header = ['briefing', ...report.locales];
  // A tracked stale translation says by how much: "2 behind".
  const cell = (e: EditionStatus) => (e.state === 'stale' && e.blocks ? `${e.blocks.behind} behind` : e.state);
  const rows = report.briefings.map((b) => [b.slug, ...b.editions.map(cell)]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const out = [line(header), ...rows.map(line)];
  const notes = report.briefings.flatMap((b) => b.editions.filter((e) => e.state === 'stale').map((e) =>
    `  ${env.displayPath(e.path!)}: stale: ${describeStale(e, env.displayPath)}${e.blocks ? `; see briefpress diff ${b.slug} --locale ${e.locale}` : ''}`));
  if (notes.length) out.push('', ...notes);
  const counts = countStates(report);
  const parts = (Object.keys(counts) as EditionState[]).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  out.push('', `${plural(report.briefings.length, 'briefing')} × ${plural(report.locales.length, 'locale')}: ${parts.join(', ')}`);
  return out;
}

/** CLI adapter: parses `status` arguments. */
export async function statusCommand(args: string[], cwd: string): Promise<CommandResult> {
  const { values } = parseArgs({
    args,
    options: { content: { type: 'string', default: 'content' }, json: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  const opened = contentEnv(cwd, values.content);
  if ('usage' in opened) return opened.usage;
  return runStatus({ env: opened.env, json: values.json });
}
