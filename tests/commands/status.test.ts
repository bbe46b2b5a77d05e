/** `briefpress status`, in memory over tests/fixtures/translations-fr-en-rw. */
import { describe, expect, it } from 'vitest';
import { runStatus, statusJson } from '../../src/commands/status.js';
import { memoryEnv } from '../../src/env.js';
import { contentHash } from '../../src/model/build-document.js';
import { TRANSLATIONS_CONTENT, editBody, fixtureEnv, lines, text } from './helpers.js';

type Json = ReturnType<typeof statusJson>;

async function json(env: ReturnType<typeof fixtureEnv>['env']): Promise<Json> {
  const r = await runStatus({ env, json: true });
  expect(r.exit).toBe(0);
  expect(r.out).toHaveLength(1);
  return JSON.parse(r.out[0]!) as Json;
}

const states = (j: Json) => Object.fromEntries(j.briefings.map((b) => [b.slug, Object.fromEntries(Object.entries(b.editions).map(([l, e]) => [l, e.state]))]));

describe('briefpress status', () => {
  it('prints briefing × locale as source, ok, draft, stale or missing', async () => {
    const { env, files } = fixtureEnv(TRANSLATIONS_CONTENT);
    const r = await runStatus({ env });
    expect(r.exit).toBe(0);
    expect(r.diagnostics).toEqual([]);
    expect(r.out.slice(0, 3)).toEqual([
      'briefing        fr      en     rw       sw',
      'ai-briefing     source  ok     draft    missing',
      'water-briefing  source  stale  missing  missing',
    ]);
    expect(r.out).toContain('  content/en/water-briefing.md: stale: the source content/fr/water-briefing.md changed since it was translated (recorded 0123456789abcdef, now ' +
      `${contentHash(text(files['fr/water-briefing.md']))})`);
    expect(r.out.at(-1)).toBe('2 briefings × 4 locales: 2 source, 1 ok, 1 draft, 1 stale, 3 missing');
  });

  it('prints JSON for CI: locales in catalogue order, one object per edition', async () => {
    const { env, files } = fixtureEnv(TRANSLATIONS_CONTENT);
    const j = await json(env);
    const frHash = contentHash(text(files['fr/ai-briefing.md']));
    expect(j.source).toBe('fr');
    expect(j.locales).toEqual(['fr', 'en', 'rw', 'sw']);
    expect(j.briefings.map((b) => b.slug)).toEqual(['ai-briefing', 'water-briefing']);
    const ai = j.briefings[0]!.editions;
    expect(Object.keys(ai)).toEqual(['fr', 'en', 'rw', 'sw']);
    expect(ai.fr).toEqual({ state: 'source', path: 'fr/ai-briefing.md', contentHash: frHash });
    expect(ai.en).toEqual({
      state: 'ok', path: 'en/ai-briefing.md', translationOf: 'fr', status: 'reviewed',
      sourceHash: frHash, currentSourceHash: frHash, staleReason: null,
      // No block record, but the source is the one translated: nothing behind.
      blocksBehind: 0, blocks: { changed: 0, added: 0, removed: 0 },
    });
    expect(ai.rw).toMatchObject({ state: 'draft', status: 'draft', sourceHash: frHash, currentSourceHash: frHash });
    expect(ai.sw).toEqual({ state: 'missing', path: null });
    expect(j.briefings[1]!.editions.en).toMatchObject({ state: 'stale', staleReason: 'source-changed', sourceHash: '0123456789abcdef' });
    expect(j.counts).toEqual({ source: 2, ok: 1, draft: 1, stale: 1, missing: 3, invalid: 0 });
  });

  it('turns the translations stale when the French source changes, and back when the hash is updated', async () => {
    const { env, files } = fixtureEnv(TRANSLATIONS_CONTENT);
    expect(states(await json(env))['ai-briefing']).toEqual({ fr: 'source', en: 'ok', rw: 'draft', sw: 'missing' });

    editBody(files, 'fr/ai-briefing.md', 'Un paragraphe ajouté après la traduction.');
    const after = await json(env);
    expect(states(after)['ai-briefing']).toEqual({ fr: 'source', en: 'stale', rw: 'stale', sw: 'missing' });
    const newHash = contentHash(text(files['fr/ai-briefing.md']));
    expect(after.briefings[0]!.editions.rw).toMatchObject({ status: 'draft', staleReason: 'source-changed', currentSourceHash: newHash });

    files['rw/ai-briefing.md'] = text(files['rw/ai-briefing.md']).replace(/source_hash: \w+/, `source_hash: ${newHash}`);
    expect(states(await json(env))['ai-briefing']).toMatchObject({ en: 'stale', rw: 'draft' });
  });

  it('treats a translation without a usable source_hash, or without its source, as stale', async () => {
    const { env, files } = fixtureEnv(TRANSLATIONS_CONTENT);
    files['rw/ai-briefing.md'] = text(files['rw/ai-briefing.md']).replace(/source_hash: \w+/, 'source_hash: PLACEHOLDER');
    files['rw/water-briefing.md'] = '---\ntitle: "Amazi"\ndate: 2025-04-20\ntranslation_of: fr\nstatus: draft\n---\n\nAmazi.\n';
    files['en/orphan.md'] = '---\ntitle: "Orphan"\ndate: 2025-04-20\ntranslation_of: fr\nsource_hash: 0123456789abcdef\n---\n\nNo source.\n';
    const j = await json(env);
    const by = (slug: string) => j.briefings.find((b) => b.slug === slug)!.editions;
    expect(by('ai-briefing').rw).toMatchObject({ state: 'stale', staleReason: 'no-source-hash', sourceHash: 'PLACEHOLDER' });
    expect(by('water-briefing').rw).toMatchObject({ state: 'stale', staleReason: 'no-source-hash', sourceHash: null });
    expect(by('orphan')).toMatchObject({ fr: { state: 'missing' }, en: { state: 'stale', staleReason: 'source-missing', currentSourceHash: null } });
    const table = (await runStatus({ env })).out.join('\n');
    expect(table).toContain('content/rw/ai-briefing.md: stale: it records no source hash (`source_hash: PLACEHOLDER` is not one)');
    expect(table).toContain('content/en/orphan.md: stale: its source content/fr/orphan.md does not exist');
  });

  it('marks an edition that does not load as invalid, prints its error with file:line and exits 1', async () => {
    const { env, files } = fixtureEnv(TRANSLATIONS_CONTENT);
    files['rw/ai-briefing.md'] = text(files['rw/ai-briefing.md']).replace('date: 2025-03-06', 'date: 6 March 2025');
    const r = await runStatus({ env, json: true });
    expect(r.exit).toBe(1);
    expect(lines(r.diagnostics)).toEqual([expect.stringMatching(/^content\/rw\/ai-briefing\.md:3:7: error: `date` must be an ISO date/)]);
    expect(JSON.parse(r.out[0]!).briefings[0].editions.rw).toEqual({ state: 'invalid', path: 'rw/ai-briefing.md' });
  });

  it('judges translations even when the source itself does not load', async () => {
    const { env, files } = fixtureEnv(TRANSLATIONS_CONTENT);
    // Breaking the source's front matter changes the file, so its translations are stale too.
    files['fr/ai-briefing.md'] = text(files['fr/ai-briefing.md']).replace('title:', 'titre:');
    const r = await runStatus({ env, json: true });
    expect(r.exit).toBe(1);
    const ai = JSON.parse(r.out[0]!).briefings[0].editions;
    expect(ai.fr.state).toBe('invalid');
    expect(ai.en).toMatchObject({ state: 'stale', currentSourceHash: contentHash(text(files['fr/ai-briefing.md'])) });
  });

  it('says so when there is no briefing', async () => {
    const empty = memoryEnv({});
    expect((await runStatus({ env: empty })).out).toEqual(['no briefings found']);
    expect(JSON.parse((await runStatus({ env: empty, json: true })).out[0]!).briefings).toEqual([]);
  });
});
