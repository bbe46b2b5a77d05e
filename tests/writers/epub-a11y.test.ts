/**
 * EPUB Accessibility 1.1 / WCAG 2.2 AA (issue #14), checked by the field's own tools:
 * DAISY Ace (`@daisy/ace-cli`, its puppeteer runner on Debian's chromium) finds no
 * violation in any Paris edition nor in every-construct, and does find the one in a
 * book whose image has no alt text; epubcheck prints no accessibility (ACC) usage
 * message, e.g. ACC-014 for absolute font sizes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loadDocuments, localeStrings } from '../../src/build.js';
import { Reporter, formatDiagnostic } from '../../src/diagnostics.js';
import { memoryEnv } from '../../src/env.js';
import { loadTheme } from '../../src/theme/theme.js';
import { renderEpub } from '../../src/writers/epub/index.js';
import type { WriterContext } from '../../src/writers/types.js';
import { lacking } from '../helpers/tools.js';
import { CONTENT, FIXTURES, ROOT, readTree } from '../helpers/fixtures.js';
import { EPUBCHECK_JAR } from './epub-support.js';

const TMP = mkdtempSync(path.join(tmpdir(), 'bp-epub-a11y-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const ACE = path.join(ROOT, 'node_modules', '.bin', 'ace-cli');
const CHROMIUM = '/usr/bin/chromium';

function spawnAsync(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ status: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status: status ?? -1, out }));
  });
}

/** Runs `jobs` two at a time (the machine has two cores). */
async function inPairs<T>(jobs: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

interface AceViolation {
  file: string;
  rule: string;
  impact: string;
}

/** DAISY Ace on one book: its violations (rule and impact per document). */
async function ace(epub: string): Promise<AceViolation[]> {
  const out = path.join(TMP, `ace-${path.basename(epub, '.epub')}`);
  const env = { ...process.env, PUPPETEER_EXECUTABLE_PATH: CHROMIUM, PUPPETEER_SKIP_DOWNLOAD: '1' };
  const r = await spawnAsync(ACE, ['--silent', '--force', '--outdir', out, '--tempdir', path.join(out, 'tmp'), epub], env);
  if (r.status !== 0) throw new Error(`ace failed on ${epub}: ${r.out}`);
  const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as {
    assertions: Array<{ 'earl:testSubject': { url: string }; assertions: Array<{ 'earl:test': { 'dct:title': string; 'earl:impact': string } }> }>;
  };
  return report.assertions.flatMap((doc) => doc.assertions.map((a) => ({ file: doc['earl:testSubject'].url, rule: a['earl:test']['dct:title'], impact: a['earl:test']['earl:impact'] })));
}

/** epubcheck's usage messages about accessibility (ACC-*). */
async function accUsage(epub: string): Promise<string[]> {
  const r = await spawnAsync('java', ['-jar', EPUBCHECK_JAR, '--usage', epub]);
  return r.out.split('\n').filter((l) => /\bACC-\d+/.test(l));
}

async function buildEpubs(files: Record<string, Uint8Array>): Promise<string[]> {
  const env = memoryEnv(files);
  const result = await build({ env, formats: ['epub'] });
  expect(result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  return [...env.outputs].filter(([rel]) => rel.endsWith('.epub')).map(([rel, bytes]) => {
    const file = path.join(TMP, rel.replace(/\//g, '-'));
    writeFileSync(file, bytes);
    return file;
  });
}

/** A book whose image lost its alt text before the writer (the model warns and would make it decorative). */
async function bookWithoutAlt(): Promise<string> {
  const chart = readTree(path.join(FIXTURES, 'every-construct'))['en/img/chart.png']!;
  const md = '---\ntitle: "Missing alt"\ndate: 2025-03-01\n---\n\n## A chart\n\nText.\n\n<img src="img/chart.png">\n';
  const env = memoryEnv({ 'en/missing-alt.md': new TextEncoder().encode(md), 'en/img/chart.png': chart });
  const { docs, catalogue } = await loadDocuments(env, new Reporter());
  const doc = docs[0]!;
  visit(doc.tree, 'element', (n: Element) => {
    if (n.tagName === 'img') delete n.properties.alt;
  });
  const ctx: WriterContext = { theme: loadTheme(), strings: localeStrings(doc.locale), catalogue, editions: [], formats: ['epub'], reporter: new Reporter() };
  const file = path.join(TMP, 'missing-alt.epub');
  writeFileSync(file, await renderEpub(doc, ctx));
  return file;
}

let books: string[];
let missingAlt: string;
let aceResults: AceViolation[][];
let usage: string[][];

const NO_TOOLS = lacking('EPUB accessibility (Ace on chromium, epubcheck)', 'chromium', 'epubcheck');

beforeAll(async () => {
  if (NO_TOOLS) return;
  books = [...(await buildEpubs(readTree(CONTENT))), ...(await buildEpubs(readTree(path.join(FIXTURES, 'every-construct'))))];
  missingAlt = await bookWithoutAlt();
  const all = [...books, missingAlt];
  aceResults = await inPairs(all.map((b) => () => ace(b)));
  usage = await inPairs(books.map((b) => () => accUsage(b)));
}, 570_000);

describe.skipIf(NO_TOOLS)('DAISY Ace', () => {
  it('finds 0 violations in every Paris edition and in every-construct', () => {
    expect(books.map((b) => path.basename(b)).sort()).toEqual(['en-every-construct.epub', 'en-paris-ai-summit-2025.epub', 'fr-paris-ai-summit-2025.epub', 'rw-paris-ai-summit-2025.epub', 'sw-paris-ai-summit-2025.epub']);
    books.forEach((b, i) => expect(aceResults[i], path.basename(b)).toEqual([]));
  });

  it('reports the image without alt text (critical), so a passing book is no accident', () => {
    expect(aceResults.at(-1)).toEqual([{ file: 'chapter-01.xhtml', rule: 'image-alt', impact: 'critical' }]);
  });
});

describe.skipIf(NO_TOOLS)('epubcheck accessibility usage', () => {
  it('prints no ACC message (relative font sizes, labelled controls, metadata)', () => {
    books.forEach((b, i) => expect(usage[i], path.basename(b)).toEqual([]));
  });
});
