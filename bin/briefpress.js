#!/usr/bin/env node
// Runs the compiled CLI, not tsx: cold start matters. `make compile` makes dist/bundle
// (scripts/bundle.mjs: one bundle, fast to load); without it, the tsc output.
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// V8 lets the old generation grow to up to four times what a collection leaves alive. A
// corpus build allocates steadily and keeps little, so that headroom was most of its peak
// RSS (453 -> 359 MiB at 100 briefings, 603 -> 440 MiB at 1,000, same time measured).
// Process-wide: render workers get it too.
setFlagsFromString('--heap-growing-percent=100');

const bundled = new URL('../dist/bundle/cli.js', import.meta.url);
const { main } = await import(existsSync(bundled) ? bundled.href : '../dist/cli.js');

const code = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
});
process.exitCode = code;
