/**
 * The reader site on a real folder: download pages per language (newest first, sizes that
 * match the manifest, draft status in the reader's language), a reader's path through
 * them in headless Chromium, Nu-valid HTML, Atom feeds valid against the RFC 4287 schema,
 * the cover in the EPUB (epubcheck clean) and byte-identical covers across builds.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loadDocuments, localeStrings } from '../../src/build.js';
import { renderCover } from '../../src/cover/render-cover.js';
import { Reporter } from '../../src/diagnostics.js';
import { loadTheme } from '../../src/theme/theme.js';
import { memoryEnv, nodeEnv } from '../../src/env.js';
import type { ManifestEntry } from '../../src/site/manifest.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { run, vnuErrors } from '../helpers/tools.js';

const briefing = (title: string, date: string, extra = '') =>
  `---\ntitle: "${title}"\nsubtitle: "Sub ${title}"\ndate: ${date}\nsummary: "Summary of ${title}."\n${extra}---\n\nA paragraph about ${title}.\n`;

const SOURCES: Record<string, string> = {
  'fr/older.md': briefing('Ancienne note', '2025-01-10'),
  'fr/newer.md': briefing('Nouvelle note', '2025-03-01'),
  'en/newer.md': briefing('Newer briefing', '2025-03-01', 'translation_of: fr\nstatus: draft\n'),
};

interface Site {
  root: string;
  out: string;
  manifest: { artifacts: ManifestEntry[]; assets: Array<{ path: string }>; pages: Array<{ path: string; inputs?: string }> };
}

function makeSite(): Site {
  const root = mkdtempSync(path.join(tmpdir(), 'bp-pages-'));
  for (const [rel, text] of Object.entries(SOURCES)) {
    mkdirSync(path.dirname(path.join(root, 'content', rel)), { recursive: true });
    writeFileSync(path.join(root, 'content', rel), text);
  }
  return { root, out: path.join(root, 'output'), manifest: undefined as never };
}

const envOf = (site: Site) => nodeEnv({ contentRoot: path.join(site.root, 'content'), outputRoot: site.out, sourceDateEpoch: '', cacheDir: path.join(site.root, 'cache') });
const read = (site: Site, rel: string) => readFileSync(path.join(site.out, rel), 'utf8');

let site: Site;
let browser: Browser;

beforeAll(async () => {
  site = makeSite();
  const result = await build({ env: envOf(site) });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  site.manifest = JSON.parse(read(site, 'manifest.json'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (site && !process.env.BRIEFPRESS_KEEP_SITE) rmSync(site.root, { recursive: true, force: true });
});

describe('download pages', () => {
  it('lists the root index, each locale index and feed in the manifest, with the edition data', () => {
    const pages = site.manifest.pages.map((p) => p.path);
    expect(pages).toEqual(['en/feed.xml', 'en/index.html', 'fr/feed.xml', 'fr/index.html', 'index.html']);
    for (const p of site.manifest.pages) expect(p.inputs).toMatch(/^[0-9a-f]{64}$/);
    const en = site.manifest.artifacts.find((a) => a.path === 'en/newer.pdf')!;
    expect(en).toMatchObject({ title: 'Newer briefing', subtitle: 'Sub Newer briefing', date: '2025-03-01', status: 'draft', summary: 'Summary of Newer briefing.' });
    expect(en.cover).toMatch(/^assets\/covers\/[0-9a-f]{16}\.png$/);
    expect(site.manifest.assets.map((a) => a.path)).toContain(en.cover);
  });

  it('takes a reader from the language chooser to the files, sizes as in the manifest', async () => {
    const page = await browser.newPage();
    await page.goto(`file://${path.join(site.out, 'index.html')}`);
    await page.getByRole('link', { name: 'English', exact: true }).first().click();
    expect(page.url()).toMatch(/\/en\/index\.html$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The English draft says so, in English.
    expect(await page.locator('.edition .status').allTextContents()).toEqual(['Draft']);
    const links = await page.locator('.downloads a').evaluateAll((as) => as.map((a) => ({ href: (a as HTMLAnchorElement).href, text: a.textContent ?? '' })));
    expect(links.map((l) => l.text.split(' · ')[0])).toEqual(['HTML', 'PDF', 'EPUB']);
    for (const link of links) {
      const file = decodeURIComponent(new URL(link.href).pathname);
      expect(existsSync(file)).toBe(true);
      const entry = site.manifest.artifacts.find((a) => path.join(site.out, a.path) === file)!;
      expect(link.text).toBe(`${link.text.split(' · ')[0]} · ${Math.max(1, Math.round(entry.bytes / 1024))} KB`);
    }
    // The HTML edition links back to its locale's index.
    await page.getByRole('link', { name: 'Newer briefing' }).click();
    expect(page.url()).toMatch(/\/en\/newer\.html$/);
    await page.locator('p.site a').click();
    expect(page.url()).toMatch(/\/en\/index\.html$/);
    await page.close();
  });

  it('shows the French index in French, newest first, without a draft marker', async () => {
    const page = await browser.newPage();
    await page.goto(`file://${path.join(site.out, 'fr', 'index.html')}`);
    expect(await page.locator('.edition h2').allTextContents()).toEqual(['Nouvelle note', 'Ancienne note']);
    expect(await page.locator('.edition .status').count()).toBe(0);
    expect(await page.locator('.edition time').first().textContent()).toBe('1 mars 2025');
    expect(await page.locator('.downloads a').first().textContent()).toMatch(/^HTML · \d+ Ko$/);
    // The cover thumbnail loads (it is in the site, not only in the manifest).
    const widths = await page.locator('.edition img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(widths).toEqual([600, 600]);
    await page.close();
  });

  it('passes the Nu checker on every page, with Open Graph and hreflang alternates', () => {
    const files = ['index.html', 'fr/index.html', 'en/index.html', 'en/newer.html'].map((f) => path.join(site.out, f));
    expect(vnuErrors(files)).toEqual([]);
    for (const f of ['index.html', 'fr/index.html', 'en/newer.html']) {
      const html = read(site, f);
      expect(html).toMatch(/<meta property="og:title" content="[^"]+">/);
      expect(html).toMatch(/<meta property="og:image" content="[^"]*assets\/covers\/[0-9a-f]{16}\.png">/);
      expect(html).toMatch(/<link rel="alternate" hreflang="en" href="[^"]+">/);
      expect(html).toMatch(/<link rel="alternate" hreflang="fr" href="[^"]+">/);
    }
  });
});

describe('accessibility', () => {
  it('axe-core (WCAG 2.2 AA, target size included) finds no violation on the download pages', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
    for (const f of ['index.html', 'fr/index.html', 'en/index.html']) {
      const page = await browser.newPage();
      await page.goto(`file://${path.join(site.out, f)}`);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async (values) => {
        const axe = (window as unknown as { axe: { run(d: Document, o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values } });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }, tags);
      await page.close();
      expect(violations, f).toEqual([]);
    }
  });
});

describe('Atom feeds', () => {
  it('are valid against the RFC 4287 schema; entries link the page and enclose PDF and EPUB', () => {
    const schema = path.join(FIXTURES, 'atom', 'atom.rnc');
    for (const locale of ['fr', 'en']) {
      const feed = path.join(site.out, locale, 'feed.xml');
      const r = run('java', ['-jar', '/usr/share/java/jing.jar', '-c', schema, feed]);
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    const fr = read(site, 'fr/feed.xml');
    expect([...fr.matchAll(/<title>([^<]+)<\/title>/g)].map((m) => m[1])).toEqual(['Notes d’information — Français', 'Nouvelle note', 'Ancienne note']);
    const newer = site.manifest.artifacts.filter((a) => a.path.startsWith('fr/newer.'));
    for (const a of newer) {
      const rel = a.format === 'html' ? 'alternate' : 'enclosure';
      expect(fr).toContain(`rel="${rel}"`);
      expect(fr).toMatch(new RegExp(`length="${a.bytes}" href="${a.path.slice(3).replace('.', '\\.')}"`));
    }
  });
});

describe('covers', () => {
  it('are the EPUB cover-image (epubcheck clean) and the same bytes when rendered again', async () => {
    const epub = path.join(site.out, 'fr', 'newer.epub');
    const check = run('java', ['-jar', '/usr/share/java/epubcheck.jar', epub]);
    expect(check.stdout + check.stderr).toMatch(/0 fatals \/ 0 errors \/ 0 warnings/);
    const opf = run('unzip', ['-p', epub, 'OEBPS/content.opf']).stdout;
    expect(opf).toContain('properties="cover-image"');
    expect(opf).toContain('<meta name="cover" content="cover-image"/>');
    const inEpub = run('unzip', ['-p', epub, 'OEBPS/cover.png'], {}).stdout;
    expect(inEpub.length).toBeGreaterThan(0);
    const entry = site.manifest.artifacts.find((a) => a.path === 'fr/newer.epub')!;

    // Rendered again from the document: the same bytes as the site's file.
    const { docs } = await loadDocuments(memoryEnv({ 'fr/newer.md': SOURCES['fr/newer.md']! }), new Reporter());
    const doc = docs[0]!;
    const again = await renderCover(doc, loadTheme(), localeStrings(doc.locale));
    expect(again.path).toBe(entry.cover);
    expect(Buffer.from(again.bytes).equals(readFileSync(path.join(site.out, entry.cover!)))).toBe(true);
    expect(Buffer.from(again.bytes.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
  }, 240_000);

  it('keeps every page on a rebuild with nothing changed', async () => {
    const result = await build({ env: envOf(site) });
    expect(result.upToDate).toBe(true);
  }, 240_000);
});
