#!/usr/bin/env node
// Runs the compiled CLI, not tsx: cold start matters. `make compile` makes dist/bundle
// (scripts/bundle.mjs: one bundle, fast to load); without it, the tsc output.
import { existsSync } from 'node:fs';

const bundled = new URL('../dist/bundle/cli.js', import.meta.url);
const { main } = await import(existsSync(bundled) ? bundled.href : '../dist/cli.js');

const code = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
});
process.exitCode = code;
