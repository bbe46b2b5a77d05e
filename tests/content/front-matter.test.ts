import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { memoryEnv } from '../../src/env.js';

const good = (extra = '') => `---\ntitle: A briefing\ndate: 2025-02-20\n${extra}---\n\nBody text.\n`;

async function errorsOf(files: Record<string, string>) {
  const env = memoryEnv(files);
  const result = await build({ env, formats: ['html'] });
  return { result, env, messages: result.diagnostics.map(formatDiagnostic) };
}

describe('content model errors name the file, line and column', () => {
  it('reports invalid YAML at its line', async () => {
    const { result, messages } = await errorsOf({ 'fr/bad.md': '---\ntitle: A\ndate: 2025-02-20\nkeywords: [unclosed\n---\n\nText\n' });
    expect(result.ok).toBe(false);
    expect(messages.join('\n')).toMatch(/^content\/fr\/bad\.md:[45]:\d+: error: invalid YAML/m);
  });

  it('reports a missing title', async () => {
    const { result, messages } = await errorsOf({ 'fr/no-title.md': '---\ndate: 2025-02-20\n---\n\nText\n' });
    expect(result.ok).toBe(false);
    expect(messages.join('\n')).toMatch(/^content\/fr\/no-title\.md:2:1: error: front matter has no `title`/m);
  });

  it('reports a bad date at the line of the date', async () => {
    const { messages } = await errorsOf({ 'fr/bad-date.md': '---\ntitle: T\nsummary: S\ndate: 2025-02-30\n---\n\nText\n' });
    expect(messages.join('\n')).toMatch(/^content\/fr\/bad-date\.md:4:7: error: `date` must be an ISO date/m);
  });

  it('reports a date written in words', async () => {
    const { messages } = await errorsOf({ 'fr/words.md': '---\ntitle: T\ndate: 20 février 2025\n---\n' });
    expect(messages.join('\n')).toContain('content/fr/words.md:3:7: error: `date` must be an ISO date');
  });

  it('reports a locale folder that is not a BCP 47 tag, and one naming no known language', async () => {
    const { messages } = await errorsOf({ 'French/a.md': good(), 'xx/b.md': good(), 'de/c.md': good() });
    const text = messages.join('\n');
    expect(text).toContain('content/French: error: locale folder "French" is not a BCP 47 language tag');
    expect(text).toContain('content/xx: error: locale folder "xx" names no language Briefpress knows');
    expect(text).not.toContain('content/de:');
  });

  it('reports a missing front matter block, bad slugs and misplaced files', async () => {
    const plain = await errorsOf({ 'fr/plain.md': '# Just text\n' });
    expect(plain.result.ok).toBe(true);
    expect(plain.messages.join('\n')).toContain('content/fr/plain.md:1:1: warning: the briefing has no YAML front matter: title taken from its first heading (else the file name), undated [front-matter/missing]');
    const { messages } = await errorsOf({ 'fr/Bad_Slug.md': good(), 'stray.md': good() });
    const text = messages.join('\n');
    expect(text).toContain('"Bad_Slug" is not a valid briefing slug');
    expect(text).toContain('content/stray.md: error: a briefing must sit at content/<locale>/<slug>.md');
  });

  it('reports resources without a url and a bad translation status', async () => {
    const { messages } = await errorsOf({ 'fr/r.md': good('resources:\n  - title: No link\nstatus: final\n') });
    const text = messages.join('\n');
    expect(text).toMatch(/content\/fr\/r\.md:5:\d+: error: resources\[0\] has no `url`/);
    expect(text).toMatch(/content\/fr\/r\.md:6:9: error: `status` must be draft or reviewed/);
  });

  it('reports invalid UTF-8 with the line and column of the bad byte', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('---\ntitle: T\ndate: 2025-02-20\n---\n\nCaf'), 0xe9, 0x20, 0x21, 0x0a]);
    const env = memoryEnv({ 'fr/latin1.md': bytes });
    const result = await build({ env, formats: ['html'] });
    expect(result.diagnostics.map(formatDiagnostic).join('\n')).toContain('content/fr/latin1.md:6:4: error: the file is not valid UTF-8');
  });

  it('writes nothing when any briefing has an error', async () => {
    const { env, result } = await errorsOf({ 'fr/ok.md': good(), 'fr/broken.md': '---\ndate: 2025-01-01\n---\n' });
    expect(result.ok).toBe(false);
    expect(env.outputs.size).toBe(0);
  });

  it('warns about unknown keys without failing', async () => {
    const { result, messages } = await errorsOf({ 'fr/w.md': good('colour: blue\n') });
    expect(result.ok).toBe(true);
    expect(messages.join('\n')).toMatch(/content\/fr\/w\.md:4:1: warning: unknown front matter key `colour`/);
  });
});
