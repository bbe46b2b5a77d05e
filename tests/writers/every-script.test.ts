/**
 * Fonts for every script and the language of parts (issue #12), on
 * tests/fixtures/every-script: Article 1 of the UDHR in Chinese, Japanese, Hindi, Tamil
 * and Hebrew, with emoji, in `<span lang>` runs, and resources with `lang:`. One
 * in-memory build; the files read back by pdffonts, pdftotext, qpdf, epubcheck, the Nu
 * checker and Chromium.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fromHtml } from 'hast-util-from-html';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Element, Root } from 'hast';
import { build } from '../../src/build.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { memoryEnv } from '../../src/env.js';
import { FIXTURES, readTree } from '../helpers/fixtures.js';
import { elements, pdfString, readStructure } from '../helpers/pdf-structure.js';
import { lacking, run, vnuErrors } from '../helpers/tools.js';
import { EPUBCHECK_JAR, epubcheck, openBook } from './epub-support.js';

const CONTENT = path.join(FIXTURES, 'every-script', 'content');
const OUT = mkdtempSync(path.join(tmpdir(), 'bp-scripts-'));
const file = (ext: string) => path.join(OUT, `scripts.${ext}`);
const SOURCE = readFileSync(path.join(CONTENT, 'en', 'scripts.md'), 'utf8');
/** The text of each `<span lang="…">` of the source, by language. */
const SPANS = [...SOURCE.matchAll(/<span lang="([^"]+)">([^<]+)<\/span>/g)].map((m) => ({ lang: m[1]!, text: m[2]! }));
const CHROMIUM = '/usr/bin/chromium';
const squeeze = (s: string) => s.replace(/\s+/g, '');

let diagnostics: Diagnostic[] = [];
beforeAll(async () => {
  const env = memoryEnv(readTree(CONTENT));
  const result = await build({ env });
  diagnostics = result.diagnostics;
  expect(result.ok, diagnostics.map((d) => d.message).join('\n')).toBe(true);
  for (const ext of ['pdf', 'html', 'epub']) writeFileSync(file(ext), env.outputs.get(`en/scripts.${ext}`)!);
}, 120_000);

describe('fallback fonts', () => {
  it('leaves no character without a font (no missing-glyph warning)', () => {
    expect(diagnostics.filter((d) => /glyph/.test(d.code))).toEqual([]);
  });

  it.skipIf(lacking('the script fixture read back by poppler', 'poppler-utils'))('embeds the fallback faces in the PDF (pdffonts)', () => {
    const r = run('pdffonts', [file('pdf')]);
    expect(r.status).toBe(0);
    for (const face of ['NotoSansSC-Regular', 'NotoSansDevanagari-Regular', 'NotoSansTamil-Regular', 'NotoEmoji-Regular']) expect(r.stdout).toContain(face);
    // Embedded as subsets, every one.
    for (const line of r.stdout.split('\n').filter((l) => l.includes('+Noto'))) expect(line).toMatch(/yes yes yes/);
  });

  it.skipIf(lacking('the script fixture read back by poppler', 'poppler-utils'))('gives every script back from the PDF, shaped runs included (pdftotext)', () => {
    // -raw: content order; Indic words carry ActualText (their vowel signs are drawn out of order).
    const text = run('pdftotext', ['-enc', 'UTF-8', '-raw', file('pdf'), '-']).stdout;
    expect(text).not.toContain('\uFFFD');
    const flat = squeeze(text.replace(/[\u200E\u200F\u202A-\u202E]/g, ''));
    for (const span of SPANS.filter((s) => s.lang !== 'he' && s.lang !== 'fr')) expect(flat, span.lang).toContain(squeeze(span.text));
    // Hebrew reads right to left: pdftotext gives it back word by word.
    for (const word of SPANS.find((s) => s.lang === 'he')!.text.replace(/[.]/g, '').split(' ')) expect(flat).toContain(word);
    for (const emoji of ['🌍', '🤝', '📄', '🚀']) expect(flat).toContain(emoji);
  });

  it.skipIf(lacking('the script fixture through qpdf', 'qpdf'))('passes qpdf --check', () => {
    const r = run('qpdf', ['--check', file('pdf')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('carries fallback subsets in the EPUB, with @font-face rules limited to their characters', () => {
    const book = openBook(readFileSync(file('epub')));
    const fonts = book.entries.filter((e) => e.name.startsWith('OEBPS/fonts/noto-'));
    const names = fonts.map((f) => f.name).join(' ');
    for (const re of [/noto-sans-sc-\d+\.ttf/, /noto-sans-devanagari-devanagari\.ttf/, /noto-sans-tamil-tamil\.ttf/, /noto-emoji-\d+\.ttf/]) expect(names).toMatch(re);
    // Subsets of what the book shows, far below the slices as TrueType (Devanagari: 345 kB).
    for (const f of fonts) expect(f.data.byteLength, f.name).toBeLessThan(100_000);
    const css = book.text(book.entries.find((e) => e.name.endsWith('.css'))!.name);
    expect(css).toMatch(/@font-face \{ font-family: 'Noto Sans Devanagari'; src: url\('fonts\/noto-sans-devanagari-devanagari\.ttf'\); unicode-range: U\+09/);
    expect(css).toMatch(/body \{ font-family: 'DejaVu Serif', 'Noto Sans Devanagari', 'Noto Sans Tamil', 'Noto Emoji', 'Noto Sans SC'/);
  });

  it.skipIf(lacking('the script fixture through epubcheck', 'epubcheck', 'default-jre-headless') || !EPUBCHECK_JAR)('the EPUB passes epubcheck', () => {
    expect(epubcheck([file('epub')]).get(file('epub'))).toMatchObject({ fatals: 0, errors: 0, warnings: 0 });
  });

  it.skipIf(lacking('the script fixture through the Nu checker', 'default-jre-headless'))('the HTML page passes the Nu HTML checker', () => {
    expect(vnuErrors([file('html')])).toEqual([]);
  });

  it.skipIf(lacking('the script fixture in Chromium', 'chromium'))('Chromium draws each script with its fallback face', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file('html')).href);
      await page.evaluate(() => document.fonts.ready);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = (await cdp.send('DOM.getDocument', { depth: -1 })) as { root: { nodeId: number } };
      const used = async (lang: string) => {
        const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `main span[lang="${lang}"]` })) as { nodeId: number };
        const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })) as { fonts: Array<{ familyName: string; isCustomFont: boolean }> };
        // The name Chromium reports is the file's own (a variable face names its first instance).
        return fonts.filter((f) => f.isCustomFont).map((f) => f.familyName.replace(/ Thin$/, ''));
      };
      expect(await used('zh')).toContain('Noto Sans SC');
      expect(await used('ja')).toContain('Noto Sans SC');
      expect(await used('hi')).toContain('Noto Sans Devanagari');
      expect(await used('ta')).toContain('Noto Sans Tamil');
      const shot = path.join(OUT, 'scripts.png');
      await page.screenshot({ path: shot, fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('a character no font has', () => {
  it('is a warning naming its script and line, and the PDF prints U+FFFD', async () => {
    const env = memoryEnv({ 'en/t.md': '---\ntitle: G\ndate: 2025-01-02\n---\n\nFine text.\n\nA hieroglyph 𓀀 here.\n' });
    const result = await build({ env, formats: ['pdf'] });
    const warning = result.diagnostics.find((d) => d.code === 'pdf/missing-glyph');
    expect(warning).toMatchObject({ severity: 'warning', file: 'content/en/t.md', line: 8 });
    expect(warning!.message).toMatch(/U\+13000 .*\(Egyptian hieroglyphs\)/);
  });
});

function find(tree: Root | Element, test: (el: Element) => boolean, out: Element[] = []): Element[] {
  for (const c of tree.children) {
    if (c.type !== 'element') continue;
    if (test(c)) out.push(c);
    find(c, test, out);
  }
  return out;
}

describe('language of parts', () => {
  const check = (tree: Root) => {
    const spans = find(tree, (el) => el.tagName === 'span' && typeof el.properties.lang === 'string');
    const he = spans.find((s) => s.properties.lang === 'he');
    expect(he?.properties.dir).toBe('rtl');
    const fr = spans.find((s) => s.properties.lang === 'fr');
    expect(fr?.properties.dir).toBeUndefined();
    const cites = find(tree, (el) => el.tagName === 'cite');
    expect(cites.map((c) => [c.properties.lang, c.properties.dir])).toEqual([['zh', 'ltr'], ['hi', 'ltr'], ['he', 'rtl']]);
  };

  it('marks spans and resource titles with lang (and dir when it differs) in the HTML', () => {
    check(fromHtml(readFileSync(file('html'), 'utf8')));
  });

  it('and in the EPUB', () => {
    const book = openBook(readFileSync(file('epub')));
    const chapters = book.entries.filter((e) => /chapter|appendix|resources/i.test(e.name) && e.name.endsWith('.xhtml'));
    const whole = chapters.map((c) => book.text(c.name)).join('\n');
    const tree = fromHtml(whole, { fragment: true });
    check(tree as unknown as Root);
  });

  it.skipIf(lacking('the PDF structure through qpdf', 'qpdf'))('gives the PDF structure tree a Span with its Lang for each', () => {
    const s = readStructure(file('pdf'));
    const langs = elements(s.root).filter((e) => e.type === 'Span').map((e) => pdfString(e.dict['/Lang']));
    for (const lang of ['zh', 'ja', 'hi', 'ta', 'he', 'fr']) expect(langs).toContain(lang);
    // The resource titles too: zh, hi, he each twice (the body span and the appendix entry).
    for (const lang of ['zh', 'hi', 'he']) expect(langs.filter((l) => l === lang).length).toBeGreaterThanOrEqual(2);
  });
});
