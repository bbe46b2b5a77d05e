/** The pipeline in memory: untrusted input, the appendix, determinism, confinement. */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { confine, memoryEnv, nodeEnv } from '../../src/env.js';
import { FIXTURES, readTree } from '../helpers/fixtures.js';

const fm = (extra = '') => `---\ntitle: T\ndate: 2025-02-20\n${extra}---\n\n`;
const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

async function html(body: string, extra = '', files: Record<string, string | Uint8Array> = {}) {
  const env = memoryEnv({ 'fr/t.md': fm(extra) + body, ...files });
  const result = await build({ env, formats: ['html'] });
  return { result, page: decode(env.outputs.get('fr/t.html')), messages: result.diagnostics.map(formatDiagnostic).join('\n') };
}

describe('raw HTML is sanitised', () => {
  it('removes scripts, event handlers, iframes, styles and javascript: links, keeps harmless markup', async () => {
    const { page, result } = await html(
      'Hi <script>alert(1)</script><b onclick="x()">bold</b> <iframe src="https://evil.example"></iframe>' +
        '<style>body{display:none}</style> [x](javascript:alert(2)) <abbr title="Artificial intelligence">AI</abbr>\n',
    );
    expect(result.ok).toBe(true);
    const main = page.slice(page.indexOf('<main'));
    expect(main).not.toMatch(/<script|onclick|<iframe|<style|javascript:/i);
    expect(main).toContain('<b>bold</b>');
    expect(main).toContain('<abbr title="Artificial intelligence">AI</abbr>');
  });
});

describe('file access stays inside the content folder', () => {
  it('never reads images outside the content folder nor fetches remote ones: a placeholder with the alt text and a warning at file:line:column', async () => {
    const { result, messages, page } = await html('![a](../../../etc/passwd)\n\n![b](/etc/passwd)\n\n![c](https://example.com/c.png)\n');
    expect(result.ok).toBe(true);
    expect(messages).toContain('content/fr/t.md:6:1: warning: image ../../../etc/passwd is not a path inside the content folder; a placeholder with its alt text is shown instead');
    expect(messages).toContain('content/fr/t.md:8:1: warning: image /etc/passwd is not a path inside the content folder');
    expect(messages).toContain('content/fr/t.md:10:1: warning: remote image https://example.com/c.png is not fetched');
    expect(page).not.toContain('<img');
    for (const alt of ['a', 'b', 'c']) expect(page).toMatch(new RegExp(`<span class="image-placeholder">Image indisponible\\s: ${alt}</span>`));
  });

  it('embeds a local image under a stable content-addressed name', async () => {
    const png = readTree(path.join(FIXTURES, 'every-construct'))['en/img/chart.png']!;
    const { page, result } = await html('![A chart](img/chart.png)\n', '', { 'fr/img/chart.png': png });
    expect(result.ok).toBe(true);
    expect(page).toMatch(/<img src="\.\.\/assets\/[0-9a-f]{16}\.png" alt="A chart">/);
  });

  it('confine() rejects escapes and NUL bytes', () => {
    expect(() => confine('/c', '../x')).toThrow(/escapes/);
    expect(() => confine('/c', 'a/../../x')).toThrow(/escapes/);
    expect(() => confine('/c', '/etc/passwd')).toThrow(/escapes/);
    expect(() => confine('/c', 'a\0b')).toThrow(/NUL/);
    expect(confine('/c', 'fr/a.md')).toBe(path.resolve('/c/fr/a.md'));
  });

  it('does not follow a symlink out of the content folder', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bp-link-'));
    mkdirSync(path.join(root, 'content', 'fr'), { recursive: true });
    writeFileSync(path.join(root, 'secret.png'), 'not for you');
    symlinkSync(path.join(root, 'secret.png'), path.join(root, 'content', 'fr', 'leak.png'));
    writeFileSync(path.join(root, 'content', 'fr', 't.md'), `${fm()}![x](leak.png)\n`);
    const env = nodeEnv({ contentRoot: path.join(root, 'content'), outputRoot: path.join(root, 'out') });
    const result = await build({ env, formats: ['html'] });
    expect(result.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/warning: image leak\.png not found/);
    expect(readdirSync(path.join(root, 'out', 'fr'))).toEqual(['feed.xml', 'index.html', 't.html']); // the page and the locale's site pages, nothing linked in
  });
});

describe('resource appendix', () => {
  it('numbers front matter resources then body links, deduplicated by clean URL', async () => {
    const { page } = await html(
      'See [the report](https://ex.org/r?utm_source=x) and [again](https://ex.org/r) and <https://other.org/b?fbclid=1>.\n',
      'resources:\n  - title: Declared\n    url: "https://declared.org/?gclid=z,"\n    publisher: Decl Inc\n',
    );
    const appendix = page.slice(page.indexOf('<section class="appendix"'));
    const entries = [...appendix.matchAll(/<li id="(resource-\d+)"[^>]*><cite dir="auto">([^<]*)<\/cite> — <span dir="auto">([^<]*)<\/span><br><a class="url" href="([^"]*)" dir="ltr">/g)].map((m) => m.slice(1));
    expect(entries).toEqual([
      ['resource-1', 'Declared', 'Decl Inc', 'https://declared.org/'],
      ['resource-2', 'the report', 'ex.org', 'https://ex.org/r'],
      ['resource-3', 'https://other.org/b', 'other.org', 'https://other.org/b'],
    ]);
    const main = page.slice(page.indexOf('<main'), page.indexOf('</main>'));
    expect(main.match(/href="#resource-2"/g)?.length).toBe(2);
    expect(main).toContain('>https://other.org/b</a>');
  });

  it('has no empty appendix when there are no resources', async () => {
    const { page } = await html('Just words, no links.\n');
    expect(page).not.toContain('class="appendix"');
  });

  it('drops links with other schemes with a warning', async () => {
    const { page, messages } = await html('A [chat](irc://irc.example.org/briefpress) link.\n');
    expect(messages).toMatch(/content\/fr\/t\.md:6:3: warning: link dropped: links with the irc: scheme are not published/);
    expect(page).not.toContain('irc://');
    expect(page).toContain('A chat link.');
  });
});

describe('determinism and the clock', () => {
  it('builds the every-construct fixture twice to the same bytes', async () => {
    const files = readTree(path.join(FIXTURES, 'every-construct'));
    const a = memoryEnv(files);
    const b = memoryEnv(files);
    await build({ env: a, formats: ['html'] });
    await build({ env: b, formats: ['html'] });
    expect([...a.outputs.keys()].sort()).toEqual([...b.outputs.keys()].sort());
    for (const [k, v] of a.outputs) expect(Buffer.from(v).equals(Buffer.from(b.outputs.get(k)!)), k).toBe(true);
  });

  it('prints the briefing date, even when SOURCE_DATE_EPOCH is set (it sets file timestamps only)', async () => {
    const plain = memoryEnv({ 'fr/t.md': `${fm()}x\n` });
    await build({ env: plain, formats: ['html'] });
    expect(decode(plain.outputs.get('fr/t.html'))).toContain('<time datetime="2025-02-20">20 février 2025</time>');
    const epoch = memoryEnv({ 'fr/t.md': `${fm()}x\n` }, { sourceDateEpoch: new Date(1_700_000_000_000) });
    await build({ env: epoch, formats: ['html'] });
    const page = decode(epoch.outputs.get('fr/t.html'));
    expect(page).toContain('<time datetime="2025-02-20">20 février 2025</time>');
    expect(page).not.toContain('2023');
  });

  it('publishes the output folder at once: staged files appear on commit, never on abort', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'bp-out-'));
    const out = path.join(parent, 'site');
    const env = nodeEnv({ contentRoot: path.join(FIXTURES, 'every-construct'), outputRoot: out });
    const first = await env.openSite();
    await first.write('en/a.txt', new TextEncoder().encode('one'));
    await expect(first.write('../escape.txt', new Uint8Array())).rejects.toThrow(/escapes/);
    // A second build into the same folder fails at once, naming the running one.
    await expect(env.openSite()).rejects.toThrow(/another build \(pid \d+\) is writing/);
    await first.commit();
    expect(readFileSync(path.join(out, 'en', 'a.txt'), 'utf8')).toBe('one');

    const second = await env.openSite();
    await second.write('en/a.txt', new TextEncoder().encode('two'));
    await second.abort();
    expect(readFileSync(path.join(out, 'en', 'a.txt'), 'utf8')).toBe('one');
    expect(readdirSync(path.join(out, 'en'))).toEqual(['a.txt']);
    // Nothing but the published generation and no lock are left beside it.
    expect(readdirSync(path.join(parent, '.site.site'))).toHaveLength(1);
  });
});

describe('headings', () => {
  it('lists a heading with a link in the contents without its [n] reference', async () => {
    const { page } = await html('## See [the report](https://ex.org/r)\n\nText.\n');
    const toc = page.slice(page.indexOf('<nav class="toc"'), page.indexOf('</nav>'));
    expect(toc).toContain('>See the report</a>');
    expect(toc).not.toContain('[1]');
  });
});
