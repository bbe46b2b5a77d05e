/**
 * What a reader sees: the HTML edition opened from file:// in headless Chromium, on a
 * phone-sized window and for print. Skipped only when Chromium is not installed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fontkit from 'fontkit';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { nodeEnv } from '../../src/env.js';
import { FONT_ROLES, fontBytes, loadTheme } from '../../src/theme/theme.js';
import { CONTENT, FIXTURES } from '../helpers/fixtures.js';
import { lacking } from '../helpers/tools.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(lacking('the HTML edition in a browser', 'chromium'))('HTML edition in a browser', () => {
  let browser: Browser;
  let url: string;
  let parisUrl: string;
  beforeAll(async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'bp-reader-'));
    // Every format, so the page carries its download links.
    const result = await build({ env: nodeEnv({ contentRoot: path.join(FIXTURES, 'every-construct'), outputRoot: out }) });
    expect(result.ok).toBe(true);
    url = pathToFileURL(path.join(out, 'en', 'every-construct.html')).href;
    const paris = mkdtempSync(path.join(tmpdir(), 'bp-reader-paris-'));
    expect((await build({ env: nodeEnv({ contentRoot: CONTENT, outputRoot: paris }), formats: ['html'] })).ok).toBe(true);
    parisUrl = pathToFileURL(path.join(paris, 'fr', 'paris-ai-summit-2025.html')).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => browser?.close());

  it('never scrolls sideways on a 360 px phone, even with a 300-character URL and a long word', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(url);
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll).toBeLessThanOrEqual(client);
  });

  it('shows headings in the theme accent colour and the body in the theme font and size', async () => {
    const theme = loadTheme();
    const page = await browser.newPage();
    await page.goto(url);
    const style = await page.evaluate(() => {
      const h2 = getComputedStyle(document.querySelector('main h2')!);
      const p = getComputedStyle(document.querySelector('main p')!);
      return { h2Color: h2.color, pSize: p.fontSize, pFamily: p.fontFamily };
    });
    const hex = theme.colors.accent.replace('#', '');
    const rgb = `rgb(${parseInt(hex.slice(0, 2), 16)}, ${parseInt(hex.slice(2, 4), 16)}, ${parseInt(hex.slice(4, 6), 16)})`;
    expect(style.h2Color).toBe(rgb);
    expect(parseFloat(style.pSize)).toBeCloseTo((theme.sizes.body * 96) / 72, 1);
    expect(style.pFamily).toContain(theme.fonts.body.family);
  });

  it('loads the DejaVu Serif it embeds for the body, and every face it declares is used', async () => {
    const theme = loadTheme();
    const page = await browser.newPage();
    await page.goto(url);
    const fonts = await page.evaluate(async (family) => {
      await document.fonts.ready;
      return {
        faces: [...document.fonts].map((f) => `${f.family.replace(/"/g, '')} ${f.weight} ${f.style}: ${f.status}`),
        body: document.fonts.check(`10.5pt "${family}"`),
      };
    }, theme.fonts.body.family);
    expect(fonts.faces).toContain(`${theme.fonts.body.family} normal normal: loaded`);
    // A declared face nobody uses would stay 'unloaded': the page would carry it for nothing.
    expect(fonts.faces.filter((f) => !f.endsWith(': loaded'))).toEqual([]);
    expect(fonts.body).toBe(true);
  });

  it('draws every piece of text in the embedded face the theme asks for: no system font, no synthesised bold or italic', async () => {
    const theme = loadTheme();
    // PostScript name of each theme face, by "family/bold/italic".
    const expected = new Map<string, string>();
    for (const role of FONT_ROLES) {
      const f = theme.fonts[role];
      for (const [style, bold, italic] of [['regular', false, false], ['bold', true, false], ['italic', false, true], ['boldItalic', true, true]] as const) {
        expected.set(`${f.family}/${bold}/${italic}`, (fontkit.create(Buffer.from(fontBytes(f[style]))) as fontkit.Font).postscriptName);
      }
    }
    for (const target of [url, parisUrl]) {
      const page = await browser.newPage();
      await page.goto(target);
      const found = await fontsByElement(page);
      const want = (e: (typeof found)[number]) => expected.get(`${e.family}/${e.bold}/${e.italic}`) ?? `no theme face for ${e.family}`;
      // Chromium reports the fonts of an element's whole subtree: each must be the face
      // the element or one of its text-bearing descendants asks for, and embedded.
      const wrong = found.filter((e) => {
        const allowed = new Set([e, ...found.filter((d) => d.path.startsWith(`${e.path}/`))].map(want));
        return !e.fonts.some((f) => f.postScriptName === want(e)) || e.fonts.some((f) => !f.isCustomFont || !allowed.has(f.postScriptName));
      });
      expect(wrong.map(({ path: _, ...e }) => ({ ...e, want: want(e) })), target).toEqual([]);
    }
  });

  it('has no script, and every in-page link (contents, footnotes, appendix) lands on an element', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const missing = await page.evaluate(() =>
      [...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href')!.slice(1)).filter((id) => !document.getElementById(decodeURIComponent(id))),
    );
    expect(missing).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
  });

  it('prints as an A4 briefing without the download links', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.emulateMedia({ media: 'print' });
    const downloadsVisible = await page.evaluate(() => {
      const d = document.querySelector('.downloads');
      return d ? getComputedStyle(d).display !== 'none' : false;
    });
    expect(downloadsVisible).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('.downloads').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    // A4 is 595.28 x 841.89 pt; Chromium rounds to whole CSS pixels (594.96 x 841.92).
    const box = /MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'))!;
    expect(Number(box[1])).toBeCloseTo(595.28, 0);
    expect(Number(box[2])).toBeCloseTo(841.89, 0);
  });
});

interface PlatformFont {
  familyName: string;
  postScriptName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/**
 * For each element with text of its own: the face the computed style asks for (first
 * family, bold, italic) and the fonts Chromium really drew its text with (DevTools
 * protocol, CSS.getPlatformFontsForNode).
 */
async function fontsByElement(page: Page) {
  await page.evaluate(() => document.fonts.ready);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  interface DomNode { nodeId: number; nodeType: number; nodeName: string; nodeValue: string; children?: DomNode[] }
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1 })) as { root: DomNode };
  const found: Array<{ path: string; element: string; text: string; family: string; bold: boolean; italic: boolean; fonts: PlatformFont[] }> = [];
  const walk = async (node: DomNode, at: string): Promise<void> => {
    if (['HEAD', 'SCRIPT', 'STYLE'].includes(node.nodeName)) return;
    const text = (node.children ?? []).filter((c) => c.nodeType === 3).map((c) => c.nodeValue).join('').trim();
    if (node.nodeType === 1 && text) {
      const { computedStyle } = (await cdp.send('CSS.getComputedStyleForNode', { nodeId: node.nodeId })) as { computedStyle: Array<{ name: string; value: string }> };
      const css = (name: string) => computedStyle.find((p) => p.name === name)?.value ?? '';
      const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId: node.nodeId })) as { fonts: PlatformFont[] };
      found.push({
        path: at,
        element: node.nodeName,
        text: text.slice(0, 40),
        family: css('font-family').split(',')[0]!.trim().replace(/^["']|["']$/g, ''),
        bold: Number(css('font-weight')) >= 600,
        italic: css('font-style') !== 'normal',
        fonts,
      });
    }
    for (const [i, child] of (node.children ?? []).entries()) await walk(child, `${at}/${i}`);
  };
  await walk(root, '');
  expect(found.length).toBeGreaterThan(20);
  return found;
}
