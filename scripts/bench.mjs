#!/usr/bin/env node
/**
 * PDF benchmark (`make bench`, after `make compile`): Briefpress against
 * `pandoc --pdf-engine=weasyprint` on the same Markdown, in the same run.
 *
 *   1. the Paris briefing (content/fr/paris-ai-summit-2025.md), one cold process each
 *      (median of --runs);
 *   2. a generated corpus of --docs briefings (default 100): one `briefpress build`
 *      against one pandoc process per file, both sequential;
 *   3. for information, the warm in-process render time of the PDF writer alone.
 *
 * Usage: node scripts/bench.mjs [--docs 100] [--runs 3]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PARIS = path.join(ROOT, 'content', 'fr', 'paris-ai-summit-2025.md');
const { values } = parseArgs({ options: { docs: { type: 'string', default: '100' }, runs: { type: 'string', default: '3' } } });
const DOCS = Math.max(1, Number(values.docs));
const RUNS = Math.max(1, Number(values.runs));

if (!existsSync(path.join(ROOT, 'dist', 'writers', 'pdf', 'index.js'))) {
  console.error('dist/ is missing: run `make compile` (or `make bench`) first.');
  process.exit(2);
}

const work = mkdtempSync(path.join(tmpdir(), 'bp-bench-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timed(cmd, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return seconds;
}

const hasPandoc = spawnSync('pandoc', ['--version']).status === 0 && spawnSync('weasyprint', ['--version']).status === 0;

// --- Inputs -----------------------------------------------------------------------

const single = path.join(work, 'single');
mkdirSync(path.join(single, 'fr'), { recursive: true });
copyFileSync(PARIS, path.join(single, 'fr', 'paris-ai-summit-2025.md'));

/** Deterministic pseudo-random numbers (mulberry32), so every run benches the same corpus. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A corpus of briefings built from the Paris text: sections, lists, tables, code, quotes, notes. */
function writeCorpus(dir, n) {
  const source = readFileSync(PARIS, 'utf8');
  const body = source.slice(source.indexOf('\n---', 4) + 4);
  const paragraphs = body.split(/\n\n+/).filter((p) => p.length > 200 && !p.startsWith('#') && !p.startsWith('-'));
  const rnd = random(42);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  for (let i = 1; i <= n; i++) {
    const locale = i % 4 === 0 ? 'en' : 'fr';
    const out = [
      '---',
      `title: "Note ${i} : gouvernance de l’IA, épisode ${i}"`,
      'subtitle: "Un document généré pour le banc d’essai"',
      `date: 2025-02-${String(1 + (i % 28)).padStart(2, '0')}`,
      'summary: "Synthèse générée à partir de la note sur le Sommet de Paris."',
      'organization: "Briefpress"',
      'keywords: [banc, essai]',
      '---',
      '',
      pick(paragraphs),
      '',
    ];
    const sections = 2 + Math.floor(rnd() * 5);
    for (let s = 1; s <= sections; s++) {
      out.push(`## Partie ${s} de la note ${i}`, '');
      for (let p = 0; p < 1 + Math.floor(rnd() * 3); p++) out.push(pick(paragraphs) + (p === 0 && s === 1 ? `[^n${s}]` : ''), '');
      if (rnd() < 0.5) out.push('- premier point avec **gras** et `code`', '- deuxième point, [un lien](https://example.org/note/' + i + '/' + s + ')', '  1. sous-point', '  2. autre sous-point', '');
      if (rnd() < 0.3) out.push('| Pays | Partenaires | Engagement |', '|:--|--:|:--|', ...Array.from({ length: 3 + Math.floor(rnd() * 12) }, (_, r) => `| Pays ${r} | ${r * 7} | ${pick(paragraphs).slice(0, 60 + r * 3)} |`), '');
      if (rnd() < 0.25) out.push('```', 'const engagement = financer(partenaires, { montant: 400_000_000, devise: "USD" });', 'console.log(engagement);', '```', '');
      if (rnd() < 0.2) out.push(`> ${pick(paragraphs)}`, '');
    }
    out.push('[^n1]: Une note de bas de page générée.', '');
    mkdirSync(path.join(dir, locale), { recursive: true });
    writeFileSync(path.join(dir, locale, `note-${String(i).padStart(3, '0')}.md`), out.join('\n'));
  }
}

const corpus = path.join(work, 'corpus');
writeCorpus(corpus, DOCS);
const corpusFiles = readdirSync(corpus).flatMap((l) => readdirSync(path.join(corpus, l)).map((f) => path.join(corpus, l, f)));

// --- Briefpress ---------------------------------------------------------------------

const cli = path.join(ROOT, 'bin', 'briefpress.js');
const bpBuild = (content, out) => timed(process.execPath, [cli, 'build', '--content', content, '--out', out, '--format', 'pdf', '--quiet']);

const bpSingle = median(Array.from({ length: RUNS }, (_, i) => bpBuild(single, path.join(work, `bp-single-${i}`))));
const bpCorpus = bpBuild(corpus, path.join(work, 'bp-corpus'));

// --- pandoc + WeasyPrint ------------------------------------------------------------------

let pdSingle;
let pdCorpus;
if (hasPandoc) {
  const pandoc = (input, output) => timed('pandoc', [input, '-o', output, '--pdf-engine=weasyprint', '--quiet']);
  pdSingle = median(Array.from({ length: RUNS }, (_, i) => pandoc(path.join(single, 'fr', 'paris-ai-summit-2025.md'), path.join(work, `pd-single-${i}.pdf`))));
  mkdirSync(path.join(work, 'pd-corpus'));
  pdCorpus = 0;
  for (const f of corpusFiles) pdCorpus += pandoc(f, path.join(work, 'pd-corpus', `${path.basename(f, '.md')}-${path.basename(path.dirname(f))}.pdf`));
}

// --- Warm, in-process (the PDF writer alone) -------------------------------------------------

const { loadDocuments, localeStrings } = await import(path.join(ROOT, 'dist', 'build.js'));
const { nodeEnv } = await import(path.join(ROOT, 'dist', 'env.js'));
const { Reporter } = await import(path.join(ROOT, 'dist', 'diagnostics.js'));
const { loadTheme } = await import(path.join(ROOT, 'dist', 'theme', 'theme.js'));
const { layoutPdf } = await import(path.join(ROOT, 'dist', 'writers', 'pdf', 'index.js'));

async function warm(contentRoot, rounds) {
  const reporter = new Reporter();
  const { catalogue, docs } = await loadDocuments(nodeEnv({ contentRoot, outputRoot: path.join(work, 'unused') }), reporter);
  const theme = loadTheme();
  const ctxOf = (doc) => ({ theme, strings: localeStrings(doc.locale), catalogue, editions: [], formats: ['pdf'], reporter });
  for (const doc of docs) await layoutPdf(doc, ctxOf(doc)); // warm-up
  let pages = 0;
  const t = performance.now();
  for (let r = 0; r < rounds; r++) for (const doc of docs) pages += (await layoutPdf(doc, ctxOf(doc))).pages.length;
  return { msPerDoc: (performance.now() - t) / (rounds * docs.length), pagesPerDoc: pages / (rounds * docs.length), docs: docs.length };
}
const warmSingle = await warm(single, 20);
const warmCorpus = await warm(corpus, 1);

// --- Report ------------------------------------------------------------------------

const s = (x) => (x === undefined ? 'n/a' : `${x.toFixed(2)} s`);
const ratio = (ours, theirs) => (theirs === undefined ? 'n/a' : theirs >= ours ? `${(theirs / ours).toFixed(1)}× faster` : `${(ours / theirs).toFixed(1)}× slower`);
const pdfPages = (dir) => {
  let pages = 0;
  for (const f of readdirSync(dir, { recursive: true }).map(String).filter((x) => x.endsWith('.pdf'))) {
    const info = spawnSync('pdfinfo', [path.join(dir, f)], { encoding: 'utf8' }).stdout;
    pages += Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  }
  return pages;
};
const row = (a, b, c, d) => console.log(`${a.padEnd(34)}${b.padStart(14)}${c.padStart(22)}${d.padStart(18)}`);

console.log(`\nPDF benchmark (${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${RUNS} run(s) for the single briefing)`);
if (!hasPandoc) console.log('pandoc or weasyprint is not installed: no comparison.');
row('', 'Briefpress', 'pandoc + WeasyPrint', 'ratio');
row('Paris briefing, cold process', s(bpSingle), s(pdSingle), ratio(bpSingle, pdSingle));
row(`Corpus of ${corpusFiles.length} briefings`, s(bpCorpus), s(pdCorpus), ratio(bpCorpus, pdCorpus));
row('  pages', String(pdfPages(path.join(work, 'bp-corpus'))), hasPandoc ? String(pdfPages(path.join(work, 'pd-corpus'))) : 'n/a', '');
console.log(`\nPDF writer alone, warm, in process: ${warmSingle.msPerDoc.toFixed(0)} ms for the Paris briefing (${warmSingle.pagesPerDoc} pages), ` +
  `${warmCorpus.msPerDoc.toFixed(0)} ms per corpus briefing (${warmCorpus.pagesPerDoc.toFixed(1)} pages on average).`);
console.log('Cold times include starting Node (or Python) and loading every module; both tools run one file after another.');

rmSync(work, { recursive: true, force: true });

