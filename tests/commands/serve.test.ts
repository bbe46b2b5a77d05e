/**
 * `briefpress serve` as a writer uses it: the page is served with the preview script (the
 * file on disk has none); an atomic save (write aside, rename over) reloads the open page
 * with the change; a broken save shows its file:line in an overlay, the last good page
 * stays, and the overlay clears when the error is fixed.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Server } from '../../src/commands/serve.js';

const source = (title: string, date = '2025-02-20') => `---\ntitle: "${title}"\ndate: ${date}\n---\n\nBody of ${title}.\n`;

let root: string;
let server: Server;
let browser: Browser;
const logs: string[] = [];

/** An editor's atomic save: the new text goes to a temporary file renamed over the original. */
function save(rel: string, text: string) {
  const file = path.join(root, 'content', rel);
  writeFileSync(`${file}.tmp~`, text);
  renameSync(`${file}.tmp~`, file);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bp-serve-'));
  mkdirSync(path.join(root, 'content', 'fr'), { recursive: true });
  writeFileSync(path.join(root, 'content', 'fr', 'note.md'), source('Première version'));
  server = await startServer({
    contentRoot: path.join(root, 'content'),
    outputRoot: path.join(root, 'output'),
    cacheDir: path.join(root, 'cache'),
    port: 0,
    host: '127.0.0.1',
    jobs: 1,
    log: (l) => logs.push(l),
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('briefpress serve', () => {
  it('reloads the open page on a save, shows an error overlay, then clears it', async () => {
    const page = await browser.newPage();
    const url = `http://127.0.0.1:${server.port}/fr/note.html`;
    await page.goto(url);
    expect(await page.locator('h1').first().textContent()).toBe('Première version');
    // The preview script is in the response only, never in the published file.
    expect(await page.content()).toContain('/__briefpress/events');
    expect(readFileSync(path.join(root, 'output', 'fr', 'note.html'), 'utf8')).not.toContain('__briefpress');

    // A mark on the window: gone after a reload, kept by in-place changes.
    await page.evaluate(() => ((window as unknown as { mark?: number }).mark = 1));
    const saved = Date.now();
    save('fr/note.md', source('Deuxième version'));
    await page.locator('h1', { hasText: 'Deuxième version' }).waitFor({ timeout: 150_000 });
    // Within 1 s on an idle machine; the bound leaves room for a loaded test runner.
    expect(Date.now() - saved).toBeLessThan(20_000);
    expect(await page.evaluate(() => (window as unknown as { mark?: number }).mark)).toBeUndefined();

    // An invalid date: the build fails; the page keeps the last good text and shows why.
    save('fr/note.md', source('Troisième version', '2025-02-30'));
    const overlay = page.locator('#briefpress-errors');
    await overlay.waitFor({ timeout: 150_000 });
    expect(await overlay.textContent()).toMatch(/fr\/note\.md:\d+:\d+: error: /);
    expect(await page.locator('h1').first().textContent()).toBe('Deuxième version');

    save('fr/note.md', source('Quatrième version'));
    await page.locator('h1', { hasText: 'Quatrième version' }).waitFor({ timeout: 150_000 });
    await overlay.waitFor({ state: 'detached', timeout: 10_000 });
    await page.close();
  }, 480_000);

  it('serves only files of the output folder', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/..%2F..%2Fetc%2Fpasswd`);
    expect(res.status).toBe(404);
    const index = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('fr/index.html');
  });
});
