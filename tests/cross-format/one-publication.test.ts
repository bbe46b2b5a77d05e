/**
 * The promise of issue 5: the HTML, PDF and EPUB editions of one briefing are the same
 * publication. Checked from the built files with the real tools: the same resource
 * appendix (numbering, entries, clean URLs) and the same theme in all three.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { build } from '../../src/build.js';
import { memoryEnv, nodeEnv } from '../../src/env.js';
import { loadTheme, type Theme } from '../../src/theme/theme.js';
import { CONTENT, FIXTURES, ROOT, readTree } from '../helpers/fixtures.js';
import { pdfLinkUris, pdfObjects, pdfText } from '../helpers/pdf.js';
import { htmlText, normaliseText } from '../helpers/text.js';
import { lacking, run } from '../helpers/tools.js';
import { openBook, type Book } from '../writers/epub-support.js';

const NO_PDF_TOOLS = lacking('cross-format checks of the PDF', 'qpdf', 'poppler-utils');

const PARIS_URLS = [
  'https://www.jdsupra.com/legalnews/ai-action-paris-summit-2025-key-4010493/',
  'https://aimagazine.com/ai-strategy/global-ai-leaders-key-take-aways-from-the-ai-summit',
];
const LOCALES = ['fr', 'en', 'rw', 'sw'];
const squash = (s: string) => s.replace(/[\s\u00AD]+/g, '');

/** Appendix entries of the HTML page: [n, url] in document order. */
function htmlAppendix(html: string): Array<[number, string]> {
  const section = html.slice(html.indexOf('<section class="appendix"'));
  return [...section.matchAll(/<li id="resource-(\d+)"[^]*?<a class="url" href="([^"]+)"/g)].map((m) => [Number(m[1]), m[2]!]);
}

/** Appendix entries of the EPUB: the chapter holding `resource-1`, [n, url] in order. */
function epubAppendix(book: Book): Array<[number, string]> {
  const chapter = book.entries
    .filter((e) => e.name.endsWith('.xhtml'))
    .map((e) => new TextDecoder().decode(e.data))
    .find((x) => x.includes('id="resource-1"'));
  expect(chapter, 'an EPUB chapter holds the appendix').toBeDefined();
  return [...chapter!.matchAll(/id="resource-(\d+)"[^]*?href="(https?:[^"]+)"/g)].map((m) => [Number(m[1]), m[2]!.replaceAll('&amp;', '&')]);
}

describe.skipIf(NO_PDF_TOOLS)('the resource appendix is the same in every format', () => {
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'bp-one-'));
    const result = await build({ env: nodeEnv({ contentRoot: CONTENT, outputRoot: out }) });
    expect(result.ok).toBe(true);
  });

  for (const locale of LOCALES) {
    it(`${locale}: two clean resources, same numbers and order in HTML, EPUB and PDF`, () => {
      const base = path.join(out, locale, 'paris-ai-summit-2025');
      const html = readFileSync(`${base}.html`, 'utf8');
      const expected = PARIS_URLS.map((u, i) => [i + 1, u] as [number, string]);
      expect(htmlAppendix(html)).toEqual(expected);
      expect(epubAppendix(openBook(new Uint8Array(readFileSync(`${base}.epub`))))).toEqual(expected);

      // Print readers cannot click: the PDF prints each full URL, in the same order...
      const text = squash(pdfText(`${base}.pdf`));
      const positions = PARIS_URLS.map((u) => text.lastIndexOf(u));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect(positions[0]!).toBeLessThan(positions[1]!);
      expect(text).not.toContain('MG0AV3');
      // ...and every link annotation goes to a clean URL.
      const uris = pdfLinkUris(`${base}.pdf`);
      for (const u of PARIS_URLS) expect(uris).toContain(u);
      expect(uris.filter((u) => /MG0AV3|[,.]$/.test(u))).toEqual([]);
    });

    it(`${locale}: the summary leads the title page in HTML, EPUB and PDF, right after the title block`, () => {
      const base = path.join(out, locale, 'paris-ai-summit-2025');
      const summary = (parseYaml(readFileSync(path.join(CONTENT, locale, 'paris-ai-summit-2025.md'), 'utf8').split('---')[1]!) as { summary: string }).summary;
      // Typography turns the source's straight apostrophes into ’ in every format.
      const lead = (x: string) => squash(x.replace(/<[^>]+>/g, '').replaceAll('&#x27;', '’'));
      const summaryText = squash(summary.replaceAll("'", '’'));
      const html = readFileSync(`${base}.html`, 'utf8');
      const afterHeader = html.slice(html.indexOf('</header>') + '</header>'.length);
      expect(afterHeader.startsWith('<p class="lead">')).toBe(true);
      expect(lead(afterHeader.slice(0, afterHeader.indexOf('</p>')))).toBe(summaryText);
      const titlePage = new TextDecoder().decode(openBook(new Uint8Array(readFileSync(`${base}.epub`))).entries.find((e) => e.name.endsWith('title-page.xhtml'))!.data);
      expect(titlePage).toMatch(/<\/header>\s*<p class="lead">/);
      expect(lead(titlePage)).toContain(summaryText);
      // -raw: content order (a hyphenated word's ActualText is placed by poppler's layout mode elsewhere).
      const page1 = squash(run('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', '1', '-l', '1', `${base}.pdf`, '-']).stdout);
      expect(page1).toContain(summaryText);
    });
  }
});

/** Each figure of the briefing, as every edition writes it (digits never change). */
const FIGURES: Record<string, RegExp[]> = {
  fr: [/10 et 11 février 2025/, /400 millions de dollars/, /91 partenaires/, /61 pays et organisations/, /200 milliards d’euros/],
  en: [/10 and 11 February 2025/, /\$400 million/, /91 partners/, /61 countries and organisations/, /€200 billion/],
  rw: [/10 n’uwa 11 Gashyantare 2025/, /miliyoni 400/, /abafatanyabikorwa 91/, /imiryango 61/, /miliyari 200/],
  sw: [/10 na 11 Februari 2025/, /dola milioni 400/, /washirika 91/, /mashirika 61/, /euro bilioni 200/],
};

describe.skipIf(NO_PDF_TOOLS)('every edition holds every figure, in its own language', () => {
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'bp-figures-'));
    expect((await build({ env: nodeEnv({ contentRoot: CONTENT, outputRoot: out }) })).ok).toBe(true);
  });

  for (const locale of LOCALES) {
    it(`${locale}: HTML, EPUB and PDF text carry the figures; lang in the HTML, the EPUB package and the PDF catalog`, () => {
      const base = path.join(out, locale, 'paris-ai-summit-2025');
      const html = readFileSync(`${base}.html`, 'utf8');
      const book = openBook(new Uint8Array(readFileSync(`${base}.epub`)));
      // pdftotext ends lines where the PDF broke them: join them (a soft hyphen at a break is dropped).
      const pdf = pdfText(`${base}.pdf`).replace(/-\n(?=\p{Ll})/gu, '').replace(/\s+/g, ' ');
      const texts = { html: htmlText(html), epub: book.readableText(), pdf };
      for (const [format, text] of Object.entries(texts)) {
        const flat = normaliseText(text).replace(/\s+/g, ' ');
        for (const figure of FIGURES[locale]!) expect(flat, `${locale} ${format}`).toMatch(figure);
      }
      expect(html).toContain(`<html lang="${locale}"`);
      expect(book.opf).toContain(`<dc:language>${locale}</dc:language>`);
      const catalog = [...pdfObjects(`${base}.pdf`).values()].find((o) => o['/Type'] === '/Catalog');
      expect(String(catalog?.['/Lang'])).toMatch(new RegExp(`^u:${locale}$`));
    });
  }
});

function rgbFraction(hex: string): number[] {
  const h = hex.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255);
}

/** The PDF's page content, decompressed by qpdf, as text. */
function pdfContent(bytes: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-qdf-'));
  writeFileSync(path.join(dir, 'in.pdf'), bytes);
  const r = run('qpdf', ['--qdf', '--object-streams=disable', path.join(dir, 'in.pdf'), path.join(dir, 'out.pdf')]);
  expect(r.status).toBe(0);
  return readFileSync(path.join(dir, 'out.pdf'), 'latin1');
}

/** Fill colours set in the PDF (as fractions), and the font sizes used. */
function pdfStyle(content: string): { colours: number[][]; sizes: Set<number> } {
  const colours = [...content.matchAll(/^([\d.]+) ([\d.]+) ([\d.]+) (?:rg|scn)$/gm)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
  const sizes = new Set([...content.matchAll(/^\/F\d+ ([\d.]+) Tf$/gm)].map((m) => Number(m[1])));
  return { colours, sizes };
}

const hasColour = (colours: number[][], hex: string) => colours.some((c) => c.every((v, i) => Math.abs(v - rgbFraction(hex)[i]!) < 0.002));

/** Builds the every-construct fixture in memory with the theme in `templates`. */
async function buildFixture() {
  const env = memoryEnv(readTree(path.join(FIXTURES, 'every-construct')));
  const result = await build({ env });
  expect(result.ok).toBe(true);
  const get = (ext: string) => env.outputs.get(`en/every-construct.${ext}`)!;
  const book = openBook(get('epub'));
  const css = book.entries.filter((e) => e.name.endsWith('.css')).map((e) => new TextDecoder().decode(e.data)).join('\n');
  return { html: new TextDecoder().decode(get('html')), epubCss: css, pdf: pdfStyle(pdfContent(get('pdf'))), pdfBytes: get('pdf') };
}

function cssRule(css: string, selectorStart: string): string {
  const at = css.indexOf(`${selectorStart}`);
  expect(at, `a CSS rule for ${selectorStart}`).toBeGreaterThanOrEqual(0);
  return css.slice(at, css.indexOf('}', at));
}

function expectEditionsFollow(theme: Theme, built: Awaited<ReturnType<typeof buildFixture>>) {
  for (const css of [built.html, built.epubCss]) {
    // One rule per element style (theme/element-styles.ts).
    const headings = cssRule(css, 'h2 {');
    expect(headings).toContain(`color: ${theme.colors.accent}`);
    expect(headings).toContain(`'${theme.fonts.heading.family}'`);
    const body = cssRule(css, 'body {');
    // Relative sizes (readers scale the text): the root is the body size over the 12pt default.
    expect(body).toContain('font-size: 1rem');
    expect(cssRule(css, 'html {')).toContain(`font-size: ${Number(((theme.sizes.body / 12) * 100).toFixed(4))}%`);
    expect(body).toContain(`'${theme.fonts.body.family}'`);
    expect(cssRule(css, 'h2 {')).toBeTruthy();
  }
  expect(hasColour(built.pdf.colours, theme.colors.accent), `PDF uses accent ${theme.colors.accent}`).toBe(true);
  for (const size of [theme.sizes.body, theme.sizes.h2, theme.sizes.title]) expect(built.pdf.sizes.has(size), `PDF uses size ${size}`).toBe(true);
}

describe.skipIf(NO_PDF_TOOLS)('one theme drives all three editions', () => {
  const saved = process.env.BRIEFPRESS_TEMPLATES;
  afterAll(() => {
    if (saved === undefined) delete process.env.BRIEFPRESS_TEMPLATES;
    else process.env.BRIEFPRESS_TEMPLATES = saved;
  });

  it('heading colour, fonts and sizes agree across HTML, EPUB and PDF', async () => {
    const built = await buildFixture();
    expectEditionsFollow(loadTheme(), built);
    const dir = mkdtempSync(path.join(tmpdir(), 'bp-fonts-'));
    writeFileSync(path.join(dir, 'f.pdf'), built.pdfBytes);
    const fonts = run('pdffonts', [path.join(dir, 'f.pdf')]).stdout;
    const theme = loadTheme();
    for (const role of ['body', 'heading', 'mono'] as const) {
      expect(fonts).toContain(`+${theme.fonts[role].regular.replace('.ttf', '')}`);
    }
  });

  it('changing one token (accent colour, body size) changes every edition', async () => {
    const templates = mkdtempSync(path.join(tmpdir(), 'bp-theme-'));
    cpSync(path.join(ROOT, 'templates'), templates, { recursive: true });
    const themeFile = path.join(templates, 'themes', 'default.yaml');
    const theme = parseYaml(readFileSync(themeFile, 'utf8')) as Theme;
    const before = loadTheme();
    theme.colors.accent = '#8a1c0b';
    theme.sizes.body = 12;
    writeFileSync(themeFile, stringifyYaml(theme));
    process.env.BRIEFPRESS_TEMPLATES = templates;
    const built = await buildFixture();
    expectEditionsFollow(loadTheme(), built);
    expect(hasColour(built.pdf.colours, before.colors.accent)).toBe(false);
    expect(built.html).not.toContain(before.colors.accent);
    expect(built.epubCss).not.toContain(before.colors.accent);
  });
});
