/**
 * `briefpress check`, in memory: a clean fixture passes, and each kind of problem exits 1
 * with file:line:column in its message. UI strings come from fixture templates, so the
 * tests do not depend on the real templates/locales.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { frontMatterKeyPosition, runCheck } from '../../src/commands/check.js';
import { contentHash } from '../../src/model/build-document.js';
import {
  BROKEN_LINKS_CONTENT, MISSING_UI_STRINGS_TEMPLATES, TRANSLATIONS_CONTENT, TRANSLATIONS_TEMPLATES,
  editBody, fixtureEnv, lines, text,
} from './helpers.js';

async function check(files: ReturnType<typeof fixtureEnv>, options: { strict?: boolean; templates?: string } = {}) {
  const r = await runCheck({ env: files.env, strict: options.strict, templates: options.templates ?? TRANSLATIONS_TEMPLATES });
  return { ...r, text: lines(r.diagnostics), errors: r.diagnostics.filter((d) => d.severity === 'error') };
}

/** The translations fixture without its deliberately stale translation. */
function clean() {
  const f = fixtureEnv(TRANSLATIONS_CONTENT);
  delete f.files['en/water-briefing.md'];
  return f;
}

describe('briefpress check', () => {
  it('passes a clean tree, with a summary line', async () => {
    const r = await check(clean());
    expect(r.text).toEqual([]);
    expect(r.exit).toBe(0);
    expect(r.out).toEqual(['checked 4 briefing editions in 3 locales: 0 errors, 0 warnings']);
  });

  it('reports a stale translation as a warning (exit 0) at its source_hash line, and as an error with --strict', async () => {
    const f = fixtureEnv(TRANSLATIONS_CONTENT);
    const loose = await check(f);
    expect(loose.exit).toBe(0);
    const now = contentHash(text(f.files['fr/water-briefing.md']));
    expect(loose.text).toEqual([
      'content/en/water-briefing.md:5:1: warning: stale translation: the source content/fr/water-briefing.md changed since it was translated ' +
        `(recorded 0123456789abcdef, now ${now}) [translation/stale]\n  hint: update the translation, then record it: briefpress diff water-briefing --locale en --accept (or set \`source_hash: ${now}\`)`,
    ]);
    const strict = await check(f, { strict: true });
    expect(strict.exit).toBe(1);
    expect(strict.text[0]).toMatch(/^content\/en\/water-briefing\.md:5:1: error: stale translation/);
    expect(strict.out).toEqual(['checked 5 briefing editions in 3 locales: 1 error, 0 warnings']);
  });

  it('with --strict, fails as soon as the French source of an up-to-date translation is edited', async () => {
    const f = clean();
    expect((await check(f, { strict: true })).exit).toBe(0);
    editBody(f.files, 'fr/ai-briefing.md', 'Une phrase de plus.');
    const r = await check(f, { strict: true });
    expect(r.exit).toBe(1);
    expect(r.errors.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual([
      'content/en/ai-briefing.md:9 translation/stale',
      'content/rw/ai-briefing.md:6 translation/stale',
    ]);
  });

  it('fails on invalid front matter, naming the file, line and column', async () => {
    const f = clean();
    f.files['en/ai-briefing.md'] = text(f.files['en/ai-briefing.md']).replace('status: reviewed', 'status: final');
    const r = await check(f);
    expect(r.exit).toBe(1);
    expect(r.text).toEqual([expect.stringMatching(/^content\/en\/ai-briefing\.md:10:9: error: `status` must be draft or reviewed, got "final" \[front-matter\/bad-status\]/)]);
  });

  it('fails on unknown locales: a content folder, and translation_of', async () => {
    const f = clean();
    f.files['xx/ai-briefing.md'] = text(f.files['en/ai-briefing.md']);
    f.files['rw/ai-briefing.md'] = text(f.files['rw/ai-briefing.md']).replace('translation_of: fr', 'translation_of: fra');
    const r = await check(f);
    expect(r.exit).toBe(1);
    expect(r.errors.map((d) => d.code).sort()).toEqual(['content/unknown-locale', 'front-matter/unknown-locale']);
    // A folder has no line; the loader names the folder.
    expect(r.text).toContainEqual(expect.stringMatching(/^content\/xx: error: locale folder "xx" names no language Briefpress knows/));
    expect(r.text).toContainEqual(expect.stringMatching(/^content\/rw\/ai-briefing\.md:5:17: error: `translation_of` names an unknown locale "fra"/));
  });

  it('fails on missing UI strings, pointing where the key belongs, and on placeholders that differ', async () => {
    const r = await check(clean(), { templates: MISSING_UI_STRINGS_TEMPLATES });
    expect(r.exit).toBe(1);
    const en = path.join('tests', 'fixtures', 'ui-strings-missing-key', 'templates', 'locales', 'en.yaml');
    const rw = en.replace('en.yaml', 'rw.yaml');
    const fr = en.replace('en.yaml', 'fr.yaml');
    expect(r.text.map((l) => l.split('\n')[0])).toEqual([
      `${en}:2:1: error: UI string \`publishedOn\` must use the placeholders {date}; missing {date} [ui-strings/placeholder]`,
      `${en}:3:1: error: UI string \`footnotes\` is missing (${fr}:3 has it) [ui-strings/missing-key]`,
      `${en}:4:1: warning: UI string \`typo\` is not in ${fr}; it is never used [ui-strings/unknown-key]`,
      `${rw}:1:1: error: UI string \`contents\` is missing (${fr}:1 has it) [ui-strings/missing-key]`,
    ]);
    expect(r.text[1]).toContain('hint: add `footnotes: "…"`, translated from "Notes"');
  });

  it('fails when a locale with content has no UI strings file at all', async () => {
    const f = clean();
    f.files['sw/ai-briefing.md'] = text(f.files['rw/ai-briefing.md']);
    const r = await check(f);
    expect(r.exit).toBe(1);
    expect(r.errors.map((d) => d.code)).toEqual(['ui-strings/missing-file']);
    expect(r.errors[0]!.file).toMatch(/templates\/locales\/sw\.yaml$/);
  });

  it('fails on each kind of broken internal link, at its line and column, warns on the ones it can publish as text, and accepts the good ones', async () => {
    const r = await check(fixtureEnv(BROKEN_LINKS_CONTENT));
    expect(r.exit).toBe(1);
    // Lines 15 and 16 name editions that do not exist (sw, rw) of a briefing that does:
    // they land on this locale's edition, as any link to another briefing does.
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual([
      'content/fr/liens.md:18:4 warning links/missing-file',
      'content/fr/liens.md:13:17 error links/broken-fragment',
      'content/fr/liens.md:14:4 error links/broken-fragment',
      'content/fr/liens.md:19:4 error links/broken-fragment',
      'content/fr/liens.md:17:4 error links/broken-fragment',
      'content/en/liens.md:1:1 warning translation/stale',
    ]);
    const messages = r.diagnostics.map((d) => d.message);
    expect(messages[0]).toBe('link to annexes/tableau.csv: fr/annexes/tableau.csv does not exist in the content folder; published as plain text');
    expect(messages[1]).toBe('link to #nulle-part: no heading, footnote or resource of this briefing has that id');
    expect(messages[4]).toBe('link to #no-such-heading of en/liens.md: that briefing has no id "no-such-heading"');
    expect(r.errors[0]!.hint).toContain('#le-contexte');
    // The links on line 11 (heading, footnote, resource-n, another edition's heading, its HTML page) are fine.
    expect(r.errors.filter((d) => d.line === 11)).toEqual([]);
  });

  it('accepts a link to a file of the content folder and a percent-encoded heading id', async () => {
    const f = clean();
    f.files['fr/annexe.pdf'] = new Uint8Array([37, 80, 68, 70]);
    editBody(f.files, 'fr/water-briefing.md', '[Annexe](annexe.pdf), [enjeux](ai-briefing.md#les-enjeux), [encodé](#l%C3%A9t%C3%A9-des-centres) et [brut](#lété-des-centres).\n\n## L’été des centres');
    expect((await check(f)).errors).toEqual([]);
    f.files['fr/water-briefing.md'] = text(f.files['fr/water-briefing.md']).replace('#l%C3%A9t%C3%A9-des-centres', '#l%C3%A9t%C3%A9');
    const r = await check(f);
    expect(r.errors.map((d) => d.message)).toEqual(['link to #l%C3%A9t%C3%A9: no heading, footnote or resource of this briefing has that id']);
    expect(r.errors[0]!.hint).toBe('ids in reach: #lété-des-centres');
  });

  it('warns on a relative link that leaves the content folder, publishing its text', async () => {
    const f = clean();
    editBody(f.files, 'fr/water-briefing.md', 'Voir [ailleurs](../../README.md).');
    const r = await check(f);
    expect(r.exit).toBe(0);
    expect(r.text).toEqual([expect.stringMatching(/^content\/fr\/water-briefing\.md:8:6: warning: link to \.\.\/\.\.\/README\.md leaves the content folder; published as plain text \[links\/outside-content\]/)]);
  });
});

describe('frontMatterKeyPosition', () => {
  it('finds the first of the keys present, only inside the front matter', () => {
    const t = '---\ntitle: x\ntranslation_of: fr\nsource_hash: abc\n---\nsource_hash: not here\n';
    expect(frontMatterKeyPosition(t, ['source_hash', 'translation_of'])).toEqual({ line: 4, column: 1 });
    expect(frontMatterKeyPosition(t, ['status', 'translation_of'])).toEqual({ line: 3, column: 1 });
    expect(frontMatterKeyPosition('no front matter', ['title'])).toEqual({ line: 1, column: 1 });
  });
});
