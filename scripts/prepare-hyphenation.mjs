#!/usr/bin/env node
/**
 * Install-time step of `make compile`: writes every pattern set of the npm `hyphen`
 * package as JSON into dist/hyphenation/ (see src/writers/pdf/hyphenate.ts). The package
 * ships them as JavaScript object literals, slower to load than the same data as JSON.
 * Each file is checked to give back exactly the package's data.
 */
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const { PREPARED_HYPHENATION } = await import('../dist/install/paths.js');
const require = createRequire(import.meta.url);
const folder = path.dirname(require.resolve('hyphen/patterns/fr.js'));
mkdirSync(PREPARED_HYPHENATION, { recursive: true });
let count = 0;
const broken = [];
for (const file of readdirSync(folder).filter((f) => f.endsWith('.js')).sort()) {
  let patterns;
  try {
    patterns = require(path.join(folder, file));
  } catch {
    broken.push(file); // the package cannot load it either (hyphen 1.14.1: cu.js is not valid JavaScript)
    continue;
  }
  const json = JSON.stringify(patterns);
  if (!isDeepStrictEqual(JSON.parse(json), patterns)) throw new Error(`${file}: its patterns do not survive JSON`);
  const out = path.join(PREPARED_HYPHENATION, file.replace(/\.js$/, '.json'));
  writeFileSync(`${out}.tmp`, json);
  renameSync(`${out}.tmp`, out);
  count++;
}
console.log(`hyphenation: ${count} pattern sets as JSON in ${path.relative(process.cwd(), PREPARED_HYPHENATION)}${broken.length ? ` (left out, unloadable in the package too: ${broken.join(', ')})` : ''}`);
