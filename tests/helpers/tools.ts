/** Runs the real validators and the compiled CLI from tests. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/** The Debian packages of the validators the tests call, and how to tell one is installed. */
const PACKAGES = {
  'default-jre-headless': () => onPath('java'),
  epubcheck: () => existsSync('/usr/share/java/epubcheck.jar') && onPath('java'),
  'poppler-utils': () => onPath('pdftotext') && onPath('pdfinfo') && onPath('pdffonts'),
  qpdf: () => onPath('qpdf'),
  chromium: () => existsSync('/usr/bin/chromium'),
} as const;

export type DebianPackage = keyof typeof PACKAGES;

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * True when a package a test needs is not installed: the test is then skipped, with one
 * line naming what to install. `make test` thus passes on a machine with only Node and
 * npm. Under `.ci/run` (BRIEFPRESS_REQUIRE_TOOLS=1) a missing package fails instead: CI
 * runs every test.
 */
export function lacking(what: string, ...packages: DebianPackage[]): boolean {
  const missing = packages.filter((p) => !PACKAGES[p]());
  if (missing.length === 0) return false;
  const line = `needs ${missing.join(', ')}: apt-get install ${missing.join(' ')}`;
  if (process.env.BRIEFPRESS_REQUIRE_TOOLS) throw new Error(`${what} ${line} (BRIEFPRESS_REQUIRE_TOOLS is set: no test may be skipped)`);
  console.warn(`skipped: ${what}: ${line}`);
  return true;
}
