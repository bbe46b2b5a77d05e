/**
 * Lenient where authors are, loud where readers lose: each accepted irregularity and each
 * loss is a warning with its message and file:line:column; the edition still builds.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { memoryEnv } from '../../src/env.js';
import { cli, lacking } from '../helpers/tools.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pdfText } from '../helpers/pdf.js';

const fm = (extra = '') => `---\ntitle: T\ndate: 2025-02-20\n${extra}---\n\n`;
const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

async function built(files: Record<string, string | Uint8Array>, formats = ['html'], options: { strict?: boolean; epoch?: Date } = {}) {
  const env = memoryEnv(files, { sourceDateEpoch: options.epoch });
  const result = await build({ env, formats, strict: options.strict });
  const lines = result.diagnostics.map(formatDiagnostic);
  return { env, result, lines, text: lines.join('\n'), page: (p: string) => decode(env.outputs.get(p)) };
}

describe('lenient input, one warning each', () => {
  it('a file without front matter takes its title from its first heading, not repeated, and is undated', async () => {
    const { result, text, page } = await built({ 'en/readme.md': 'Intro line.\n\n# Umushinga wacu\n\nIbisobanuro.\n' });
    expect(result.ok).toBe(true);
    expect(text).toContain('content/en/readme.md:1:1: warning: the briefing has no YAML front matter: title taken from its first heading (else the file name), undated [front-matter/missing]');
    const html = page('en/readme.html');
    expect(html).toContain('<title>Umushinga wacu</title>');
    // Once in the body (the title block's h1, not the body's heading again); the head also
    // names it in <title> and the sharing metadata.
    expect(html.slice(html.indexOf('<body')).match(/Umushinga wacu/g)).toHaveLength(1);
    expect(html).not.toContain('<time');
  });

  it('no heading at all: the file name is the title', async () => {
    const { page } = await built({ 'en/plain-notes.md': 'Just text.\n' });
    expect(page('en/plain-notes.html')).toContain('<title>plain-notes</title>');
  });

  it('no date: an undated edition, no date printed; files record SOURCE_DATE_EPOCH or a fixed instant', async () => {
    const files = { 'fr/t.md': '---\ntitle: T\n---\n\nTexte.\n' };
    const a = await built(files, ['html', 'epub']);
    expect(a.result.ok).toBe(true);
    expect(a.text).toContain('content/fr/t.md:2:1: warning: front matter has no `date`: the edition is published undated [front-matter/missing-date]');
    expect(a.page('fr/t.html')).not.toMatch(/<time|Publié/);
    const again = await built(files, ['html', 'epub']);
    expect(again.env.outputs.get('fr/t.epub')).toEqual(a.env.outputs.get('fr/t.epub'));
    const epoch = await built(files, ['epub'], { epoch: new Date(1_700_000_000_000) });
    expect(epoch.env.outputs.get('fr/t.epub')).not.toEqual(a.env.outputs.get('fr/t.epub'));
  });

  it('YAML: an unquoted value with " : " gets a hint with the quoted form', async () => {
    const { result, lines } = await built({ 'fr/t.md': '---\ntitle: Paris : le sommet\ndate: 2025-02-20\n---\n\nx\n' });
    expect(result.ok).toBe(false);
    const d = lines.find((l) => l.includes('[front-matter/yaml]'))!;
    expect(d).toMatch(/^content\/fr\/t\.md:2:\d+: error: invalid YAML/);
    expect(d).toContain('hint: a value containing " : " must be quoted: title: "Paris : le sommet"');
  });
});

describe('loud loss', () => {
  it('reports what the sanitizer drops, undefined and unused footnotes, empty links and images without alt', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]);
    const body = [
      '<iframe src="https://x.org"></iframe>',
      '',
      '<p class="lead">Kept text</p>',
      '',
      'A note[^absent] and [empty]().',
      '',
      '![](img/a.png)',
      '',
      '[^unused]: Never referenced.',
      '',
    ].join('\n');
    const { result, text, page } = await built({ 'fr/t.md': fm() + body, 'fr/img/a.png': png });
    expect(result.ok).toBe(true);
    expect(text).toContain('content/fr/t.md:6:1: warning: raw HTML <iframe> removed (its content is kept) [sanitize/element]');
    expect(text).toContain('content/fr/t.md:8:1: warning: <p> loses class="lead" [sanitize/attribute]');
    expect(text).toContain('content/fr/t.md:10:7: warning: footnote [^absent] has no definition; it is printed as written [footnotes/undefined]');
    expect(text).toContain('content/fr/t.md:10:21: warning: link "" has no target; published as plain text [links/empty]');
    expect(text).toContain('content/fr/t.md:12:1: warning: image img/a.png has no alt text [image/no-alt]');
    expect(text).toContain('content/fr/t.md:14:1: warning: footnote [^unused] is never referenced, so its text is not published [footnotes/unused]');
    const html = page('fr/t.html');
    expect(html).toContain('Kept text');
    expect(html).toContain('[^absent]');
    expect(html).not.toContain('<a href="">');
  });

  it.skipIf(lacking('the PDF placeholder read back by pdftotext', 'poppler-utils'))('a missing image is a placeholder with its alt text, in HTML, EPUB and PDF', async () => {
    const { result, text, env } = await built({ 'fr/t.md': `${fm()}Voir ![Carte des centres](img/absente.png)\n` }, ['html', 'epub', 'pdf']);
    expect(result.ok).toBe(true);
    expect(text).toContain('content/fr/t.md:6:6: warning: image img/absente.png not found (looked for content/fr/img/absente.png); a placeholder with its alt text is shown instead [image/missing]');
    expect(decode(env.outputs.get('fr/t.html'))).toMatch(/<span class="image-placeholder">Image indisponible\s: Carte des centres<\/span>/);
    const { openBook } = await import('../writers/epub-support.js');
    expect(openBook(env.outputs.get('fr/t.epub')!).readableText()).toMatch(/Image indisponible\s: Carte des centres/);
    const pdf = path.join(mkdtempSync(path.join(tmpdir(), 'bp-ph-')), 't.pdf');
    writeFileSync(pdf, env.outputs.get('fr/t.pdf')!);
    expect(pdfText(pdf)).toMatch(/Image indisponible\s: Carte des centres/);
  });

  it('--strict makes every warning an error: nothing is written', async () => {
    const { result, lines, env } = await built({ 'fr/t.md': '---\ntitle: T\n---\n\nx\n' }, ['html'], { strict: true });
    expect(result.ok).toBe(false);
    expect(lines[0]).toMatch(/^content\/fr\/t\.md:2:1: error: front matter has no `date`/);
    expect(env.outputs.size).toBe(0);
  });
});

describe('links', () => {
  it('a link to another briefing lands on its same-locale edition; a missing briefing is an error in build', async () => {
    const a = await built({
      'fr/a.md': `${fm()}Voir [B](b.md#suite), [B anglais](../en/b.md) et [C](c.md).\n`,
      'fr/b.md': `${fm()}## Suite\n\nTexte.\n`,
      'en/b.md': `${fm()}Text.\n`,
    });
    expect(a.result.ok).toBe(false);
    expect(a.text).toContain('content/fr/a.md:6:50: error: link to c.md: there is no briefing fr/c.md [links/broken-briefing]');
    const ok = await built({
      'fr/a.md': `${fm()}Voir [B](b.md#suite) et [le rapport](annexe/rapport.pdf).\n`,
      'fr/b.md': `${fm()}## Suite\n\nTexte.\n`,
      'fr/annexe/rapport.pdf': '%PDF-1.4 report',
      'en/a.md': `${fm()}See [B](b.md) and [the notices](/notices/).\n`,
    });
    expect(ok.result.ok).toBe(true);
    const html = ok.page('fr/a.html');
    expect(html).toContain('<a href="../fr/b.html#suite">B</a>');
    expect(html).toMatch(/<a href="\.\.\/assets\/[0-9a-f]{16}\.pdf">le rapport<\/a>/);
    // The linked file is in the model for build.ts to publish at that path.
    const key = /href="\.\.\/(assets\/[0-9a-f]{16}\.pdf)"/.exec(html)![1]!;
    expect(key).toMatch(/^assets\//);
    // en/b does not exist: the link falls back to the source locale's edition, with a warning.
    expect(ok.page('en/a.html')).toContain('<a href="../fr/b.html">B</a>');
    expect(ok.text).toContain('content/en/a.md:6:5: warning: link to b.md: b has no en edition, so the link goes to the fr edition [links/other-locale]');
    expect(ok.text).toContain('content/en/a.md:6:19: warning: link to /notices/ is written for a website\'s root, which a briefing does not have; published as plain text [links/site-relative]');
    expect(ok.page('en/a.html')).toContain('and the notices.');
  });

  it('an invalid SOURCE_DATE_EPOCH is a usage error: exit 2, one line', () => {
    const r = cli(['build', '--content', path.join(FIXTURES, 'every-construct'), '--out', '/tmp/bp-never'], { env: { ...process.env, SOURCE_DATE_EPOCH: 'yesterday' } });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('briefpress: SOURCE_DATE_EPOCH must be whole seconds, got "yesterday"');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
