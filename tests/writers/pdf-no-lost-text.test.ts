/**
 * No lost text in the PDF: a 300-row table of 300-character unbreakable cells, a row
 * taller than a page, 200 nested quotes and 200 nested list levels. Every piece of text
 * is in `pdftotext`, and every word poppler finds lies inside the page box.
 */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { nodeEnv } from '../../src/env.js';
import { lacking, run } from '../helpers/tools.js';

/** Deterministic letters (a small LCG): unbreakable strings no hyphenation pattern knows. */
function letters(n: number, seed: number): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out += String.fromCharCode(97 + (x % 26));
  }
  return out;
}

const fm = (title: string) => `---\ntitle: ${title}\ndate: 2025-01-01\n---\n\n`;
const table = fm('Table') + ['| n | code | description |', '|---|---|---|',
  ...Array.from({ length: 300 }, (_, i) => `| r${i} | CELL${i}X${letters(290, i + 1)} | note${i} ${letters(8, i + 7)} |`)].join('\n') + '\n';
const tall = fm('Tall') + ['| n | big |', '|---|---|', `| tall | ${Array.from({ length: 1500 }, (_, i) => `w${i}x`).join(' ')} |`, '| after | end |'].join('\n') + '\n';
const nest = fm('Nest') + Array.from({ length: 200 }, (_, i) => `${'> '.repeat(i + 1)}level${i}x\n${'>'.repeat(i + 1)}\n`).join('') +
  '\nBetween\n\n' + Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- item${i}x\n`).join('');

interface Word { text: string; inside: boolean }

/** Words of a PDF with whether each lies inside its page box (pdftotext -bbox). */
function words(file: string): Word[] {
  const xml = run('pdftotext', ['-bbox', file, '-']).stdout;
  const out: Word[] = [];
  for (const page of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const [w, h] = [Number(page[1]), Number(page[2])];
    for (const m of page[3]!.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)) {
      const [x0, y0, x1, y1] = [1, 2, 3, 4].map((k) => Number(m[k]));
      out.push({ text: m[5]!, inside: x0! >= 0 && y0! >= 0 && x1! <= w && y1! <= h });
    }
  }
  return out;
}

let dir: string;
let messages: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bp-lost-'));
  mkdirSync(path.join(dir, 'content', 'en'), { recursive: true });
  for (const [slug, text] of Object.entries({ table, tall, nest })) writeFileSync(path.join(dir, 'content', 'en', `${slug}.md`), text);
  const result = await build({ env: nodeEnv({ contentRoot: path.join(dir, 'content'), outputRoot: path.join(dir, 'out') }), formats: ['pdf'] });
  expect(result.ok).toBe(true);
  messages = result.diagnostics.map(formatDiagnostic).join('\n');
}, 120_000);

/** The text of the PDF with line-end splits undone (a long string is broken anywhere). */
function joined(list: Word[]): string {
  return list.map((w) => w.text).join('').replace(/[-\u2010\u00ad]/g, '');
}

describe.skipIf(lacking('PDF words read back by pdftotext', 'poppler-utils'))('the PDF loses no text', () => {
  it('keeps every cell of a 300-row table of 300-character unbreakable cells, inside the page', () => {
    const list = words(path.join(dir, 'out', 'en', 'table.pdf'));
    expect(list.filter((w) => !w.inside)).toEqual([]);
    const text = joined(list);
    for (let i = 0; i < 300; i++) {
      expect(text).toContain(`CELL${i}X${letters(290, i + 1)}`);
      // Two words: wherever the column wraps them, each is there whole.
      expect(list.map((w) => w.text)).toContain(`note${i}`);
      expect(list.map((w) => w.text)).toContain(letters(8, i + 7));
    }
    // Short columns keep their width: "r12" is never split over lines.
    for (let i = 0; i < 300; i += 37) expect(list.map((w) => w.text)).toContain(`r${i}`);
  });

  it('splits a row taller than a page across pages, every word kept inside the page', () => {
    const list = words(path.join(dir, 'out', 'en', 'tall.pdf'));
    expect(list.filter((w) => !w.inside)).toEqual([]);
    const have = new Set(list.map((w) => w.text));
    for (let i = 0; i < 1500; i++) expect(have.has(`w${i}x`)).toBe(true);
    expect(have.has('after')).toBe(true);
  });

  it('flattens 200 nested quotes and list levels at a third of the text width, with one warning, keeping every level', () => {
    const list = words(path.join(dir, 'out', 'en', 'nest.pdf'));
    expect(list.filter((w) => !w.inside)).toEqual([]);
    const have = new Set(list.map((w) => w.text));
    for (let i = 0; i < 200; i++) {
      expect(have.has(`level${i}x`)).toBe(true);
      expect(have.has(`item${i}x`)).toBe(true);
    }
    expect(messages).toMatch(/content\/en\/nest\.md:\d+:\d+: warning: quotes or lists nested deeper than the page allows are not indented further in the PDF \(their text is kept\) \[pdf\/nesting-flattened\]/);
    expect(messages.match(/nesting-flattened/g)).toHaveLength(1);
  });
});
