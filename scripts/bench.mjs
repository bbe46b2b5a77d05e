#!/usr/bin/env node
/**
 * `make bench`: Briefpress against its peer in the same run, the way the project is
 * measured (shared/peer-bench): pandoc for HTML and EPUB, pandoc + WeasyPrint for PDF,
 * one process per document and format, on the same content.
 *
 *   1. the sample (content/: 4 locales × 3 formats): cold (output and cache removed
 *      before every run, hyperfine --prepare) against the peer building the same files;
 *      then Briefpress alone: no-op rebuild, one locale changed;
 *   2. a generated corpus of --docs briefings (default 100) × 3 formats: cold, against
 *      the peer given `xargs -P <cores>`; peak RSS (GNU time);
 *   3. --big: peak RSS and time at 1,000 briefings (linear?) and one 2 MiB briefing;
 *   4. cold start: `--version` and `check` on the sample.
 *
 * Needs: dist/ (make compile), hyperfine, pandoc, weasyprint, GNU time (/usr/bin/time).
 * Usage: node scripts/bench.mjs [--docs 100] [--runs 5] [--big]
 * Machines here are shared: run twice and compare the ratios, never quote one absolute time.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'briefpress.js');
const { values } = parseArgs({ options: { docs: { type: 'string', default: '100' }, runs: { type: 'string', default: '5' }, big: { type: 'boolean', default: false } } });
const DOCS = Math.max(1, Number(values.docs));
const RUNS = Math.max(2, Number(values.runs));
const CORES = availableParallelism();

if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
  console.error('dist/ is missing: run `make compile` (or `make bench`) first.');
  process.exit(2);
}
const has = (cmd, arg = '--version') => spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;
const HYPERFINE = has('hyperfine');
const PEER = has('pandoc') && has('weasyprint');
const GNU_TIME = existsSync('/usr/bin/time');
if (!HYPERFINE) {
  console.error('needs hyperfine (apt-get install hyperfine pandoc weasyprint time)');
  process.exit(2);
}

const work = mkdtempSync(path.join(tmpdir(), 'bp-bench-'));
const q = (s) => `'${String(s).replaceAll("'", "'\\''")}'`;

/** hyperfine on named shell commands; returns mean seconds per name. */
function hyperfine(commands, { runs = RUNS, prepare, warmup = 0 } = {}) {
  const json = path.join(work, `hf-${Date.now()}.json`);
  const args = ['-r', String(runs), '-w', String(warmup), '--export-json', json, '--style', 'none'];
  if (prepare) args.push('--prepare', prepare);
  for (const [name, cmd] of Object.entries(commands)) args.push('-n', name, cmd);
  const r = spawnSync('hyperfine', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`hyperfine failed:\n${r.stderr}`);
  const out = {};
  for (const res of JSON.parse(readFileSync(json, 'utf8')).results) out[res.command] = { mean: res.mean, sd: res.stddev ?? 0 };
  return out;
}

/** Wall seconds and peak RSS (MiB) of one command. */
function measured(cmd, args) {
  const t = process.hrtime.bigint();
  const r = GNU_TIME
    ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr.slice(-2000)}`);
  const rss = GNU_TIME ? Number(r.stderr.trim().split('\n').pop()) / 1024 : undefined;
  return { seconds, rss };
}

const bp = (content, out, cache, extra = '') => `node ${q(BIN)} build --content ${q(content)} --out ${q(out)} --cache ${q(cache)} --quiet ${extra}`;
const clean = (out, cache) => `rm -rf ${q(out)} ${q(path.join(path.dirname(out), `.${path.basename(out)}.site`))} ${q(cache)}`;

/** The peer's build of every .md under `content`: the three formats, one process each (pandoc-build.sh). */
function peerScript(content, out, jobs) {
  const script = path.join(work, `peer-${path.basename(content)}-${jobs}.sh`);
  writeFileSync(
    script,
    `#!/usr/bin/env bash
set -e
one() {
  src=$1; out=$2; slug=$(basename "$src" .md); locale=$(basename "$(dirname "$src")"); dest="$out/$locale/$slug"; mkdir -p "$out/$locale"
  pandoc "$src" -f markdown -t html5 -s --toc -o "$dest.html"
  pandoc "$src" -f markdown -t epub3 --toc -o "$dest.epub"
  pandoc "$src" -f markdown -t html5 -s --toc --pdf-engine=weasyprint -o "$dest.pdf" 2>/dev/null
}
export -f one
find ${q(content)} -name '*.md' -type f -print0 | sort -z | xargs -0 -n1 -P ${jobs} bash -c 'one "$1" ${q(out)}' _
`,
  );
  return `bash ${q(script)}`;
}

/** A corpus of n briefings (~6 KB each: sections, a table, lists, a quote, code, a footnote). */
function writeCorpus(dir, n, seedText) {
  const paragraphs = seedText.split(/\n\n+/).filter((p) => p.length > 200 && !p.startsWith('#') && !p.startsWith('-') && !p.startsWith('---'));
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  mkdirSync(path.join(dir, 'fr'), { recursive: true });
  for (let i = 1; i <= n; i++) {
    const out = ['---', `title: "Note ${i} : gouvernance de l’IA"`, `date: 2025-02-${String(1 + (i % 28)).padStart(2, '0')}`, '---', '', pick(paragraphs), ''];
    for (let s = 1; s <= 4; s++) {
      out.push(`## Partie ${s}`, '', `${pick(paragraphs)}${s === 1 ? '[^n1]' : ''}`, '');
      if (s === 2) out.push('| Engagement | Montant | Porteur |', '|:--|--:|:--|', ...Array.from({ length: 5 }, (_, r) => `| Initiative ${r} | ${r * 40} M$ | ${pick(paragraphs).slice(0, 50)} |`), '');
      if (s === 3) out.push('- premier point avec **gras** et `code`', `- deuxième point, [un lien](https://example.org/note/${i})`, '  1. sous-point', '', `> ${pick(paragraphs).slice(0, 300)}`, '');
      if (s === 4) out.push('```', 'const engagement = financer(partenaires, { montant: 400_000_000 });', '```', '');
    }
    out.push('[^n1]: Une note de bas de page.', '');
    writeFileSync(path.join(dir, 'fr', `note-${String(i).padStart(4, '0')}.md`), out.join('\n'));
  }
}

/** One briefing of about `bytes`: prose, lists, tables and footnotes. */
function writeBig(dir, bytes, seedText) {
  const paragraphs = seedText.split(/\n\n+/).filter((p) => p.length > 200 && !p.startsWith('#') && !p.startsWith('-') && !p.startsWith('---'));
  const out = ['---', 'title: "Un très long rapport"', 'date: 2025-02-20', '---', ''];
  let size = 0;
  for (let s = 1; size < bytes; s++) {
    const part = [`## Section ${s}`, '', ...paragraphs.slice(0, 4).map((p, i) => `${p}${i === 0 ? `[^f${s}]` : ''}`), '', '- un point', '- un autre point avec `code`', '  - un sous-point', '', '| A | B | C |', '|---|--:|---|', ...Array.from({ length: 8 }, (_, r) => `| ligne ${r} | ${r * s} | ${paragraphs[r % paragraphs.length].slice(0, 40)} |`), '', `[^f${s}]: Note ${s}.`, ''];
    const text = part.join('\n');
    size += Buffer.byteLength(text);
    out.push(text);
  }
  mkdirSync(path.join(dir, 'fr'), { recursive: true });
  writeFileSync(path.join(dir, 'fr', 'big.md'), out.join('\n'));
}

const s2 = (x) => `${x.toFixed(2)} s`;
const ratio = (ours, theirs) => (theirs >= ours ? `${(theirs / ours).toFixed(1)}× faster` : `${(ours / theirs).toFixed(1)}× slower`);
const row = (...cells) => console.log(cells.map((c, i) => (i === 0 ? String(c).padEnd(44) : String(c).padStart(22))).join(''));
const seedText = readFileSync(path.join(ROOT, 'content', 'fr', 'paris-ai-summit-2025.md'), 'utf8');

console.log(`Briefpress benchmark — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${CORES} cores${PEER ? '' : ' (pandoc/weasyprint missing: no peer)'}`);

// --- 1. The sample -------------------------------------------------------------------
const sample = path.join(work, 'sample');
cpSync(path.join(ROOT, 'content'), path.join(sample, 'content'), { recursive: true });
const sc = path.join(sample, 'content');
const so = path.join(sample, 'out');
const sk = path.join(sample, 'cache');
const cold = hyperfine(
  { briefpress: bp(sc, so, sk), ...(PEER ? { peer: peerScript(sc, path.join(sample, 'peer'), 1) } : {}) },
  { prepare: `${clean(so, sk)}; rm -rf ${q(path.join(sample, 'peer'))}` },
);
spawnSync('bash', ['-c', bp(sc, so, sk)]);
const noop = hyperfine({ noop: bp(sc, so, sk) }, { runs: RUNS * 2 });
const rw = path.join(sc, 'rw', 'paris-ai-summit-2025.md');
const oneLocale = hyperfine({ rw: bp(sc, so, sk) }, { prepare: `printf '\\nIgihe.\\n' >> ${q(rw)}` });

console.log('\n1. Sample: content/ — 4 locales × HTML, PDF, EPUB (mean of runs)');
row('', 'Briefpress', 'pandoc + WeasyPrint', 'ratio');
row('cold (no output, no cache)', s2(cold.briefpress.mean), PEER ? s2(cold.peer.mean) : 'n/a', PEER ? ratio(cold.briefpress.mean, cold.peer.mean) : '');
row('no-op rebuild', s2(noop.noop.mean), '', `${((100 * noop.noop.mean) / cold.briefpress.mean).toFixed(1)} % of cold`);
row('one locale (rw) edited', s2(oneLocale.rw.mean), '', `${((100 * oneLocale.rw.mean) / cold.briefpress.mean).toFixed(1)} % of cold`);

// --- 2. A corpus -------------------------------------------------------------------------
const corpus = path.join(work, 'corpus');
writeCorpus(path.join(corpus, 'content'), DOCS, seedText);
const cc = path.join(corpus, 'content');
const co = path.join(corpus, 'out');
const ck = path.join(corpus, 'cache');
const corpusRuns = 2;
const corpusTimes = hyperfine(
  { briefpress: bp(cc, co, ck), ...(PEER ? { peer: peerScript(cc, path.join(corpus, 'peer'), CORES) } : {}) },
  { runs: corpusRuns, prepare: `${clean(co, ck)}; rm -rf ${q(path.join(corpus, 'peer'))}` },
);
spawnSync('bash', ['-c', clean(co, ck)]);
const rss100 = measured(process.execPath, [BIN, 'build', '--content', cc, '--out', co, '--cache', ck, '--quiet']);
console.log(`\n2. Corpus: ${DOCS} briefings × 3 formats, cold (peer: xargs -P ${CORES})`);
row('', 'Briefpress', 'pandoc + WeasyPrint', 'ratio');
row(`${DOCS} briefings`, s2(corpusTimes.briefpress.mean), PEER ? s2(corpusTimes.peer.mean) : 'n/a', PEER ? ratio(corpusTimes.briefpress.mean, corpusTimes.peer.mean) : '');
row('  peak RSS', rss100.rss ? `${rss100.rss.toFixed(0)} MiB` : 'n/a', '', '');

// --- 3. Scale and size ------------------------------------------------------------------------
if (values.big) {
  const big = path.join(work, 'big');
  writeCorpus(path.join(big, 'content'), 1000, seedText);
  const r1000 = measured(process.execPath, [BIN, 'build', '--content', path.join(big, 'content'), '--out', path.join(big, 'out'), '--cache', path.join(big, 'cache'), '--quiet']);
  const huge = path.join(work, 'huge');
  writeBig(path.join(huge, 'content'), 2 * 1024 * 1024, seedText);
  const r2m = measured(process.execPath, [BIN, 'build', '--content', path.join(huge, 'content'), '--out', path.join(huge, 'out'), '--no-cache', '--quiet']);
  console.log('\n3. Scale');
  row('', 'time', 'peak RSS', 'per briefing');
  row(`${DOCS} briefings × 3 formats`, s2(rss100.seconds), rss100.rss ? `${rss100.rss.toFixed(0)} MiB` : 'n/a', `${((1000 * rss100.seconds) / DOCS).toFixed(0)} ms`);
  row('1,000 briefings × 3 formats', s2(r1000.seconds), r1000.rss ? `${r1000.rss.toFixed(0)} MiB` : 'n/a', `${r1000.seconds.toFixed(0)} ms`);
  row('one 2 MiB briefing × 3 formats', s2(r2m.seconds), r2m.rss ? `${r2m.rss.toFixed(0)} MiB` : 'n/a', '');
}

// --- 4. Cold start ------------------------------------------------------------------------------
const start = hyperfine({ version: `node ${q(BIN)} --version`, check: `node ${q(BIN)} check --content ${q(sc)}` }, { runs: RUNS * 2, warmup: 1 });
console.log('\n4. Cold start');
row('briefpress --version', s2(start.version.mean), '', '');
row('briefpress check (sample)', s2(start.check.mean), '', '');
console.log('\nMeans of hyperfine runs; cold runs remove the output folder and the build cache first.');

appendFileSync(path.join(work, 'done'), '');
rmSync(work, { recursive: true, force: true });
