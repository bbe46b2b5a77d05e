#!/usr/bin/env node
// Runs the compiled CLI (dist/), not tsx: cold start matters. `make build` compiles.
import { main } from '../dist/cli.js';

const code = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
});
process.exitCode = code;
