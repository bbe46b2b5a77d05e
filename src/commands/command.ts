/**
 * What the operator commands (`status`, `check`, `new`) return: lines for standard output
 * and diagnostics. The CLI prints them once and turns `exit` into the process exit code;
 * the commands themselves never print, never exit and reach files only through `Env`,
 * so tests run them in memory.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { nodeEnv, parseSourceDateEpoch, type Env } from '../env.js';

export interface CommandResult {
  /** 0 success, 1 content problems, 2 usage error. */
  exit: 0 | 1 | 2;
  /** Lines for standard output. */
  out: string[];
  /** Problems, printed on standard error with file:line:column. */
  diagnostics: Diagnostic[];
  /** When `exit` is 2: what is wrong with the command line. */
  usage?: string;
}

export function usageError(message: string): CommandResult {
  return { exit: 2, out: [], diagnostics: [], usage: message };
}

/** An Env over `--content DIR` (relative to `cwd`), or a usage error when the folder is missing. */
export function contentEnv(cwd: string, dir: string): { env: Env } | { usage: CommandResult } {
  const contentRoot = path.resolve(cwd, dir);
  if (!existsSync(contentRoot) || !statSync(contentRoot).isDirectory()) {
    return { usage: usageError(`content folder not found: ${dir}`) };
  }
  try {
    parseSourceDateEpoch(process.env.SOURCE_DATE_EPOCH);
  } catch (err) {
    return { usage: usageError((err as Error).message) };
  }
  // These commands write no output; the output root is never used.
  return { env: nodeEnv({ contentRoot, outputRoot: path.join(contentRoot, '.briefpress-unused-output') }) };
}
