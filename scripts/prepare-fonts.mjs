#!/usr/bin/env node
/**
 * Install-time step of `make compile`: makes the site-wide WOFF2 subset of every face of
 * every theme (templates/themes/*.yaml) into dist/fonts/ (see src/theme/site-fonts.ts), split over the machine's cores.
 * Builds work without it (they make and cache the subsets on first use); with it, no
 * build pays the ~1 s per face of WOFF2 compression.
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const { PREPARED_FONTS } = await import('../dist/install/paths.js');
const { prepareSharedFonts } = await import('../dist/theme/site-fonts.js');
const { loadTheme, themeNames } = await import('../dist/theme/theme.js');

const [part, parts] = process.argv.slice(2).map(Number);
if (parts) {
  await prepareSharedFonts(themeNames().map((name) => loadTheme(name)), PREPARED_FONTS, (_file, i) => i % parts === part);
} else {
  const n = Math.max(1, Math.min(4, availableParallelism()));
  const self = fileURLToPath(import.meta.url);
  const codes = await Promise.all(
    Array.from({ length: n }, (_, k) => new Promise((resolve) => fork(self, [String(k), String(n)]).on('exit', resolve))),
  );
  if (codes.some((c) => c !== 0)) process.exit(1);
}
