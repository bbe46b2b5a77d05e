/**
 * WCAG 2.2 AA on the HTML edition (issue #14): axe-core run in headless Chromium on every
 * Paris page and every-construct finds no violation; the same engine finds the
 * unlabelled checkbox and the colour-only link it was built to catch.
 */
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { nodeEnv } from '../../src/env.js';
import { CONTENT, FIXTURES } from '../helpers/fixtures.js';
import { lacking } from '../helpers/tools.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const OUT = mkdtempSync(path.join(tmpdir(), 'bp-html-a11y-'));
let browser: Browser;

/** axe's violations on a page: rule id and the selectors of the failing nodes. */
async function axe(html: { url?: string; content?: string }): Promise<Array<{ id: string; nodes: string[] }>> {
  const page = await browser.newPage();
  if (html.url) await page.goto(html.url);
  else await page.setContent(html.content!);
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async (tags) => {
    const r = await (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: tags },
    });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, TAGS);
  await page.close();
  return result;
}

describe.skipIf(lacking('axe-core in Chromium', 'chromium'))('axe-core on the HTML edition', () => {
  const pages: string[] = [];
  beforeAll(async () => {
    expect((await build({ env: nodeEnv({ contentRoot: CONTENT, outputRoot: path.join(OUT, 'paris') }), formats: ['html'] })).ok).toBe(true);
    expect((await build({ env: nodeEnv({ contentRoot: path.join(FIXTURES, 'every-construct'), outputRoot: path.join(OUT, 'ec') }), formats: ['html'] })).ok).toBe(true);
    for (const l of ['fr', 'en', 'rw', 'sw']) pages.push(path.join(OUT, 'paris', l, 'paris-ai-summit-2025.html'));
    pages.push(path.join(OUT, 'ec', 'en', 'every-construct.html'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(OUT, { recursive: true, force: true });
  });

  it('finds 0 WCAG 2.2 A/AA violations on every Paris page and every-construct', async () => {
    for (const file of pages) expect(await axe({ url: pathToFileURL(file).href }), path.basename(path.dirname(file))).toEqual([]);
  });

  it('catches an unlabelled checkbox and a link told apart by colour alone (what the pages no longer have)', async () => {
    const content = `<!DOCTYPE html><html lang="en"><head><title>t</title><style>body{color:#1d1d1f} a{color:#0b4f8a;text-decoration:none}</style></head>
      <body><main><ul><li><input type="checkbox" disabled> open task</li></ul><p>Some text with a <a href="#x">link</a> inside it.</p><p id="x">x</p></main></body></html>`;
    const ids = (await axe({ content })).map((v) => v.id).sort();
    expect(ids).toEqual(['label', 'link-in-text-block']);
  });
});
