/**
 * The translation workflow over tests/fixtures/translation-workflow, in memory: `new
 * --locale` makes editions that just work, a changed French paragraph is counted and shown
 * per block, and readers of every format are told until the translation catches up.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { runCheck } from '../../src/commands/check.js';
import { runDiff } from '../../src/commands/diff.js';
import { runNew } from '../../src/commands/new.js';
import { runStatus, statusJson } from '../../src/commands/status.js';
import { memoryEnv, nodeEnv } from '../../src/env.js';
import { FIXTURES, readTree } from '../helpers/fixtures.js';
import { pdfLinkUris, pdfText } from '../helpers/pdf.js';
import { normaliseText } from '../helpers/text.js';
import { lacking, run } from '../helpers/tools.js';
import { openBook } from '../writers/epub-support.js';
import { lines, text } from './helpers.js';

const CONTENT = path.join(FIXTURES, 'translation-workflow', 'content');
const SLUG = 'budget-2026';

function workspace() {
  const files: Record<string, string | Uint8Array> = readTree(CONTENT);
  return { files, env: memoryEnv(files) };
}

async function newTranslations(env: ReturnType<typeof memoryEnv>, locales: string[]) {
  for (const locale of locales) {
    const r = await runNew({ env, slug: SLUG, locale });
    expect(lines(r.diagnostics)).toEqual([]);
    expect(r.exit).toBe(0);
  }
}

async function statusOf(env: ReturnType<typeof memoryEnv>) {
  const r = await runStatus({ env, json: true });
  return (JSON.parse(r.out[0]!) as ReturnType<typeof statusJson>).briefings.find((b) => b.slug === SLUG)!.editions;
}

/** Builds the given locales; returns what a reader of each format sees of `locale`'s edition. */
async function published(env: ReturnType<typeof memoryEnv>, locales: string[]) {
  const result = await build({ env, locales });
  expect(lines(result.diagnostics.filter((d) => d.severity === 'error'))).toEqual([]);
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-workflow-'));
  return (locale: string) => {
    const bytes = (ext: string) => env.outputs.get(`${locale}/${SLUG}.${ext}`)!;
    const pdfFile = path.join(dir, `${locale}.pdf`);
    const epubFile = path.join(dir, `${locale}.epub`);
    writeFileSync(pdfFile, bytes('pdf'));
    writeFileSync(epubFile, bytes('epub'));
    return { html: text(bytes('html')), book: openBook(bytes('epub')), pdfFile, epubFile, pdf: normaliseText(pdfText(pdfFile)).replace(/\s+/g, ' ') };
  };
}

describe.skipIf(lacking('translations read back from the PDF', 'poppler-utils'))('new --locale: a translation that just works', () => {
  it('keeps the source date, points images and briefing links where they resolve, records the blocks; check passes and every format has the image', async () => {
    const { env, files } = workspace();
    await newTranslations(env, ['en', 'rw']);
    const en = text(files[`en/${SLUG}.md`]);
    const rw = text(files[`rw/${SLUG}.md`]);
    for (const t of [en, rw]) {
      expect(t).toMatch(/^date: 2026-01-15$/m);
      expect(t).toContain('![Évolution des dépenses](../fr/img/chart.png)');
    }
    // en has the other briefing, with the heading the link asks for; rw has not.
    expect(en).toContain('[la note sur l’eau](eau-2025.md#le-constat)');
    expect(rw).toContain('[la note sur l’eau](../fr/eau-2025.md#le-constat)');
    const record = text(files[`en/${SLUG}.source-blocks.yaml`]);
    expect(record).toContain('source: fr/budget-2026.md\n');
    expect(record).toContain('text: Le reste est inchangé.\n');

    const check = await runCheck({ env, strict: true });
    expect(lines(check.diagnostics.filter((d) => d.severity === 'error'))).toEqual([]);
    expect(check.exit).toBe(0);

    const read = await published(env, ['en', 'rw']);
    for (const locale of ['en', 'rw']) {
      const r = read(locale);
      expect(r.html).toMatch(/<img src="\.\.\/assets\/[0-9a-f]{16}\.png" alt="Évolution des dépenses">/);
      expect(r.book.entries.filter((e) => /^OEBPS\/images\/.*\.png$/.test(e.name))).toHaveLength(1);
      // pdfimages -list: two header lines, then one line per image drawn.
      expect(run('pdfimages', ['-list', r.pdfFile]).stdout.trim().split('\n').slice(2)).toHaveLength(1);
      // Up to date: no reader notice anywhere.
      expect(r.html).not.toContain('behind-source');
    }
  });
});

describe.skipIf(lacking('a stale translation read back from the PDF', 'poppler-utils', 'qpdf'))('one changed French paragraph', () => {
  it('puts each translation 1 block behind, diff shows that paragraph, and readers are told in every format until the translation is updated', async () => {
    const { env, files } = workspace();
    await newTranslations(env, ['en', 'rw', 'sw']);
    for (const locale of ['en', 'rw', 'sw']) expect((await statusOf(env))[locale]).toMatchObject({ state: 'draft', blocksBehind: 0 });

    files[`fr/${SLUG}.md`] = text(files[`fr/${SLUG}.md`]).replace('Le reste est inchangé.', 'Le reste est reporté à 2027.');

    const editions = await statusOf(env);
    for (const locale of ['en', 'rw', 'sw']) {
      expect(editions[locale]).toMatchObject({ state: 'stale', staleReason: 'source-changed', blocksBehind: 1, blocks: { changed: 1, added: 0, removed: 0 } });
    }
    expect((await runStatus({ env })).out).toContain(`${SLUG}  source  1 behind  1 behind  1 behind`);
    const strict = await runCheck({ env, strict: true });
    expect(strict.exit).toBe(1);
    expect(strict.diagnostics.filter((d) => d.code === 'translation/stale').map((d) => d.message)).toEqual(
      ['en', 'rw', 'sw'].map(() => 'stale translation: 1 block behind its source content/fr/budget-2026.md (1 changed)'),
    );

    const diff = await runDiff({ env, slug: SLUG, locale: 'rw', width: 80 });
    expect(diff.exit).toBe(0);
    expect(diff.out[0]).toBe('content/rw/budget-2026.md is 1 block behind content/fr/budget-2026.md (1 changed)');
    const shown = diff.out.join('\n');
    expect(shown.match(/^changed /gm)).toHaveLength(1);
    expect(shown).toMatch(/^changed paragraph-\d+ \(content\/fr\/budget-2026\.md:28\)$/m);
    expect(shown).toMatch(/Le reste est inchangé\.\s+│ Le reste est reporté à 2027\./);
    expect(shown).not.toContain('santé');

    // Readers: the notice in the edition's own language, linking the original where a format can.
    let read = await published(env, ['en', 'rw']);
    const en = read('en');
    expect(en.html).toContain('<p class="notice behind-source" role="note">This translation is 1 paragraph behind the <a href="../fr/budget-2026.html" hreflang="fr">French original</a>.</p>');
    expect(en.book.readableText()).toContain('This translation is 1 paragraph behind the French original.');
    expect(en.pdf).toContain('This translation is 1 paragraph behind the French original.');
    expect(pdfLinkUris(en.pdfFile)).toContain('../fr/budget-2026.pdf');
    const rw = read('rw');
    expect(rw.html).toMatch(/<p class="notice behind-source" role="note">Ubu busemuzi buri inyuma y’<a href="..\/fr\/budget-2026.html" hreflang="fr">inyandiko y’umwimerere \(Igifaransa\)<\/a> ho igika 1\.<\/p>/);
    expect(rw.pdf).toContain('ho igika 1.');
    expect(run('qpdf', ['--check', en.pdfFile]).status).toBe(0);
    // The title page that carries the notice stays well-formed XHTML (epubcheck itself takes
    // minutes on this shared machine; tests/writers/epub.test.ts runs it on title pages with the
    // draft notice, the same markup).
    const problems: string[] = [];
    new DOMParser({ onError: (level, msg) => { if (level !== 'warning') problems.push(msg); } })
      .parseFromString(en.book.text('OEBPS/title-page.xhtml'), 'application/xhtml+xml');
    expect(problems).toEqual([]);
    expect(en.book.text('OEBPS/title-page.xhtml')).toContain('<p class="notice behind-source" role="note">This translation is 1 paragraph behind the <span>French original</span>.</p>');
    // The French source itself has no notice.
    await build({ env, locales: ['fr'], formats: ['html'] });
    expect(text(env.outputs.get(`fr/${SLUG}.html`))).not.toContain('behind-source');

    // The English translator updates the paragraph and records it; en is up to date, rw is not.
    files[`en/${SLUG}.md`] = text(files[`en/${SLUG}.md`]).replace('Le reste est inchangé.', 'Everything else is postponed to 2027.');
    expect((await runDiff({ env, slug: SLUG, locale: 'en', accept: true })).exit).toBe(0);
    expect((await statusOf(env)).en).toMatchObject({ state: 'draft', blocksBehind: 0 });
    expect((await runDiff({ env, slug: SLUG, locale: 'en' })).out).toEqual(['content/en/budget-2026.md is up to date with content/fr/budget-2026.md']);
    read = await published(env, ['en']);
    const after = read('en');
    expect(after.html).not.toContain('behind-source');
    expect(after.book.readableText()).not.toContain('behind the French original');
    expect(after.pdf).not.toContain('behind the French original');
    expect(after.pdf).toContain('Everything else is postponed to 2027.');
    expect((await statusOf(env)).rw).toMatchObject({ state: 'stale', blocksBehind: 1 });
  });

  it('counts added and removed blocks apart from changed ones', async () => {
    const { env, files } = workspace();
    await newTranslations(env, ['en']);
    files[`fr/${SLUG}.md`] = text(files[`fr/${SLUG}.md`])
      .replace('Le reste est inchangé.', 'Un paragraphe nouveau.\n\nLe reste est inchangé.')
      .replace('- un premier point\n', '');
    expect((await statusOf(env)).en).toMatchObject({ blocksBehind: 2, blocks: { changed: 0, added: 1, removed: 1 } });
    const shown = (await runDiff({ env, slug: SLUG, locale: 'en' })).out.join('\n');
    expect(shown).toMatch(/^added paragraph-\d+ /m);
    expect(shown).toMatch(/^removed paragraph-\d+$/m);
    expect(shown).toContain('un premier point');
  });
});

describe('the build cache', () => {
  it('re-renders a translation when only its source changes: its notice depends on the source and the block record', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bp-workflow-cache-'));
    cpSync(CONTENT, path.join(root, 'content'), { recursive: true });
    const env = nodeEnv({ contentRoot: path.join(root, 'content'), outputRoot: path.join(root, 'output'), cacheDir: path.join(root, 'cache') });
    expect((await runNew({ env, slug: SLUG, locale: 'en' })).exit).toBe(0);
    const page = () => readFileSync(path.join(root, 'output', 'en', `${SLUG}.html`), 'utf8');
    const buildEn = async () => {
      const r = await build({ env, locales: ['en'], formats: ['html'] });
      expect(lines(r.diagnostics.filter((d) => d.severity === 'error'))).toEqual([]);
      return r;
    };
    await buildEn();
    expect(page()).not.toContain('behind-source');
    expect((await buildEn()).counts.rendered).toBe(0);

    const fr = path.join(root, 'content', 'fr', `${SLUG}.md`);
    writeFileSync(fr, readFileSync(fr, 'utf8').replace('Le reste est inchangé.', 'Le reste est reporté à 2027.'));
    expect((await buildEn()).counts.rendered).toBe(1);
    expect(page()).toContain('This translation is 1 paragraph behind');

    expect((await runDiff({ env, slug: SLUG, locale: 'en', accept: true })).exit).toBe(0);
    expect((await buildEn()).counts.rendered).toBe(1);
    expect(page()).not.toContain('behind-source');
  });
});
