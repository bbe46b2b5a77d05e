/**
 * Publishing from CI, through the compiled CLI on real folders: `build --shard K/N` on three
 * "machines", `merge` into one site that equals a single full build byte for byte, `verify`
 * catching a changed byte, a missing file and an extra file, overlapping or inconsistent
 * shards refused, provenance in the manifest, and `--exclude-drafts` leaving no link to a
 * draft anywhere. Content: tests/fixtures/translations-fr-en-rw (rw/ai-briefing is a draft)
 * plus a third briefing, in a folder that looks like a git checkout (.git written by hand).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/cache/store.js';
import { TRANSLATIONS_CONTENT } from '../commands/helpers.js';
import { readZip } from '../writers/epub-support.js';
import { ROOT } from '../helpers/fixtures.js';
import { cli, lacking, run as runTool, type RunResult } from '../helpers/tools.js';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';

interface Manifest {
  briefpress: string;
  node: string;
  sourceCommit?: string;
  artifacts: Array<{ path: string; slug: string; locale: string; source: string; sourceSha256: string }>;
}

/** Every file under `dir` (following the output link), relative path → bytes. */
function siteFiles(dir: string, prefix = ''): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) for (const [k, v] of siteFiles(full, rel)) out.set(k, v);
    else out.set(rel, readFileSync(full));
  }
  return out;
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** The text a reader's links live in: HTML as is, EPUB entries unzipped, PDF raw (link annotations are not compressed). */
function linkText(rel: string, bytes: Buffer): string {
  if (rel.endsWith('.epub')) return readZip(bytes).map((e) => new TextDecoder().decode(e.data)).join('\n');
  return bytes.toString('latin1');
}

describe('sharded builds, merge and verify', () => {
  let root: string;
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1772582400' };
  const run = (...args: string[]): RunResult => cli(args, { cwd: root, env });
  const at = (name: string) => path.join(root, name);

  const cliAsync = (args: string[]) =>
    new Promise<RunResult>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'briefpress.js'), ...args], { cwd: root, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d));
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
    });

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'bp-publish-'));
    cpSync(TRANSLATIONS_CONTENT, at('content'), { recursive: true });
    // A third briefing, larger than the others, so the three shards are all non-empty.
    const water = readFileSync(at('content/fr/water-briefing.md'), 'utf8');
    writeFileSync(at('content/fr/energy-briefing.md'), `${water.replace(/^title: .*$/m, 'title: "Énergie"')}\n${'Un paragraphe de plus sur l’énergie. '.repeat(40)}\n`);
    // A git checkout as CI has it: HEAD on a branch whose ref is a loose file.
    mkdirSync(at('.git/refs/heads'), { recursive: true });
    writeFileSync(at('.git/HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(at('.git/refs/heads/main'), `${COMMIT}\n`);
    // One full build, and three shards each rendered from scratch in its own empty folder,
    // side by side as a CI matrix runs them.
    const builds = await Promise.all([
      cliAsync(['build', '--out', 'full', '--cache', 'cache', '--quiet']),
      ...[1, 2, 3].map((k) => cliAsync(['build', '--shard', `${k}/3`, '--out', `shard-${k}`, '--no-cache', '--quiet'])),
    ]);
    for (const b of builds) expect(b.status, b.stderr).toBe(0);
  });

  it('splits the briefings across the shards, all locales of a briefing in one', () => {
    const slugs = [1, 2, 3].map((k) => new Set(manifestOf(at(`shard-${k}`)).artifacts.map((a) => a.slug)));
    expect(slugs.map((s) => s.size)).toEqual([1, 1, 1]);
    expect(new Set(slugs.flatMap((s) => [...s]))).toEqual(new Set(['ai-briefing', 'energy-briefing', 'water-briefing']));
    for (const k of [1, 2, 3]) {
      const m = manifestOf(at(`shard-${k}`));
      const [slug] = slugs[k - 1]!;
      const full = manifestOf(at('full')).artifacts.filter((a) => a.slug === slug).map((a) => a.path);
      expect(m.artifacts.map((a) => a.path)).toEqual(full);
    }
  });

  it('merges shards 1/3 + 2/3 + 3/3 into the site a full build makes, byte for byte', () => {
    const merged = run('merge', 'shard-1', 'shard-2', 'shard-3', '--out', 'site');
    expect(merged.stderr).toBe('');
    expect(merged.status).toBe(0);
    const full = siteFiles(at('full'));
    const site = siteFiles(at('site'));
    expect([...site.keys()].sort()).toEqual([...full.keys()].sort());
    for (const [rel, bytes] of full) expect(Buffer.compare(site.get(rel)!, bytes), rel).toBe(0);
    expect(run('verify', 'site').status).toBe(0);
  });

  it('records provenance: Briefpress, Node, the source commit and each source hash', () => {
    const m = manifestOf(at('site'));
    expect(m.briefpress).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(m.node).toBe(process.version);
    expect(m.sourceCommit).toBe(COMMIT);
    for (const a of m.artifacts) expect(a.sourceSha256, a.path).toBe(sha256(readFileSync(at(`content/${a.source}`))));
  });

  it('refuses overlapping shards and shards of different builds', () => {
    const twice = run('merge', 'shard-1', 'shard-2', 'shard-1', '--out', 'bad');
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(/overlapping shards: briefing "[a-z-]+" is in shard-1 and in shard-1/);
    const withFull = run('merge', 'full', 'shard-2', '--out', 'bad');
    expect(withFull.status).toBe(1);
    expect(withFull.stderr).toContain('overlapping shards');
    // Another commit: same files, other provenance.
    cpSync(at('shard-3'), at('other-3'), { recursive: true, dereference: true });
    const manifest = path.join(at('other-3'), 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(COMMIT, 'f'.repeat(40)));
    const other = run('merge', 'shard-1', 'shard-2', 'other-3', '--out', 'bad');
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/inconsistent shards: shard-1 was built by .*commit 0123456789ab.*other-3 by .*commit ffffffffffff/);
    expect(existsSync(at('bad'))).toBe(false);
  });

  it('verify catches a changed byte, a missing file and an extra file, one line each', () => {
    cpSync(at('site'), at('copy'), { recursive: true, dereference: true });
    const m = manifestOf(at('copy'));
    const [changed, missing] = [m.artifacts[0]!.path, m.artifacts[1]!.path];
    const bytes = readFileSync(at(`copy/${changed}`));
    bytes[bytes.length >> 1] ^= 1;
    writeFileSync(at(`copy/${changed}`), bytes);
    rmSync(at(`copy/${missing}`));
    writeFileSync(at('copy/fr/extra.html'), '<p>not ours</p>');
    const r = run('verify', 'copy');
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^copy/${changed}: error: content differs from manifest.json`)));
    expect(lines).toContainEqual(`copy/${missing}: error: listed in manifest.json but missing [verify/missing]`);
    expect(lines).toContainEqual('copy/fr/extra.html: error: not listed in manifest.json [verify/unlisted]');
    // A shard that does not verify is not merged.
    const bad = run('merge', 'copy', '--out', 'bad');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('copy is not a consistent Briefpress site');
  });

  it('--exclude-drafts leaves no link to a draft anywhere in the site', () => {
    const draft = /rw\/ai-briefing/;
    const mentions = (dir: string) => [...siteFiles(at(dir))].filter(([rel, b]) => draft.test(linkText(rel, b))).map(([rel]) => rel);
    // Without the flag the draft is published and linked (the check below can fail).
    expect(mentions('full')).toEqual(expect.arrayContaining(['index.html', 'fr/ai-briefing.html', 'manifest.json']));
    expect(run('build', '--exclude-drafts', '--out', 'public', '--cache', 'cache', '--quiet').status).toBe(0);
    expect(mentions('public')).toEqual([]);
    expect(manifestOf(at('public')).artifacts.filter((a) => a.locale === 'rw')).toEqual([]);
    expect(readFileSync(at('public/fr/ai-briefing.html'), 'utf8')).toMatch(/hreflang="en"/);
    // The "also available in" line of the other formats names no draft edition either.
    const epubText = (dir: string) => linkText('x.epub', readFileSync(at(`${dir}/fr/ai-briefing.epub`)));
    expect(epubText('full')).toContain('Ikinyarwanda');
    expect(epubText('public')).not.toContain('Ikinyarwanda');
    if (!lacking('the PDF editions line', 'poppler-utils')) {
      const pdfText = (dir: string) => runTool('pdftotext', [at(`${dir}/fr/ai-briefing.pdf`), '-']).stdout;
      expect(pdfText('full')).toContain('Ikinyarwanda');
      expect(pdfText('public')).not.toContain('Ikinyarwanda');
    }
  });

  it('rejects a malformed --shard as a usage error', () => {
    for (const bad of ['0/3', '4/3', '1of3']) {
      const r = run('build', '--shard', bad, '--out', 'bad');
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain('--shard must be K/N');
    }
  });
});
