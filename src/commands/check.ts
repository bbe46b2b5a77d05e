/**
 * `briefpress check [--strict] [--content DIR]`: everything `build` would report, without
 * rendering: the loader's diagnostics and the rules of `checks/` (UI strings, fragments,
 * stale translations), with the codes and severities `build` uses. `--strict` makes every
 * warning an error.
 *
 * Exit 0 when there is no error (warnings are printed), 1 otherwise.
 */
import { parseArgs } from 'node:util';
import { loadDocuments } from '../build.js';
import { runContentRules } from '../checks/index.js';
import { Reporter, hasErrors } from '../diagnostics.js';
import type { Env } from '../env.js';
import { contentEnv, type CommandResult } from './command.js';

export { frontMatterKeyPosition } from '../checks/translations.js';
export { idsOf } from '../checks/links.js';

export interface CheckOptions {
  env: Env;
  /** Every warning is an error. */
  strict?: boolean;
  /** The templates folder (default: the one the loader uses). */
  templates?: string;
}

export async function runCheck(options: CheckOptions): Promise<CommandResult> {
  const { env } = options;
  const reporter = new Reporter({ strict: options.strict });
  const { catalogue, refs, docs } = await loadDocuments(env, reporter);
  await runContentRules({ env, catalogue, refs, docs, reporter, templates: options.templates });

  const diagnostics = reporter.list;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const locales = new Set(refs.map((r) => r.locale)).size;
  const summary = `checked ${refs.length} briefing edition${refs.length === 1 ? '' : 's'} in ${locales} locale${locales === 1 ? '' : 's'}: ` +
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  return { exit: hasErrors(diagnostics) ? 1 : 0, out: [summary], diagnostics };
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
