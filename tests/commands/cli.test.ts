/**
 * `status`, `check` and `new` end to end through the compiled CLI (`make test` compiles
 * first; by hand: `npx tsc -p .`), in a temporary copy of tests/fixtures/translations-fr-en-rw.
 * UI strings come from a copy of templates/ whose locale files are the fixture's, so the
 * test does not depend on the real translations of the UI.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/model/build-document.js';
import { ROOT } from '../helpers/fixtures.js';
import { cli } from '../helpers/tools.js';
import { TRANSLATIONS_CONTENT, TRANSLATIONS_TEMPLATES } from './helpers.js';

describe('status, check and new through the compiled CLI', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const run = (...args: string[]) => cli(args, { cwd: dir, env });
  const statesOf = (stdout: string) => {
    const j = JSON.parse(stdout) as { briefings: Array<{ slug: string; editions: Record<string, { state: string }> }> };
    return Object.fromEntries(j.briefings.map((b) => [b.slug, Object.values(b.editions).map((e) => e.state).join(' ')]));
  };

  beforeAll(() => {
    const compiled = path.join(ROOT, 'dist', 'commands', 'status.js');
    if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(path.join(ROOT, 'src', 'commands', 'status.ts')).mtimeMs) {
      throw new Error('dist/ is missing or older than src/commands: compile first (make compile, or npx tsc -p .)');
    }
    dir = mkdtempSync(path.join(tmpdir(), 'briefpress-commands-'));
    cpSync(TRANSLATIONS_CONTENT, path.join(dir, 'content'), { recursive: true });
    const templates = path.join(dir, 'templates');
    cpSync(path.join(ROOT, 'templates'), templates, { recursive: true });
    for (const f of readdirSync(path.join(templates, 'locales'))) {
      if (f !== 'catalogue.yaml' && f !== 'months.yaml') rmSync(path.join(templates, 'locales', f));
    }
    cpSync(path.join(TRANSLATIONS_TEMPLATES, 'locales'), path.join(templates, 'locales'), { recursive: true });
    env = { ...process.env, BRIEFPRESS_TEMPLATES: templates, SOURCE_DATE_EPOCH: '1772582400' };
  });

  it('lists the commands in --help', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    for (const c of ['status', 'check', 'new', 'diff', 'export', 'import']) expect(help.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it('walks a translation through status, check and new', () => {
    // 1. The fixture as committed: one stale translation.
    const table = run('status');
    expect(table.status).toBe(0);
    expect(table.stderr).toBe('');
    expect(table.stdout.split('\n').slice(0, 3)).toEqual([
      'briefing        fr      en     rw       sw',
      'ai-briefing     source  ok     draft    missing',
      'water-briefing  source  stale  missing  missing',
    ]);
    const json = run('status', '--json');
    expect(json.status).toBe(0);
    expect(statesOf(json.stdout)).toEqual({ 'ai-briefing': 'source ok draft missing', 'water-briefing': 'source stale missing missing' });

    const loose = run('check');
    expect(loose.status).toBe(0);
    expect(loose.stdout.trim()).toBe('checked 5 briefing editions in 3 locales: 0 errors, 1 warning');
    expect(loose.stderr).toMatch(/^content\/en\/water-briefing\.md:5:1: warning: stale translation/m);
    const strict = run('check', '--strict');
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/^content\/en\/water-briefing\.md:5:1: error: stale translation/m);

    // 2. The French source changes: its translations turn stale.
    const fr = path.join(dir, 'content', 'fr', 'ai-briefing.md');
    writeFileSync(fr, `${readFileSync(fr, 'utf8')}\nUn paragraphe ajouté.\n`);
    expect(statesOf(run('status', '--json').stdout)['ai-briefing']).toBe('source stale stale missing');
    const stale = run('check', '--strict');
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/^content\/en\/ai-briefing\.md:9:1: error: stale translation: the source content\/fr\/ai-briefing\.md changed/m);
    expect(stale.stderr).toMatch(/^content\/rw\/ai-briefing\.md:6:1: error: stale translation/m);

    // 3. A new Swahili draft keeps the source's date and records the source blocks it
    // translates; a new source is dated by the clock.
    const sw = run('new', 'ai-briefing', '--locale', 'sw');
    expect(sw.status).toBe(0);
    expect(sw.stdout).toContain('created content/sw/ai-briefing.md: a draft translation of content/fr/ai-briefing.md');
    const created = readFileSync(path.join(dir, 'content', 'sw', 'ai-briefing.md'), 'utf8');
    const record = readFileSync(path.join(dir, 'content', 'sw', 'ai-briefing.source-blocks.yaml'), 'utf8');
    expect(record).toContain(`source_hash: ${contentHash(readFileSync(fr, 'utf8'))}\n`);
    expect(record).toContain('    text: Un paragraphe ajouté.\n');
    expect(created).toMatch(/^translation_of: fr$/m);
    expect(created).toMatch(/^status: draft$/m);
    expect(created).toMatch(/^date: 2025-03-01$/m);
    expect(statesOf(run('status', '--json').stdout)['ai-briefing']).toBe('source stale stale draft');

    expect(run('new', 'digital-commons').status).toBe(0);
    expect(readFileSync(path.join(dir, 'content', 'fr', 'digital-commons.md'), 'utf8')).toMatch(/^date: 2026-03-04$/m);

    // 4. Never overwrites; leaves no temporary file.
    const again = run('new', 'ai-briefing', '--locale', 'sw');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('content/sw/ai-briefing.md:1:1: error: the briefing already exists; nothing was written [new/exists]');
    expect(readFileSync(path.join(dir, 'content', 'sw', 'ai-briefing.md'), 'utf8')).toBe(created);
    expect(readdirSync(path.join(dir, 'content', 'sw'))).toEqual(['ai-briefing.md', 'ai-briefing.source-blocks.yaml']);
  });

  it('shows what changed with diff, and catches up through export and import (after the walk above)', () => {
    // 5. The source changes again: diff shows the paragraph; an XLIFF round trip through
    // files brings the Swahili edition back up to date.
    const fr = path.join(dir, 'content', 'fr', 'ai-briefing.md');
    writeFileSync(fr, readFileSync(fr, 'utf8').replace('Un paragraphe ajouté.', 'Un paragraphe ajouté, puis corrigé.'));
    const diff = run('diff', 'ai-briefing', '--locale', 'sw');
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain('content/sw/ai-briefing.md is 1 block behind content/fr/ai-briefing.md (1 changed)');
    expect(diff.stdout).toMatch(/Un paragraphe ajouté\.\s+│ Un paragraphe ajouté, puis corrigé\./);
    const xlf = run('export', '--locale', 'sw', '--slug', 'ai-briefing');
    expect(xlf.status).toBe(0);
    writeFileSync(path.join(dir, 'sw.xlf'), xlf.stdout.replace('>Un paragraphe ajouté, puis corrigé.</source>', '>Un paragraphe ajouté, puis corrigé.</source><target>Aya iliyoongezwa.</target>'));
    const imported = run('import', 'sw.xlf');
    expect(imported.stderr).toContain('[xliff/no-target]');
    expect(imported.status).toBe(0);
    expect(readFileSync(path.join(dir, 'content', 'sw', 'ai-briefing.md'), 'utf8')).toContain('\nAya iliyoongezwa.\n');
    expect(run('diff', 'ai-briefing', '--locale', 'sw').stdout.trim()).toBe('content/sw/ai-briefing.md is up to date with content/fr/ai-briefing.md');
  });

  it('exits 2 on usage errors', () => {
    const bad = run('new', 'Bad_Slug');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"Bad_Slug" is not a valid briefing slug');
    // (Unknown locales, missing slugs and the like are covered in memory by new.test.ts.)
    expect(run('check', '--bogus').status).toBe(2);
    const nowhere = run('status', '--content', 'nowhere');
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toContain('content folder not found: nowhere');
    expect(existsSync(path.join(dir, 'content', 'fr', 'Bad_Slug.md'))).toBe(false);
  });
});
