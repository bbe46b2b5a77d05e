/**
 * Right to left in all three formats (issue #12), on a real Arabic text
 * (tests/fixtures/rtl-arabic: UDHR articles 1-3, a Latin name, Arabic-Indic and Western
 * digits, a list, a table, a link, lam-alef): the PDF read back by pdftotext (word
 * boxes at the right margin, logical order, intact words, digits in order), the HTML
 * through the Nu checker and a Chromium screenshot, the EPUB through epubcheck.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { nodeEnv } from '../../src/env.js';
import { loadTheme } from '../../src/theme/theme.js';
import { pageGeometry } from '../../src/writers/pdf/page-geometry.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { lacking, run, vnuErrors } from '../helpers/tools.js';
import { EPUBCHECK_JAR, openBook } from './epub-support.js';

const CONTENT = path.join(FIXTURES, 'rtl-arabic', 'content');
const OUT = mkdtempSync(path.join(tmpdir(), 'bp-rtl-'));
const CHROMIUM = '/usr/bin/chromium';

interface Word { page: number; xMin: number; xMax: number; yMin: number; text: string }

/** Words with their boxes, in the order pdftotext reads them. */
function pdfWords(file: string): Word[] {
  const r = run('pdftotext', ['-enc', 'UTF-8', '-bbox', file, '-']);
  expect(r.status).toBe(0);
  const words: Word[] = [];
  let page = 0;
  for (const line of r.stdout.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/.exec(line);
    if (m) words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), text: m[4]! });
  }
  return words;
}

let warnings: string[] = [];
beforeAll(async () => {
  const result = await build({ env: nodeEnv({ contentRoot: CONTENT, outputRoot: OUT }) });
  expect(result.ok).toBe(true);
  warnings = result.diagnostics.map((d) => `${d.code} ${d.message}`);
});

describe.skipIf(lacking('the Arabic PDF read back by poppler', 'poppler-utils'))('the PDF of an Arabic briefing', () => {
  const file = () => path.join(OUT, 'ar', 'udhr.pdf');

  it('starts every line of the body at the right margin, and reads the words in logical order', () => {
    const g = pageGeometry(loadTheme());
    // -bbox lists words left to right as drawn, each spelt in visual order.
    const words = pdfWords(file()).filter((w) => w.page === 2);
    const lines: Word[][] = [];
    for (const w of [...words].sort((a, b) => a.yMin - b.yMin)) {
      const line = lines.at(-1);
      if (line && Math.abs(line[0]!.yMin - w.yMin) < 4) line.push(w);
      else lines.push([w]);
    }
    // Lines of prose (table rows sit inside their cell padding; list items carry a bullet).
    const arabicLines = lines.filter((l) => l.length > 3 && l.every((w) => (/\p{Script=Arabic}/u.test(w.text) || /^\p{P}+$/u.test(w.text)) && !/[\p{Script=Latin}\p{Nd}•]/u.test(w.text)));
    expect(arabicLines.length).toBeGreaterThanOrEqual(5);
    // Compared as words: punctuation drawn in the body face is a word of its own for
    // pdftotext, and a mark over a lam-alef ligature is listed after it (عقلًا).
    const bare = (t: string) => t.replace(/\p{M}/gu, '').replace(/[\p{P}\u060C]/gu, ' ').replace(/\s+/g, ' ').trim();
    // The words of the page: the briefing and the Arabic UI strings (the appendix's introduction).
    const source = bare([readFileSync(path.join(CONTENT, 'ar', 'udhr.md'), 'utf8'), readFileSync(path.join(FIXTURES, '..', '..', 'templates', 'locales', 'ar.yaml'), 'utf8')].join('\n'));
    const logical = (w: Word) => [...w.text].reverse().join('');
    for (const line of arabicLines) {
      // Reading order: right to left. The first word sits at the right margin...
      const order = [...line].sort((a, b) => b.xMax - a.xMax);
      expect(order[0]!.xMax, order.map(logical).join(' ')).toBeGreaterThan(g.right - 1.5);
      expect(Math.min(...line.map((w) => w.xMin))).toBeGreaterThan(g.left - 0.5);
      // ...and the words, read from there, are the source's words in the source's order.
      expect(source).toContain(bare(order.map(logical).join(' ')));
    }
    const text = run('pdftotext', ['-enc', 'UTF-8', file(), '-']).stdout.replace(/[\u200E\u200F\u202A-\u202E]/g, '');
    // Sentences come back word for word, lam-alef ligatures included (الإعلان، ولا).
    for (const sentence of [
      'لكل فرد الحق في الحياة والحرية وسلامة شخصه',
      'يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق',
      'الواردة في هذا الإعلان',
      'ولا سيما التمييز',
      'دون أية تفرقة بين الرجال والنساء',
    ]) expect(text).toContain(sentence);
    // Digits keep their order; the Latin name reads left to right inside the Arabic.
    expect(text).toContain('٤٠٠');
    expect(text).toContain('١٩٤٨');
    expect(text).toContain('1948');
    expect(text).toContain('René Cassin');
    expect(text).not.toContain('\uFFFD');
  });

  it('draws the Arabic in an embedded font that has it, shaped (joining forms, not isolated letters)', () => {
    const fonts = run('pdffonts', [file()]).stdout;
    expect(fonts).toMatch(/DejaVuSans\b/);
    const png = path.join(OUT, 'page');
    expect(run('pdftoppm', ['-png', '-r', '60', '-f', '2', '-l', '2', file(), png]).status).toBe(0);
    expect(existsSync(`${png}-2.png`)).toBe(true);
  });
});

describe('the HTML and EPUB of an Arabic briefing', () => {
  it.skipIf(lacking('the Arabic HTML through the Nu checker', 'default-jre-headless'))('are rtl at the root, pass the Nu checker, and the index page marks the entry rtl', () => {
    const html = readFileSync(path.join(OUT, 'ar', 'udhr.html'), 'utf8');
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    // URLs keep their own direction inside the Arabic appendix.
    expect(html).toMatch(/<a class="url" href="https:\/\/www\.un\.org[^"]*" dir="ltr">/);
    const index = readFileSync(path.join(OUT, 'index.html'), 'utf8');
    expect(index).toMatch(/<span lang="ar" dir="rtl">/);
    expect(vnuErrors([path.join(OUT, 'ar', 'udhr.html'), path.join(OUT, 'index.html')])).toEqual([]);
  });

  it.skipIf(lacking('the Arabic EPUB through epubcheck', 'epubcheck'))('has a right-to-left spine and passes epubcheck', async () => {
    const epub = path.join(OUT, 'ar', 'udhr.epub');
    const book = openBook(readFileSync(epub));
    expect(book.opf).toContain('<spine toc="ncx" page-progression-direction="rtl">');
    for (const file of book.spine) expect(book.text(`OEBPS/${file}`)).toMatch(/<html [^>]*dir="rtl"/);
    const r = run('java', ['-jar', EPUBCHECK_JAR, epub]);
    expect(r.stdout + r.stderr).toContain('0 fatals / 0 errors');
  });

  it.skipIf(lacking('the Arabic HTML in Chromium', 'chromium'))('shows right-aligned text in Chromium (screenshot of a paragraph)', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
      await page.goto(pathToFileURL(path.join(OUT, 'ar', 'udhr.html')).href);
      // The first article: a full line, then a short last line.
      const para = page.locator('main h2 + p').first();
      const shot = await para.screenshot();
      writeFileSync(path.join(OUT, 'paragraph.png'), shot);
      // Ink of the last line of the paragraph, read from the screenshot's pixels.
      const ink = await page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const { data } = g.getImageData(0, Math.floor(img.height * 0.6), img.width, Math.floor(img.height * 0.4));
        let min = Infinity;
        let max = -Infinity;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i]! + data[i + 1]! + data[i + 2]! < 300) {
            const x = (i / 4) % img.width;
            min = Math.min(min, x);
            max = Math.max(max, x);
          }
        }
        return { min, max, width: img.width };
      }, shot.toString('base64'));
      // The short last line hugs the right edge and leaves the left half empty.
      expect(ink.max).toBeGreaterThan(ink.width - 12);
      expect(ink.min).toBeGreaterThan(ink.width / 2);
    } finally {
      await browser.close();
    }
  });
});

describe('locales without a catalogue entry', () => {
  it('builds a de and a fr-CA folder: German UI borrowed with a warning naming the keys, Canadian French with French UI and no warning', async () => {
    const md = (title: string) => `---\ntitle: "${title}"\ndate: 2025-02-20\n---\n\n## Teil\n\nText "zitiert".\n`;
    const out = mkdtempSync(path.join(tmpdir(), 'bp-open-'));
    const result = await build({ env: nodeEnv({ contentRoot: writeTree({ 'de/brief.md': md('Ein Brief'), 'fr-CA/brief.md': md('Une note') }), outputRoot: out }), formats: ['html'] });
    expect(result.ok).toBe(true);
    const fallback = result.diagnostics.filter((d) => d.code === 'ui-strings/fallback');
    expect(fallback.map((d) => d.message)).toEqual([expect.stringMatching(/^locale "de" has no UI strings for \d+ keys \(contents, .*\); its editions show them in fr, then en$/)]);
    expect(fallback[0]!.file).toMatch(/templates\/locales\/de\.yaml$/);
    const de = readFileSync(path.join(out, 'de', 'brief.html'), 'utf8');
    expect(de).toMatch(/<html lang="de" dir="ltr">/);
    expect(de).toContain('„zitiert“'); // German quotes from the de typography table
    const frCA = readFileSync(path.join(out, 'fr-CA', 'brief.html'), 'utf8');
    expect(frCA).toMatch(/<html lang="fr-CA" dir="ltr">/);
    expect(frCA).toContain('Sommaire');
    expect(frCA).toContain('«\u202Fzitiert\u202F»'); // French typography for a French variant
    expect(frCA).toContain('février'); // dates through Intl in fr-CA
  });

  it('reports a bad dir or dateLocale in the catalogue with the file and line', async () => {
    const templates = mkdtempSync(path.join(tmpdir(), 'bp-templates-'));
    run('cp', ['-r', `${path.join(FIXTURES, '..', '..', 'templates')}/.`, templates]);
    const catalogue = path.join(templates, 'locales', 'catalogue.yaml');
    writeFileSync(catalogue, readFileSync(catalogue, 'utf8').replace('    region: Kenya\n', '    region: Kenya\n    dir: sideways\n').replace('dateLocale: sw-KE', 'dateLocale: "not a locale!"'));
    const saved = process.env.BRIEFPRESS_TEMPLATES;
    process.env.BRIEFPRESS_TEMPLATES = templates;
    try {
      const result = await build({ env: nodeEnv({ contentRoot: writeTree({ 'fr/a.md': '---\ntitle: T\ndate: 2025-01-01\n---\n\nTexte.\n' }), outputRoot: mkdtempSync(path.join(tmpdir(), 'bp-cat-')) }), formats: ['html'] });
      expect(result.ok).toBe(false);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      const lines = readFileSync(catalogue, 'utf8').split('\n');
      expect(errors.map((d) => [d.code, d.line])).toEqual([
        ['catalogue/bad-dir', lines.findIndex((l) => l.includes('sideways')) + 1],
        ['catalogue/bad-dateLocale', lines.findIndex((l) => l.includes('not a locale')) + 1],
      ]);
      expect(errors[0]!.file).toMatch(/locales\/catalogue\.yaml$/);
      expect(errors[0]!.message).toContain('must be ltr or rtl, got "sideways"');
    } finally {
      if (saved === undefined) delete process.env.BRIEFPRESS_TEMPLATES;
      else process.env.BRIEFPRESS_TEMPLATES = saved;
    }
  });
});

function writeTree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'bp-content-'));
  for (const [rel, text] of Object.entries(files)) {
    run('mkdir', ['-p', path.dirname(path.join(root, rel))]);
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}
