#!/usr/bin/env node
/**
 * `make compile`, after tsc: bundles the compiled CLI and the render worker into
 * dist/bundle/ (ES modules, shared chunks, each command and writer still loaded on first
 * use). Node then reads a dozen files instead of about 900 and resolves no package paths:
 * loading the model and the three writers takes half the time, in the CLI and again in
 * every render thread. bin/briefpress.js runs the bundle; dist/<module>.js stays for tools
 * that import single modules.
 *
 * Left outside the bundle: @resvg/resvg-js (it loads a native module from its folder),
 * the WOFF2 converters (loaded on first use, see `lazy-woff`) and the `hyphen` pattern
 * sets, imported by locale at run time. subset-font is inside: it finds harfbuzz's
 * WebAssembly with require.resolve, which works from dist/bundle as from its own folder.
 *
 * One rewrite: pdfkit loads its standard-font metrics through its own package.json
 * `imports` (`#standard-fonts/…`), which only resolve from inside the pdfkit folder; in the
 * bundle they become the public `pdfkit/standard-fonts/…` exports of the same files.
 */
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'dist/cli.js', worker: 'dist/render/worker.js', 'raster-worker': 'dist/cover/raster-worker.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@resvg/resvg-js'],
  // CommonJS packages inside an ES module bundle still call require().
  banner: { js: "import { createRequire as __bpRequire } from 'node:module'; const require = __bpRequire(import.meta.url);" },
  chunkNames: '[name]-[hash]', // flat: paths.ts and pool.ts find files relative to their chunk
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  plugins: [
    {
      // Code the build never runs, replaced by stubs that say so if it ever did: the EPUB
      // library's network fetches (OfflineEpub supplies every font, image and cover: a
      // build never fetches) and its JSZip (zip-container.ts writes the book), and
      // fontkit's Brotli decoder for WOFF2 (fonts reach fontkit as TrueType; harfbuzz
      // converts the fallback faces). About 1 MB less to load in every render thread.
      name: 'unused-stubs',
      setup(b) {
        const stubs = {
          'node-fetch': "module.exports = () => { throw new Error('Briefpress never fetches from the network during a build'); };",
          'abort-controller': 'module.exports = class AbortController {};',
          // The library's constructor adds `mimetype` to its zip before OfflineEpub replaces it.
          jszip: 'module.exports = class UnusedZip { file() { return this; } folder() { return this; } };',
          'brotli/decompress.js': "module.exports = () => { throw new Error('WOFF2 fonts reach fontkit only as TrueType (converted by harfbuzz)'); };",
        };
        b.onResolve({ filter: /^(node-fetch|abort-controller|jszip|brotli\/decompress\.js)$/ }, (args) => ({ path: args.path, namespace: 'unused-stub' }));
        b.onLoad({ filter: /.*/, namespace: 'unused-stub' }, (args) => ({ contents: stubs[args.path], loader: 'js' }));
      },
    },
    {
      // subset-font's converter (fontverter) requires the WOFF2 codec (wawoff2: 1.3 MB of
      // JavaScript carrying its WebAssembly as base64) and the WOFF 1 one at load, ~45 ms
      // of every build's start. A build converts only for fallback faces (WOFF2 in, and
      // WOFF2 out for the web page), so they load on the first conversion instead.
      name: 'lazy-woff',
      setup(b) {
        const lazy = {
          wawoff2: ['compress', 'decompress'],
          'woff2sfnt-sfnt2woff': ['toSfnt', 'toWoff'],
        };
        b.onResolve({ filter: /^(wawoff2|woff2sfnt-sfnt2woff)$/ }, (args) =>
          args.namespace === 'lazy-woff' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-woff' },
        );
        b.onLoad({ filter: /.*/, namespace: 'lazy-woff' }, (args) => ({
          contents: `let m; const load = () => (m ??= require(${JSON.stringify(args.path)}));\n${lazy[args.path].map((fn) => `exports.${fn} = (...a) => load().${fn}(...a);`).join('\n')}`,
          loader: 'js',
        }));
      },
    },
    {
      name: 'pdfkit-standard-fonts',
      setup(b) {
        b.onLoad({ filter: /pdfkit[\\/]js[\\/]pdfkit\.(node\.)?mjs$/ }, (args) => {
          const source = readFileSync(args.path, 'utf8');
          const contents = source.replaceAll("('#standard-fonts/", "('pdfkit/standard-fonts/");
          if (contents === source) throw new Error(`${args.path}: no #standard-fonts import left to rewrite; check the pdfkit version`);
          return { contents, loader: 'js' };
        });
      },
    },
  ],
  logLevel: 'warning',
});

// The cache's code fingerprint (src/cache/keys.ts, compiled by tsc just before): every
// bundled module and the lock file, hashed once here instead of at every build start.
const { FINGERPRINT_FILE, fingerprintCode } = await import('../dist/cache/keys.js');
writeFileSync(path.join(outdir, FINGERPRINT_FILE), `${fingerprintCode(outdir, root)}\n`);
