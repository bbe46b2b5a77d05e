/**
 * One theme, truly: the three formats take every element style from the theme (through
 * the one table theme/element-styles.ts), a second theme changes all three, a theme
 * typo is an error at its line, and no colour or point size hides in the code.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { nodeEnv } from '../../src/env.js';
import { loadTheme, readTheme, type Theme } from '../../src/theme/theme.js';
import { CONTENT, FIXTURES, ROOT } from '../helpers/fixtures.js';
import { pdfInfo } from '../helpers/pdf.js';
import { cli, lacking, run } from '../helpers/tools.js';
import { openBook } from '../writers/epub-support.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
const ratio = (theme: Theme, size: keyof Theme['sizes']) => theme.sizes[size] / theme.sizes.body;

/**
 * What the PDF's content streams draw inside each structure tag: the fill colour
 * (`r g b rg`) and font size (`/F n Tf`) of every text-showing operator.
 */
function pdfTextStyles(file: string): Array<{ tag: string; color: string; size: number }> {
  const qdf = path.join(mkdtempSync(path.join(tmpdir(), 'bp-qdf-')), 'q.pdf');
  const r = run('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
  expect(r.status, r.stderr).toBe(0);
  const text = readFileSync(qdf, 'latin1');
  const out: Array<{ tag: string; color: string; size: number }> = [];
  for (const m of text.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    const tags: string[] = [];
    let color = '';
    let size = 0;
    const ops = /\/(\w+)\s*<<[^>]*>>\s*BDC|\/(\w+)\s+BMC|\bEMC\b|([\d.]+) ([\d.]+) ([\d.]+) (?:rg|scn)\b|\/\w+ ([\d.]+) Tf\b|\b(?:TJ|Tj)\b/g;
    for (const op of m[1]!.matchAll(ops)) {
      if (op[1] ?? op[2]) tags.push((op[1] ?? op[2])!);
      else if (op[0] === 'EMC') tags.pop();
      else if (op[3]) color = `rgb(${[op[3], op[4], op[5]].map((v) => Math.round(Number(v) * 255)).join(', ')})`;
      else if (op[6]) size = Number(op[6]);
      else if (tags.length) out.push({ tag: tags.at(-1)!, color, size });
    }
  }
  return out;
}

describe.skipIf(lacking('the formats against the theme', 'chromium', 'qpdf'))('every element style, in all three formats, is the theme’s', () => {
  const theme = loadTheme();
  let browser: Browser;
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'bp-one-theme-'));
    const result = await build({ env: nodeEnv({ contentRoot: path.join(FIXTURES, 'every-construct'), outputRoot: out }), jobs: 1 });
    expect(result.ok).toBe(true);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 60_000);
  afterAll(async () => browser?.close());

  /** selector → [colour token or undefined, size token as a share of the body, background token]. */
  const expected: Array<[string, keyof Theme['colors'] | undefined, keyof Theme['sizes'] | undefined, keyof Theme['colors'] | undefined]> = [
    ['main p', 'text', 'body', undefined],
    ['main h2', 'accent', 'h2', undefined],
    ['main h3', 'accent', 'h3', undefined],
    ['main h6', 'muted', 'h6', undefined],
    ['blockquote p', 'muted', 'body', undefined],
    ['pre', 'text', 'code', 'codeBackground'],
    ['th', undefined, 'note', undefined],
    ['td', undefined, 'note', undefined],
    ['.title-block h1', 'accent', 'title', undefined],
    ['.title-block .subtitle', 'muted', 'subtitle', undefined],
  ];

  it('HTML: Chromium’s computed colour and size of each element are the theme’s', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(out, 'en', 'every-construct.html')).href);
    const body = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p') ?? document.body).fontSize));
    for (const [selector, color, size, background] of expected) {
      const got = await page.evaluate((s) => {
        const el = document.querySelector(s);
        if (!el) return undefined;
        const cs = getComputedStyle(el);
        return { color: cs.color, size: parseFloat(cs.fontSize), background: cs.backgroundColor };
      }, selector);
      expect(got, selector).toBeDefined();
      if (color) expect(got!.color, selector).toBe(rgb(theme.colors[color]));
      if (size) expect(got!.size / body, selector).toBeCloseTo(ratio(theme, size), 2);
      if (background) expect(got!.background, selector).toBe(rgb(theme.colors[background]));
    }
    // Tables: ruled (no vertical borders) in this theme, as in the PDF.
    const borders = await page.evaluate(() => {
      const cs = getComputedStyle(document.querySelector('td')!);
      return { left: cs.borderLeftWidth, bottom: cs.borderBottomWidth };
    });
    expect(theme.table.style).toBe('rules');
    expect(borders.left).toBe('0px');
    expect(parseFloat(borders.bottom)).toBeGreaterThan(0);
    // mark takes the theme's background and keeps the text colour; nested emphasis is upright.
    const mark = await page.evaluate(() => {
      const m = document.createElement('mark');
      m.textContent = 'x';
      const em = document.createElement('em');
      em.innerHTML = '<em>y</em>';
      document.querySelector('main p')!.append(m, em);
      return { bg: getComputedStyle(m).backgroundColor, color: getComputedStyle(m).color, nested: getComputedStyle(em.firstElementChild!).fontStyle };
    });
    expect(mark).toEqual({ bg: rgb(theme.colors.markBackground), color: rgb(theme.colors.text), nested: 'normal' });
  });

  it('EPUB: the book’s stylesheet gives each element the theme’s colour and relative size', () => {
    const book = openBook(readFileSync(path.join(out, 'en', 'every-construct.epub')));
    const cssName = book.entries.map((e) => e.name).find((n) => n.endsWith('.css') && book.text(n).includes('font-size'))!;
    const css = book.text(cssName);
    const rule = (selector: string) => new RegExp(`(^|[}\\n])\\s*${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\{([^}]*)\\}`).exec(css)?.[2] ?? '';
    const rows: Array<[string, keyof Theme['colors'] | undefined, keyof Theme['sizes'] | undefined]> = [
      ['h2', 'accent', 'h2'],
      ['h6', 'muted', 'h6'],
      ['blockquote', 'muted', undefined],
      ['pre', 'text', 'code'],
      ['table', undefined, 'note'],
      ['.title-block h1', 'accent', 'title'],
    ];
    for (const [selector, color, size] of rows) {
      const decl = rule(selector);
      expect(decl, selector).not.toBe('');
      if (color) expect(decl, selector).toContain(`color: ${theme.colors[color]}`);
      if (size) expect(Number(/font-size: ([\d.]+)rem/.exec(decl)?.[1]), selector).toBeCloseTo(ratio(theme, size), 3);
    }
    expect(rule('sup')).toContain(`font-size: ${theme.sizes.script}em`);
    expect(rule('mark')).toContain(`background: ${theme.colors.markBackground}`);
  });

  it('PDF: the content stream draws each tagged element in the theme’s colour and size', () => {
    const styles = pdfTextStyles(path.join(out, 'en', 'every-construct.pdf'));
    const of = (tag: string) => styles.filter((s) => s.tag === tag);
    const check = (tag: string, color: keyof Theme['colors'] | undefined, size: number) => {
      const got = of(tag);
      expect(got.length, tag).toBeGreaterThan(0);
      if (color) expect(got.some((s) => s.color === rgb(theme.colors[color])), `${tag} colour`).toBe(true);
      expect(got.some((s) => Math.abs(s.size - size) < 0.01), `${tag} size`).toBe(true);
    };
    check('H2', 'accent', theme.sizes.h2);
    check('H3', 'accent', theme.sizes.h3);
    check('H6', 'muted', theme.sizes.h6);
    expect(of('H6').every((s) => s.color !== rgb(theme.colors.accent))).toBe(true);
    check('P', 'text', theme.sizes.body);
    check('Code', 'text', theme.sizes.code);
    check('TH', undefined, theme.sizes.note);
    check('TD', undefined, theme.sizes.note);
    // Quoted paragraphs are P too: some P text is muted, at the body size.
    expect(of('P').some((s) => s.color === rgb(theme.colors.muted) && Math.abs(s.size - theme.sizes.body) < 0.01)).toBe(true);
  });
});

describe.skipIf(lacking('a second theme in every format', 'poppler-utils'))('the second theme (plex)', () => {
  const plex = loadTheme('plex');

  it('extends the default and overrides a few tokens', () => {
    expect(plex.page.size).toBe('Letter');
    expect(plex.colors.accent).not.toBe(loadTheme().colors.accent);
    expect(plex.spacing).toEqual(loadTheme().spacing); // inherited
  });

  it('build --theme plex: its accent, fonts and Letter pages in HTML, EPUB and PDF', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'bp-plex-'));
    const result = await build({ env: nodeEnv({ contentRoot: CONTENT, outputRoot: out }), locales: ['en'], theme: 'plex', jobs: 1 });
    expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
    const base = path.join(out, 'en', 'paris-ai-summit-2025');
    const pdf = `${base}.pdf`;
    expect(pdfInfo(pdf)['Page size']).toMatch(/^612 x 792 pts/);
    const fonts = run('pdffonts', [pdf]).stdout;
    expect(fonts).toMatch(/IBMPlexSerif-Regular/);
    expect(fonts).toMatch(/IBMPlexSans-Bold/);
    expect(fonts).not.toMatch(/DejaVu/);
    expect(pdfTextStyleColors(pdf)).toContain(rgb(plex.colors.accent));
    const html = readFileSync(`${base}.html`, 'utf8');
    expect(html).toContain(plex.colors.accent);
    expect(html).toContain("font-family: 'IBM Plex Serif'");
    expect(html).toMatch(/@page \{ size: Letter/);
    const book = openBook(readFileSync(`${base}.epub`));
    expect(book.entries.some((e) => /IBMPlexSerif_400Regular/.test(e.name))).toBe(true);
    const css = book.entries.filter((e) => e.name.endsWith('.css')).map((e) => book.text(e.name)).join('\n');
    expect(css).toContain(`color: ${plex.colors.accent}`);
    expect(css).toContain("'IBM Plex Sans'");
  }, 60_000);

  it('a typo in a theme is an error at its file:line:column, with a hint, in check and build', () => {
    const templates = mkdtempSync(path.join(tmpdir(), 'bp-templates-'));
    cpSync(path.join(ROOT, 'templates'), templates, { recursive: true });
    const file = path.join(templates, 'themes', 'default.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('  accent:'));
    lines[at] = lines[at]!.replace('accent:', 'acent:');
    const h3 = lines.findIndex((l) => l.startsWith('  h3:'));
    lines[h3] = '  h3: 13pt';
    writeFileSync(file, lines.join('\n'));
    const { diagnostics } = readTheme('default', templates);
    const typo = diagnostics.find((d) => d.code === 'theme/unknown-key')!;
    expect([typo.file?.endsWith(path.join('themes', 'default.yaml')), typo.line, typo.column]).toEqual([true, at + 1, 3]);
    expect(typo.hint).toBe('did you mean `accent`?');
    const type = diagnostics.find((d) => d.code === 'theme/type')!;
    expect([type.line, type.column]).toEqual([h3 + 1, 7]);
    // The extending theme reports its parent's mistake too, and `check` says where.
    expect(readTheme('plex', templates).theme).toBeUndefined();
    const r = cli(['check', '--content', CONTENT], { env: { ...process.env, BRIEFPRESS_TEMPLATES: templates } });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(new RegExp(`themes/default\\.yaml:${at + 1}:3: .*unknown theme key \`colors\\.acent\``));
  }, 60_000);
});

function pdfTextStyleColors(file: string): string[] {
  return [...new Set(pdfTextStyles(file).map((s) => s.color))];
}

describe('no style value outside the theme', () => {
  it('src/ holds no colour literal and no point size outside the theme mapping', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.ts')) {
          readFileSync(full, 'utf8').split('\n').forEach((line, i) => {
            // #rgb / #rrggbb in a string, rgb()/rgba()/hsl(), a number with pt.
            if (/['"`(:\s]#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b(?![-\w])|\b(?:rgba?|hsla?)\(\s*\d|\b\d+(?:\.\d+)?pt\b/.test(line)) found.push(`${path.relative(ROOT, full)}:${i + 1}: ${line.trim()}`);
          });
        }
      }
    };
    walk(path.join(ROOT, 'src'));
    expect(found).toEqual([]);
  });
});
