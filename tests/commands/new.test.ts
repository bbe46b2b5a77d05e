/** `briefpress new`, in memory over tests/fixtures/translations-fr-en-rw, with a fixed clock. */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { runCheck } from '../../src/commands/check.js';
import { runNew, today } from '../../src/commands/new.js';
import { runStatus } from '../../src/commands/status.js';
import { Reporter } from '../../src/diagnostics.js';
import { memoryEnv } from '../../src/env.js';
import { parseFrontMatter } from '../../src/content/front-matter.js';
import { contentHash } from '../../src/model/build-document.js';
import { parseMarkdown } from '../../src/model/parse-markdown.js';
import { TRANSLATIONS_CONTENT, TRANSLATIONS_TEMPLATES, fixtureEnv, lines, text } from './helpers.js';

const DAY = () => '2026-03-04';

function frontMatterOf(source: string) {
  const reporter = new Reporter();
  const fm = parseFrontMatter(parseMarkdown(source, 'x.md').frontMatter, reporter, new Set(['fr', 'en', 'rw', 'sw']), 'x.md');
  expect(reporter.list).toEqual([]);
  return fm!;
}

describe('briefpress new', () => {
  it('scaffolds a source briefing with valid front matter dated today', async () => {
    const { env, files } = fixtureEnv(TRANSLATIONS_CONTENT);
    const r = await runNew({ env, slug: 'digital-commons', today: DAY });
    expect(r).toEqual({ exit: 0, out: ['created content/fr/digital-commons.md: replace its title and write the briefing'], diagnostics: [] });
    const source = text(files['fr/digital-commons.md']);
    expect(frontMatterOf(source)).toMatchObject({ title: 'Digital commons', date: '2026-03-04' });
    expect(source).not.toContain('translation_of');
    // A scaffold is content like any other: check passes, status lists it.
    expect((await runCheck({ env, templates: TRANSLATIONS_TEMPLATES, strict: false })).diagnostics.filter((d) => d.code !== 'translation/stale')).toEqual([]);
    expect((await runStatus({ env })).out).toContain('digital-commons  source  missing  missing  missing');
  });

  it('scaffolds a draft translation: the source copied with its date, translation_of, status and a block record', async () => {
    const { env, files } = fixtureEnv(TRANSLATIONS_CONTENT);
    const source = text(files['fr/ai-briefing.md']);
    const r = await runNew({ env, slug: 'ai-briefing', locale: 'sw', today: DAY });
    expect(r.exit).toBe(0);
    expect(r.out[0]).toBe('created content/sw/ai-briefing.md: a draft translation of content/fr/ai-briefing.md, and its block record content/sw/ai-briefing.source-blocks.yaml; translate its front matter and body');
    const created = text(files['sw/ai-briefing.md']);
    expect(frontMatterOf(created)).toEqual({ ...frontMatterOf(source), translation_of: 'fr', status: 'draft' });
    // The body is the source's body, but for the link to a briefing sw does not have, now reached from sw/.
    const body = (t: string) => t.slice(t.indexOf('\n---\n') + 5);
    expect(body(created)).toBe(body(source).replace('](water-briefing.md)', '](../fr/water-briefing.md)'));
    const status = JSON.parse((await runStatus({ env, json: true })).out[0]!);
    expect(status.briefings[0].editions.sw).toMatchObject({ state: 'draft', sourceHash: contentHash(source), blocksBehind: 0 });
  });

  it('lists the new edition by its native name in the other editions’ “also available in” line', async () => {
    const { files } = fixtureEnv(TRANSLATIONS_CONTENT);
    const env = memoryEnv(files, { sourceDateEpoch: new Date('2026-03-04T00:00:00Z') });
    expect((await runNew({ env, slug: 'water-briefing', locale: 'rw', today: DAY })).exit).toBe(0);
    const result = await build({ env, formats: ['html'] });
    expect(lines(result.diagnostics.filter((d) => d.severity === 'error'))).toEqual([]);
    const fr = new TextDecoder().decode(env.outputs.get('fr/water-briefing.html'));
    const editions = /<p class="editions">(.*?)<\/p>/s.exec(fr)?.[1] ?? '';
    expect(editions).toContain('<a href="../en/water-briefing.html" hreflang="en" lang="en" dir="ltr">English</a>');
    expect(editions).toContain('<a href="../rw/water-briefing.html" hreflang="rw" lang="rw" dir="ltr">Ikinyarwanda</a>');
    expect(editions).not.toContain('Kiswahili');
  });

  it('refuses to overwrite an existing file (exit 1, file unchanged)', async () => {
    const { env, files } = fixtureEnv(TRANSLATIONS_CONTENT);
    const before = text(files['rw/ai-briefing.md']);
    for (const [slug, locale] of [['ai-briefing', 'rw'], ['ai-briefing', undefined]] as const) {
      const r = await runNew({ env, slug, locale, today: DAY });
      expect(r.exit).toBe(1);
      expect(lines(r.diagnostics)[0]).toMatch(new RegExp(`^content/${locale ?? 'fr'}/ai-briefing\\.md:1:1: error: the briefing already exists; nothing was written \\[new/exists\\]`));
    }
    expect(text(files['rw/ai-briefing.md'])).toBe(before);
  });

  it('refuses a bad slug or an unknown locale as a usage error (exit 2), writing nothing', async () => {
    const { env, files } = fixtureEnv(TRANSLATIONS_CONTENT);
    const count = Object.keys(files).length;
    for (const slug of ['Bad_Slug', 'trailing-', 'a--b', '../escape', 'x.md', '']) {
      const r = await runNew({ env, slug, today: DAY });
      expect(r.exit, slug).toBe(2);
      expect(r.usage).toContain('is not a valid briefing slug');
    }
    const r = await runNew({ env, slug: 'fine', locale: 'xx', today: DAY });
    expect(r).toMatchObject({ exit: 2, usage: 'unknown locale "xx"; choose from fr, en, rw, sw' });
    expect(Object.keys(files)).toHaveLength(count);
  });

  it('refuses a translation whose source is missing or invalid (exit 1)', async () => {
    const { env, files } = fixtureEnv(TRANSLATIONS_CONTENT);
    const missing = await runNew({ env, slug: 'no-such-briefing', locale: 'en', today: DAY });
    expect(missing.exit).toBe(1);
    expect(lines(missing.diagnostics)[0]).toContain('content/fr/no-such-briefing.md: error: a translation needs its source');
    expect(missing.diagnostics[0]!.hint).toBe('create the source first: briefpress new no-such-briefing');

    files['fr/water-briefing.md'] = text(files['fr/water-briefing.md']).replace('date: 2025-04-10', 'date: soon');
    const invalid = await runNew({ env, slug: 'water-briefing', locale: 'rw', today: DAY });
    expect(invalid.exit).toBe(1);
    expect(lines(invalid.diagnostics)[0]).toMatch(/^content\/fr\/water-briefing\.md:3:7: error: `date` must be an ISO date/);
    expect(files['rw/water-briefing.md']).toBeUndefined();
  });

  it('takes today from SOURCE_DATE_EPOCH when set, else from the local calendar', () => {
    expect(today(memoryEnv({}, { sourceDateEpoch: new Date('2026-01-02T23:30:00Z') }))).toBe('2026-01-02');
    expect(today(memoryEnv({}), new Date(2026, 6, 9, 0, 5))).toBe('2026-07-09');
  });

  it('creates through the Env: memoryEnv refuses to replace, like nodeEnv', async () => {
    const env = memoryEnv({ 'fr/a.md': 'x' });
    await expect(env.createContent('fr/a.md', new Uint8Array())).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(env.createContent('../outside.md', new Uint8Array())).rejects.toThrow(/escapes/);
    await env.createContent('en/a.md', new TextEncoder().encode('y'));
    expect(await env.listContent()).toEqual(['en/a.md', 'fr/a.md']);
  });
});

describe('nodeEnv.createContent', () => {
  it('creates atomically, never replaces, and stays inside the content root even through a link', async () => {
    const { mkdtempSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { nodeEnv } = await import('../../src/env.js');
    const root = mkdtempSync(path.join(tmpdir(), 'briefpress-create-'));
    const content = path.join(root, 'content');
    mkdirSync(path.join(content, 'fr'), { recursive: true });
    mkdirSync(path.join(root, 'elsewhere'));
    symlinkSync(path.join(root, 'elsewhere'), path.join(content, 'sw'));
    writeFileSync(path.join(content, 'fr', 'old.md'), 'old');
    const env = nodeEnv({ contentRoot: content, outputRoot: path.join(root, 'out') });

    await env.createContent('en/new.md', new TextEncoder().encode('new'));
    expect(readFileSync(path.join(content, 'en', 'new.md'), 'utf8')).toBe('new');
    await expect(env.createContent('fr/old.md', new TextEncoder().encode('replaced'))).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(path.join(content, 'fr', 'old.md'), 'utf8')).toBe('old');
    await expect(env.createContent('sw/x.md', new Uint8Array())).rejects.toThrow(/escapes its folder through a link/);
    await expect(env.createContent('../x.md', new Uint8Array())).rejects.toThrow(/escapes its folder/);
    expect(readdirSync(path.join(root, 'elsewhere'))).toEqual([]);
    // No temporary file is left behind, success or not.
    expect(readdirSync(path.join(content, 'fr')).sort()).toEqual(['old.md']);
    expect(readdirSync(path.join(content, 'en'))).toEqual(['new.md']);

    writeFileSync(path.join(content, 'fr', 'x.md'), '---\ntitle: X\ndate: 2026-01-01\n---\n\nX.\n');
    const r = await runNew({ env, slug: 'x', locale: 'sw', today: DAY });
    expect(r.exit).toBe(1);
    expect(r.diagnostics[0]!.message).toMatch(/^cannot create the file: path escapes its folder through a link/);
    expect(readdirSync(path.join(root, 'elsewhere'))).toEqual([]);
  });
});
