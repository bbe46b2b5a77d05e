/** Runs the real validators and the compiled CLI from tests. */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './fixtures.js';

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const r = spawnSync(cmd, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The compiled CLI (`make test` compiles before running the tests). */
export function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  return run(process.execPath, [path.join(ROOT, 'bin', 'briefpress.js'), ...args], options);
}

const require = createRequire(import.meta.url);

/** The Nu HTML checker (npm vnu-jar) on some files; returns its error lines. */
export function vnuErrors(files: string[]): string[] {
  const jar = String(require('vnu-jar'));
  const r = run('java', ['-jar', jar, '--errors-only', '--format', 'gnu', ...files]);
  return (r.stderr + r.stdout).split('\n').filter((l) => l.trim() !== '');
}
