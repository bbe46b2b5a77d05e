/**
 * End to end through the compiled CLI, on the real content and on small trees:
 * what a user running `briefpress` sees, and what lands in the output folder.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT, ROOT } from '../helpers/fixtures.js';
import { customerTextAsPublished, htmlText, missingWords } from '../helpers/text.js';
import { cli, lacking, vnuErrors } from '../helpers/tools.js';

const tmp = (name: string) => mkdtempSync(path.join(tmpdir(), `briefpress-${name}-`));

describe('briefpress CLI', () => {
  it('prints help and version, and exits 2 on usage errors', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: briefpress <command>');
    const version = cli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(cli(['frobnicate']).status).toBe(2);
    const badFormat = cli(['build', '--format', 'docx']);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('unknown format docx');
    expect(cli(['build', '--bogus']).status).toBe(2);
    expect(cli(['build', '--content', '/nonexistent/dir']).status).toBe(2);
  });

  it('exits 1 with file:line:column on stderr for bad content, and keeps the previous good output', () => {
    const content = tmp('content');
    const out = tmp('out');
    cpSync(path.join(CONTENT, 'fr'), path.join(content, 'fr'), { recursive: true });
    expect(cli(['build', '--content', content, '--out', out, '--format', 'html']).status).toBe(0);
    const before = readFileSync(path.join(out, 'fr', 'paris-ai-summit-2025.html'));

    const file = path.join(content, 'fr', 'paris-ai-summit-2025.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('date: 2025-02-20', 'date: 2025-13-40'));
    const r = cli(['build', '--content', content, '--out', out, '--format', 'html']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/fr\/paris-ai-summit-2025\.md:4:7: error: `date` must be an ISO date/);
    expect(r.stderr).toMatch(/build failed: 1 error; .* was left as it was/);
    expect(readFileSync(path.join(out, 'fr', 'paris-ai-summit-2025.html')).equals(before)).toBe(true);
    expect(readdirSync(path.join(out, 'fr')).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('the Paris briefing, built from the real content', () => {
  let out: string;
  let progress: string;
  beforeAll(() => {
    out = tmp('paris');
    const r = cli(['build', '--out', out, '--format', 'html']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    progress = r.stdout;
  });

  const html = () => readFileSync(path.join(out, 'fr', 'paris-ai-summit-2025.html'), 'utf8');

  it('prints a progress line per artifact and a summary', () => {
    expect(progress).toMatch(/\[\s*1\/\d+\] fr\/paris-ai-summit-2025\.html \(/);
    expect(progress).toMatch(/^built \d+ files from \d+ briefing editions? into .* in \d+\.\d+ s \(\d+ rendered, \d+ from cache, \d+ unchanged\)$/m);
  });

  it('holds every word of the customer text (its links as a reader gets them: clean)', () => {
    expect(missingWords(customerTextAsPublished(), htmlText(html()))).toEqual([]);
  });

  it('links the two resources by their clean URLs, never with the tracking code or trailing punctuation', () => {
    const page = html();
    expect(page).not.toContain('MG0AV3');
    expect(page).toContain('href="https://www.jdsupra.com/legalnews/ai-action-paris-summit-2025-key-4010493/"');
    expect(page).toContain('href="https://aimagazine.com/ai-strategy/global-ai-leaders-key-take-aways-from-the-ai-summit"');
    expect(page).not.toMatch(/href="[^"]*[,.]"/);
  });

  it('declares its language, metadata, contents and alternates', () => {
    const page = html();
    expect(page).toMatch(/<html lang="fr" dir="ltr">/);
    expect(page).toMatch(/<title>Le Sommet de l’IA à Paris/);
    expect(page).toMatch(/<meta name="description" content="[^"]+">/);
    expect(page).toContain('<nav class="toc"');
    for (const code of readdirSync(CONTENT).filter((l) => l !== 'fr')) {
      expect(page).toContain(`<link rel="alternate" hreflang="${code}" href="../${code}/paris-ai-summit-2025.html">`);
    }
  });

  it.skipIf(lacking('the Nu HTML checker', 'default-jre-headless'))('passes the Nu HTML checker, with the index page', () => {
    const files = [path.join(out, 'index.html'), ...readdirSync(out).filter((d) => !d.includes('.')).map((d) => path.join(out, d, 'paris-ai-summit-2025.html'))];
    expect(vnuErrors(files)).toEqual([]);
  });

  it('writes a manifest whose sizes and hashes match the files, and an index linking each file', async () => {
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { artifacts: Array<{ path: string; bytes: number; sha256: string; locale: string; format: string }> };
    const { createHash } = await import('node:crypto');
    expect(manifest.artifacts.length).toBeGreaterThan(0);
    const index = readFileSync(path.join(out, 'index.html'), 'utf8');
    for (const a of manifest.artifacts) {
      const bytes = readFileSync(path.join(out, a.path));
      expect(bytes.length).toBe(a.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(a.sha256);
      expect(index).toContain(`href="${a.path}"`);
    }
  });

  it('rebuilds byte-identically', () => {
    const again = tmp('paris-again');
    expect(cli(['build', '--out', again, '--format', 'html', '--quiet']).status).toBe(0);
    for (const f of ['manifest.json', 'index.html', 'fr/paris-ai-summit-2025.html']) {
      expect(readFileSync(path.join(again, f)).equals(readFileSync(path.join(out, f))), f).toBe(true);
    }
    expect(existsSync(path.join(again, 'fr'))).toBe(true);
  });
});
