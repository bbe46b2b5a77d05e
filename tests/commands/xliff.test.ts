/**
 * The XLIFF 2.0 round trip over tests/fixtures/translation-workflow: export, a translator's
 * edits (the test writes targets), import, rebuild. The exported files validate against
 * the OASIS XLIFF 2.0 core schema (tests/fixtures/xliff-2.0-schema) with libxml2's xmllint.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { build } from '../../src/build.js';
import { runCheck } from '../../src/commands/check.js';
import { runStatus } from '../../src/commands/status.js';
import { runExport, runImport } from '../../src/commands/xliff.js';
import { memoryEnv } from '../../src/env.js';
import { FIXTURES, readTree } from '../helpers/fixtures.js';
import { htmlText } from '../helpers/text.js';
import { lines, text } from './helpers.js';

const CONTENT = path.join(FIXTURES, 'translation-workflow', 'content');
const SCHEMA = path.join(FIXTURES, 'xliff-2.0-schema');
const SLUG = 'budget-2026';

async function schemaErrors(xliff: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'export.xlf', contents: xliff }],
    schema: [readFileSync(path.join(SCHEMA, 'xliff_core_2.0.xsd'), 'utf8')],
    preload: [{ fileName: 'xml.xsd', contents: readFileSync(path.join(SCHEMA, 'xml.xsd'), 'utf8') }],
  });
  return result.errors.map((e) => e.rawMessage);
}

async function exported(env: ReturnType<typeof memoryEnv>): Promise<string> {
  const r = await runExport({ env, locale: 'rw', slug: SLUG });
  expect(lines(r.diagnostics)).toEqual([]);
  expect(r.exit).toBe(0);
  return r.out[0]!;
}

/** A translator's work: `edits` maps a source text (as the `<source>` shows it) to its translation. */
function translate(xliff: string, edits: Array<[string, string]>): string {
  return xliff.replace(/(<source xml:space="preserve">)([\s\S]*?)(<\/source>)/g, (all, open: string, inner: string, close: string) => {
    let target = inner;
    for (const [from, to] of edits) target = target.replace(from, to);
    return target === inner ? all : `${all}\n        <target xml:space="preserve">${target}</target>`;
  });
}

const EDITS: Array<[string, string]> = [
  ['Le budget 2026 en un coup d’œil', 'Ingengo y’imari ya 2026 mu ncamake'],
  ['Le budget 2026 réduit le déficit de ', 'Ingengo y’imari ya 2026 igabanya icyuho ku '],
  ['>deux points</pc>, selon le gouvernement', '>amanota abiri</pc>, nk’uko Leta ibivuga'],
  ['Les dépenses de ', 'Amafaranga akoreshwa mu '],
  ['>santé</pc> augmentent ; voir aussi ', '>buzima</pc> ariyongera; reba kandi '],
  ['>la note sur l’eau</pc>', '>inyandiko ku mazi</pc>'],
  ['Évolution des dépenses', 'Uko amafaranga yakoreshejwe yagiye ahinduka'],
  ['Projet de loi de finances', 'Umushinga w’itegeko ry’imari'],
  ['un second point, sur\ndeux lignes', 'ingingo ya kabiri, ku\nmirongo ibiri'],
  ['Santé', 'Ubuzima'],
  ['Communiqué du ministère, janvier 2026.', 'Itangazo rya minisiteri, Mutarama 2026.'],
];

describe('XLIFF 2.0 round trip', () => {
  it('exports valid XLIFF 2.0, and imports a translation that rebuilds with its links, emphasis, footnote and image intact', async () => {
    const files: Record<string, string | Uint8Array> = readTree(CONTENT);
    const env = memoryEnv(files);
    const xliff = await exported(env);
    expect(await schemaErrors(xliff)).toEqual([]);
    // The validator does see a broken document (srcLang is required).
    expect(await schemaErrors(xliff.replace(' srcLang="fr"', ''))).not.toEqual([]);
    // One unit per block, the Markdown of links and emphasis out of the translator's reach.
    expect(xliff).toContain('<data id="d1s">**</data>');
    expect(xliff).toContain('<data id="d2e">](eau-2025.md#le-constat)</data>');
    expect(xliff).toMatch(/<ph id="\d+" dataRef="d\d+" type="other" disp="\[\^1\]"\/>/);

    const translated = translate(xliff, EDITS);
    expect(await schemaErrors(translated)).toEqual([]);
    const r = await runImport({ env, xliff: translated, file: 'rw.xlf' });
    expect(lines(r.diagnostics.filter((d) => d.severity === 'error'))).toEqual([]);
    expect(r.exit).toBe(0);
    expect(r.out).toEqual([`imported 8 of 17 units into content/rw/${SLUG}.md; block record content/rw/${SLUG}.source-blocks.yaml updated`]);
    // Units left untranslated are named, and keep the French text.
    expect(lines(r.diagnostics)).toEqual([
      'rw.xlf: warning: file "budget-2026": units summary, keywords.1, keywords.2, heading-2, paragraph-5, cell-7, cell-8, cell-10, paragraph-11 have no target; ' +
        'content/rw/budget-2026.md keeps the fr text there [xliff/no-target]',
    ]);

    const md = text(files[`rw/${SLUG}.md`]);
    expect(md).toMatch(/^title: "Ingengo y’imari ya 2026 mu ncamake"$/m);
    expect(md).toMatch(/^date: 2026-01-15$/m);
    expect(md).toContain('url: "https://example.org/plf-2026"');
    expect(md).toContain('Ingengo y’imari ya 2026 igabanya icyuho ku *amanota abiri*, nk’uko Leta ibivuga[^1].');
    expect(md).toContain('- ingingo ya kabiri, ku\n  mirongo ibiri');
    expect(md).toContain('| Ubuzima | 12 Md€ |');
    expect(md).toContain('[^1]: Itangazo rya minisiteri, Mutarama 2026.');

    expect((await runCheck({ env, strict: true })).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const status = JSON.parse((await runStatus({ env, json: true })).out[0]!);
    expect(status.briefings.find((b: { slug: string }) => b.slug === SLUG).editions.rw).toMatchObject({ state: 'draft', blocksBehind: 0 });

    const built = await build({ env, locales: ['rw'], formats: ['html'] });
    expect(lines(built.diagnostics.filter((d) => d.severity === 'error'))).toEqual([]);
    const html = text(env.outputs.get(`rw/${SLUG}.html`));
    expect(html).toContain('<em>amanota abiri</em>');
    expect(html).toContain('<strong>buzima</strong>');
    expect(html).toContain('<a href="../fr/eau-2025.html#le-constat">inyandiko ku mazi</a>');
    expect(html).toContain('<sup><a href="#fn-1" id="fnref-1" data-footnote-ref="" aria-describedby="footnote-label">1</a></sup>');
    expect(html).toMatch(/<li id="fn-1">\s*<p>Itangazo rya minisiteri, Mutarama 2026\./);
    expect(html).toMatch(/<img src="\.\.\/assets\/[0-9a-f]{16}\.png" alt="Uko amafaranga yakoreshejwe yagiye ahinduka">/);
    expect(html).toMatch(/<cite[^>]*>Umushinga w’itegeko ry’imari<\/cite>/);
    expect(html).toContain('href="https://example.org/plf-2026"');
    expect(htmlText(html)).toContain('Itangazo rya minisiteri, Mutarama 2026.');

    // The next export carries the translations as targets: the tool shows them as done.
    const again = await exported(env);
    expect(await schemaErrors(again)).toEqual([]);
    expect(again.match(/<segment state="translated">/g)).toHaveLength(8);
    expect(again).toContain('<target xml:space="preserve">Ubuzima</target>');
  });

  it('refuses a file whose units no longer match the source, naming them, and writes nothing', async () => {
    const files: Record<string, string | Uint8Array> = readTree(CONTENT);
    const env = memoryEnv(files);
    const translated = translate(await exported(env), EDITS);
    files[`fr/${SLUG}.md`] = text(files[`fr/${SLUG}.md`]).replace('| Santé | 12 Md€ |', '| Santé | 14 Md€ |');
    const r = await runImport({ env, xliff: translated, file: 'rw.xlf' });
    expect(r.exit).toBe(1);
    expect(lines(r.diagnostics)).toEqual([
      expect.stringMatching(/^rw\.xlf: error: file "budget-2026": units cell-\d+ no longer match content\/fr\/budget-2026\.md: the source changed since the export \[xliff\/source-changed\]\n  hint: export again/),
      'rw.xlf: error: rw.xlf does not fit the content folder; nothing was written [xliff/refused]',
    ]);
    expect(files[`rw/${SLUG}.md`]).toBeUndefined();
    expect(files[`rw/${SLUG}.source-blocks.yaml`]).toBeUndefined();
  });

  it('refuses a target that lost a link or emphasis of the source, naming the unit', async () => {
    const files: Record<string, string | Uint8Array> = readTree(CONTENT);
    const env = memoryEnv(files);
    const xliff = await exported(env);
    // The translator deleted the link around "la note sur l’eau".
    const broken = translate(xliff, [[/<pc id="2" dataRefStart="d2s" dataRefEnd="d2e" type="link">la note sur l’eau<\/pc>/ as unknown as string, 'inyandiko ku mazi']]);
    expect(broken).not.toBe(xliff);
    const r = await runImport({ env, xliff: broken, file: 'rw.xlf' });
    expect(r.exit).toBe(1);
    expect(lines(r.diagnostics)[0]).toMatch(/^rw\.xlf: error: unit paragraph-\d+ of "budget-2026": the target lacks code 2 \(\[…\]\(eau-2025\.md#le-constat\)\) \[xliff\/codes\]/);
    expect(files[`rw/${SLUG}.md`]).toBeUndefined();

    const notXliff = await runImport({ env, xliff: '<xliff version="1.2"/>', file: 'old.xlf' });
    expect(lines(notXliff.diagnostics)).toEqual(['old.xlf: error: not an XLIFF 2.0 document (<xliff version="2.0"> in the XLIFF 2.0 namespace); nothing was written [xliff/refused]']);
  });
});
