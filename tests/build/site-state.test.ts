/**
 * The output folder as a site a CI can trust: the manifest lists exactly the files
 * there (after full, partial, failed, concurrent and killed builds), deleted sources are
 * pruned, every page's images and local links resolve, and only what changed is
 * re-rendered. Through the compiled CLI, on real folders, as a user runs it.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/cache/store.js';
import { CONTENT, FIXTURES, ROOT } from '../helpers/fixtures.js';
import { cli } from '../helpers/tools.js';

const BIN = path.join(ROOT, 'bin', 'briefpress.js');

interface Manifest {
  artifacts: Array<{ path: string; sha256: string; bytes: number; locale: string; slug: string; format: string; assets: string[] }>;
  assets: Array<{ path: string; sha256: string; bytes: number }>;
  pages: Array<{ path: string; sha256: string; bytes: number }>;
}

function workspace(name: string): { root: string; content: string; out: string; cache: string } {
  const root = mkdtempSync(path.join(tmpdir(), `bp-site-${name}-`));
  return { root, content: path.join(root, 'content'), out: path.join(root, 'output'), cache: path.join(root, 'cache') };
}

function filesUnder(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(full).isDirectory() ? filesUnder(full, rel) : [rel];
  });
}

function manifestOf(out: string): Manifest | undefined {
  const file = path.join(out, 'manifest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : undefined;
}

/** The manifest is the truth: every listed file exists with its sha256, nothing else is there. */
function expectSiteConsistent(out: string): Manifest | undefined {
  const manifest = manifestOf(out);
  const onDisk = filesUnder(out).sort();
  if (!manifest) {
    expect(onDisk, 'files without a manifest').toEqual([]);
    return undefined;
  }
  const listed = [...manifest.artifacts, ...manifest.assets, ...manifest.pages];
  for (const f of listed) {
    const bytes = readFileSync(path.join(out, f.path));
    expect(sha256(bytes), f.path).toBe(f.sha256);
    expect(bytes.byteLength, f.path).toBe(f.bytes);
  }
  expect(onDisk).toEqual(['manifest.json', ...listed.map((f) => f.path)].sort());
  return manifest;
}

function build(ws: { content: string; out: string; cache: string }, ...args: string[]) {
  return cli(['build', '--content', ws.content, '--out', ws.out, '--cache', ws.cache, ...args]);
}

const two = (text: string) => `---\ntitle: "${text}"\ndate: 2025-02-20\n---\n\n${text} body with a [link](https://example.org/${text.length}).\n`;

describe('the output folder is one consistent site', () => {
  it('keeps every other artifact listed after a partial build, and links downloads of every format present', () => {
    const ws = workspace('partial');
    cpSync(CONTENT, ws.content, { recursive: true });
    expect(build(ws, '--format', 'html,epub').status).toBe(0);
    const full = expectSiteConsistent(ws.out)!;
    expect(full.artifacts).toHaveLength(8);

    const r = build(ws, '--locale', 'fr', '--format', 'pdf');
    expect(r.status, r.stderr).toBe(0);
    const after = expectSiteConsistent(ws.out)!;
    expect(after.artifacts.map((a) => a.path).sort()).toEqual([...full.artifacts.map((a) => a.path), 'fr/paris-ai-summit-2025.pdf'].sort());
    const index = readFileSync(path.join(ws.out, 'index.html'), 'utf8');
    for (const a of after.artifacts) expect(index, a.path).toContain(`href="${a.path}"`);

    // A partial html build of fr keeps linking the PDF and EPUB that exist.
    expect(build(ws, '--locale', 'fr', '--format', 'html').status).toBe(0);
    const page = readFileSync(path.join(ws.out, 'fr', 'paris-ai-summit-2025.html'), 'utf8');
    expect(page).toContain('href="paris-ai-summit-2025.pdf"');
    expect(page).toContain('href="paris-ai-summit-2025.epub"');
    expectSiteConsistent(ws.out);
  });

  it('removes the files of a deleted source, and says so', () => {
    const ws = workspace('prune');
    mkdirSync(path.join(ws.content, 'fr'), { recursive: true });
    mkdirSync(path.join(ws.content, 'en'), { recursive: true });
    writeFileSync(path.join(ws.content, 'fr', 'alpha.md'), two('Alpha'));
    writeFileSync(path.join(ws.content, 'en', 'alpha.md'), two('Alpha en'));
    expect(build(ws, '--format', 'html,epub').status).toBe(0);
    rmSync(path.join(ws.content, 'en', 'alpha.md'));
    const r = build(ws, '--format', 'html,epub');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('removed 2 files of en/alpha (its source is gone)');
    const manifest = expectSiteConsistent(ws.out)!;
    expect(manifest.artifacts.map((a) => a.path).sort()).toEqual(['fr/alpha.epub', 'fr/alpha.html']);
    expect(existsSync(path.join(ws.out, 'en'))).toBe(false);
    // The French page no longer offers the English edition.
    expect(readFileSync(path.join(ws.out, 'fr', 'alpha.html'), 'utf8')).not.toContain('../en/alpha.html');
  });

  it('writes every image and font a page uses: each <img src>, url() and local href resolves to a listed file', () => {
    const ws = workspace('assets');
    cpSync(path.join(FIXTURES, 'every-construct'), ws.content, { recursive: true });
    cpSync(path.join(CONTENT, 'fr'), path.join(ws.content, 'fr'), { recursive: true });
    const r = build(ws, '--format', 'html');
    expect(r.status, r.stderr).toBe(0);
    const manifest = expectSiteConsistent(ws.out)!;
    const listed = new Set([...manifest.artifacts, ...manifest.assets, ...manifest.pages].map((f) => f.path));
    let images = 0;
    for (const page of manifest.artifacts.filter((a) => a.format === 'html')) {
      const html = readFileSync(path.join(ws.out, page.path), 'utf8');
      const refs = [
        ...[...html.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]!),
        ...[...html.matchAll(/url\('([^']+)'\)/g)].map((m) => m[1]!),
        ...[...html.matchAll(/<a [^>]*href="([^"#][^"]*)"/g)].map((m) => m[1]!).filter((h) => !/^[a-z][a-z0-9+.-]*:/i.test(h)),
      ];
      images += refs.filter((x) => /\.(png|jpe?g)$/.test(x)).length;
      for (const ref of refs) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(page.path), decodeURI(ref.split('#')[0]!)));
        expect(listed.has(target), `${page.path} → ${ref}`).toBe(true);
      }
    }
    expect(images).toBeGreaterThan(0);
  });

  it('leaves the previous site untouched when the content has an error or the folder cannot be written', () => {
    const ws = workspace('fail');
    mkdirSync(path.join(ws.content, 'fr'), { recursive: true });
    writeFileSync(path.join(ws.content, 'fr', 'alpha.md'), two('Alpha'));
    expect(build(ws, '--format', 'html').status).toBe(0);
    const before = readFileSync(path.join(ws.out, 'manifest.json'));
    writeFileSync(path.join(ws.content, 'fr', 'beta.md'), '---\ntitle: Beta\ndate: 2025-13-45\n---\nx\n');
    const r = build(ws, '--format', 'html');
    expect(r.status).toBe(1);
    expect(readFileSync(path.join(ws.out, 'manifest.json')).equals(before)).toBe(true);
    expectSiteConsistent(ws.out);

    const bad = cli(['build', '--content', ws.content, '--out', '/proc/briefpress-out', '--no-cache']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^error: cannot write the output folder .*proc\/briefpress-out: ENOENT/m);
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('stops a second build into the same folder at once, and the first one completes', async () => {
    const ws = workspace('lock');
    // Eight copies of the French briefing: the first build must still be writing when the
    // second starts, however fast one edition renders.
    mkdirSync(path.join(ws.content, 'fr'), { recursive: true });
    const source = readFileSync(path.join(CONTENT, 'fr', 'paris-ai-summit-2025.md'));
    for (let i = 1; i <= 8; i++) writeFileSync(path.join(ws.content, 'fr', `copy-${i}.md`), source);
    const first = spawn(process.execPath, [BIN, 'build', '--content', ws.content, '--out', ws.out, '--no-cache', '--jobs', '1'], { stdio: 'pipe' });
    const firstDone = new Promise<number>((resolve) => first.on('exit', (code) => resolve(code ?? -1)));
    const lock = path.join(ws.root, '.output.site', 'lock');
    for (let i = 0; i < 200 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(lock)).toBe(true);
    const second = build(ws);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/another build \(pid \d+\) is writing/);
    expect(await firstDone).toBe(0);
    expect(expectSiteConsistent(ws.out)!.artifacts).toHaveLength(24);
  });

  it('keeps manifest and files in agreement when a build is killed with SIGKILL at any moment', async () => {
    const ws = workspace('kill');
    mkdirSync(path.join(ws.content, 'fr'), { recursive: true });
    for (const name of ['alpha', 'beta', 'gamma']) writeFileSync(path.join(ws.content, 'fr', `${name}.md`), two(name));
    const started = performance.now();
    expect(build(ws, '--format', 'html,pdf').status).toBe(0);
    // Kill points spread over one build's own duration (start-up, rendering, commit),
    // measured here: a fixed schedule would miss the end on a fast machine.
    const duration = performance.now() - started;
    for (const [i, share] of [0.1, 0.25, 0.4, 0.55, 0.7, 0.85].entries()) {
      writeFileSync(path.join(ws.content, 'fr', 'alpha.md'), two(`alpha ${i}`));
      if (i === 2) rmSync(path.join(ws.content, 'fr', 'gamma.md'));
      const delay = Math.round(share * duration);
      const child = spawn(process.execPath, [BIN, 'build', '--content', ws.content, '--out', ws.out, '--no-cache', '--jobs', '1', '--format', 'html,pdf'], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      expectSiteConsistent(ws.out);
    }
    // The next build takes over the dead build's lock and finishes the job.
    const r = build(ws, '--format', 'html,pdf');
    expect(r.status, r.stderr).toBe(0);
    expect(expectSiteConsistent(ws.out)!.artifacts.map((a) => a.path).sort()).toEqual(['fr/alpha.html', 'fr/alpha.pdf', 'fr/beta.html', 'fr/beta.pdf']);
  });
});

describe('the build cache re-renders exactly what changed', () => {
  /** Which artifacts a build rendered (not cached, not unchanged), from its progress lines. */
  const rendered = (stdout: string) =>
    [...stdout.matchAll(/\] (\S+) \([\d.]+ KiB, \d+ ms\)/g)].map((m) => m[1]!).sort();

  it('follows each input: source, image, sibling editions, UI strings, theme, SOURCE_DATE_EPOCH', () => {
    const ws = workspace('cache');
    cpSync(path.join(FIXTURES, 'every-construct'), ws.content, { recursive: true });
    mkdirSync(path.join(ws.content, 'fr'), { recursive: true });
    writeFileSync(path.join(ws.content, 'fr', 'alpha.md'), two('Alpha'));
    const templates = path.join(ws.root, 'templates');
    cpSync(path.join(ROOT, 'templates'), templates, { recursive: true });
    const env = { ...process.env, BRIEFPRESS_TEMPLATES: templates };
    const run = (...args: string[]) => {
      const r = cli(['build', '--content', ws.content, '--out', ws.out, '--cache', ws.cache, '--format', 'html,epub', ...args], { env });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    expect(rendered(run())).toHaveLength(4);
    const noop = run();
    expect(rendered(noop)).toEqual([]);
    expect(noop).toMatch(/is up to date/);

    // The source of one edition.
    writeFileSync(path.join(ws.content, 'fr', 'alpha.md'), two('Alpha changed'));
    expect(rendered(run())).toEqual(['fr/alpha.epub', 'fr/alpha.html']);
    // An image one edition uses.
    const png = path.join(ws.content, 'en', 'img', 'chart.png');
    writeFileSync(png, Buffer.concat([readFileSync(png), Buffer.from([0])]));
    expect(rendered(run())).toEqual(['en/every-construct.epub', 'en/every-construct.html']);
    // A new sibling edition changes the language switch of the existing one.
    writeFileSync(path.join(ws.content, 'en', 'alpha.md'), two('Alpha en'));
    expect(rendered(run())).toEqual(['en/alpha.epub', 'en/alpha.html', 'fr/alpha.epub', 'fr/alpha.html']);
    // UI strings and theme: every edition.
    writeFileSync(path.join(templates, 'locales', 'fr.yaml'), `${readFileSync(path.join(templates, 'locales', 'fr.yaml'), 'utf8')}\n# edited\n`);
    expect(rendered(run())).toHaveLength(6);
    writeFileSync(path.join(templates, 'themes', 'default.yaml'), readFileSync(path.join(templates, 'themes', 'default.yaml'), 'utf8').replace(/accent: "?#[0-9a-fA-F]{6}"?/, 'accent: "#aa0000"'));
    expect(rendered(run())).toHaveLength(6);
    // The clock files record.
    const epoch = cli(['build', '--content', ws.content, '--out', ws.out, '--cache', ws.cache, '--format', 'html,epub'], { env: { ...env, SOURCE_DATE_EPOCH: '1700000000' } });
    expect(rendered(epoch.stdout)).toHaveLength(6);

    // Back to an earlier state: everything comes from the cache, nothing is rendered.
    const again = run();
    expect(rendered(again)).toEqual([]);
    expect(again).toMatch(/6 from cache/);
    expectSiteConsistent(ws.out);
  });

  it('survives a corrupt cache entry: detects it, re-renders, warns', () => {
    const ws = workspace('corrupt');
    mkdirSync(path.join(ws.content, 'fr'), { recursive: true });
    writeFileSync(path.join(ws.content, 'fr', 'alpha.md'), two('Alpha'));
    expect(build(ws, '--format', 'html').status).toBe(0);
    for (const blob of filesUnder(path.join(ws.cache, 'blobs'))) writeFileSync(path.join(ws.cache, 'blobs', blob), 'garbage');
    rmSync(ws.out, { recursive: true });
    const r = build(ws, '--format', 'html');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: \d+ build cache entr(y was|ies were) corrupt and rebuilt/);
    expect(rendered(r.stdout)).toEqual(['fr/alpha.html']);
    expectSiteConsistent(ws.out);
  });

  it('gives the same bytes with one render thread and with several', () => {
    const a = workspace('jobs1');
    const b = workspace('jobs2');
    for (const ws of [a, b]) cpSync(CONTENT, ws.content, { recursive: true });
    expect(build(a, '--jobs', '1', '--no-cache').status).toBe(0);
    expect(build(b, '--jobs', '3', '--no-cache').status).toBe(0);
    const files = filesUnder(a.out).sort();
    expect(filesUnder(b.out).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(path.join(b.out, f)).equals(readFileSync(path.join(a.out, f))), f).toBe(true);
  });
});
