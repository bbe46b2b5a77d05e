/**
 * What a reader sees: the HTML edition opened from file:// in headless Chromium, on a
 * phone-sized window and for print. Skipped only when Chromium is not installed.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { nodeEnv } from '../../src/env.js';
import { loadTheme } from '../../src/theme/theme.js';
import { FIXTURES } from '../helpers/fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!existsSync(CHROMIUM))('HTML edition in a browser', () => {
  let browser: Browser;
  let url: string;
  beforeAll(async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'bp-reader-'));
    // Every format, so the page carries its download links.
    const result = await build({ env: nodeEnv({ contentRoot: path.join(FIXTURES, 'every-construct'), outputRoot: out }) });
    expect(result.ok).toBe(true);
    url = pathToFileURL(path.join(out, 'en', 'every-construct.html')).href;
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
