/**
 * PDF/UA-1 (issue #14): the Matterhorn checkpoints Briefpress claims, checked by the
 * structure checker of tests/helpers/pdf-structure.ts (on qpdf's JSON) on every Paris
 * edition and the every-construct fixture; whole words in the text layer (pdftotext);
 * and a figure without alt text, which the checker must catch.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element } from 'hast';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loadDocuments, localeStrings } from '../../src/build.js';
import { Reporter, formatDiagnostic } from '../../src/diagnostics.js';
import { memoryEnv } from '../../src/env.js';
import { loadTheme } from '../../src/theme/theme.js';
import { renderPdf } from '../../src/writers/pdf/index.js';
import { CONTENT, FIXTURES, readTree } from '../helpers/fixtures.js';
import { elements, outlineTree, pdfString, pdfUaProblems, readStructure, tocTree, type PdfStructure, type TitleTree } from '../helpers/pdf-structure.js';
import { normaliseText } from '../helpers/text.js';
import { lacking, run } from '../helpers/tools.js';

const TMP = mkdtempSync(path.join(tmpdir(), 'bp-pdfua-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface Built {
  name: string;
  file: string;
  source: string;
  structure: PdfStructure;
}

async function buildPdfs(files: Record<string, Uint8Array>, prefix: string): Promise<Built[]> {
  const env = memoryEnv(files);
  const result = await build({ env, formats: ['pdf'] });
  expect(result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  const out: Built[] = [];
  for (const [rel, bytes] of env.outputs) {
    if (!rel.endsWith('.pdf')) continue;
    const file = path.join(TMP, `${prefix}-${rel.replace(/\//g, '-')}`);
    writeFileSync(file, bytes);
    const source = new TextDecoder().decode(files[rel.replace(/\.pdf$/, '.md')]!);
    out.push({ name: `${prefix}/${rel}`, file, source, structure: readStructure(file) });
  }
  return out;
}

let pdfs: Built[];

beforeAll(async () => {
  pdfs = [...(await buildPdfs(readTree(CONTENT), 'content')), ...(await buildPdfs(readTree(path.join(FIXTURES, 'every-construct')), 'fixture'))];
});

const annotationText = (s: PdfStructure, el: ReturnType<typeof elements>[number]): string => {
  const link = elements(el).find((e) => e.type === 'Link' && e.objects.length);
  return link ? pdfString(s.get(link.objects[0])?.['/Contents']) : '';
};

describe.skipIf(lacking('PDF/UA structure read by qpdf', 'qpdf'))('PDF/UA-1 structure (Matterhorn checkpoints, machine-checkable)', () => {
  it('builds every Paris edition and every-construct', () => {
    expect(pdfs.map((p) => p.name).sort()).toEqual(['content/en/paris-ai-summit-2025.pdf', 'content/fr/paris-ai-summit-2025.pdf', 'content/rw/paris-ai-summit-2025.pdf', 'content/sw/paris-ai-summit-2025.pdf', 'fixture/en/every-construct.pdf']);
  });

  it('passes every claimed checkpoint: metadata, DisplayDocTitle, Lang, figures, headings, tables, notes, annotations, marked content, fonts', () => {
    for (const p of pdfs) expect(pdfUaProblems(p.structure), p.name).toEqual([]);
  });

  it('gives each Note a unique ID listed in the IDTree, and tags runs in another language with their Lang', () => {
    const ec = pdfs.find((p) => p.name.startsWith('fixture'))!.structure;
    const notes = elements(ec.root).filter((e) => e.type === 'Note');
    expect(notes.map((n) => pdfString(n.dict['/ID']))).toEqual(['fn-note', 'fn-second']);
    const idTree = ec.get(ec.get(ec.catalog['/StructTreeRoot'])!['/IDTree'])!;
    expect((idTree['/Names'] as unknown[]).filter((_, i) => i % 2 === 0).map(pdfString)).toEqual(['fn-note', 'fn-second']);
    const spans = elements(ec.root).filter((e) => e.type === 'Span' && pdfString(e.dict['/Lang']) === 'fr');
    expect(spans.length).toBeGreaterThan(0);
  });

  it('nests the contents’ structure (TOC in TOCI) exactly as the bookmarks nest', () => {
    for (const p of pdfs) {
      const s = p.structure;
      const toc = tocTree(s, (el) => annotationText(s, el));
      // The bookmarks start with the contents page itself, which the contents do not list.
      const outline = outlineTree(s).slice(1);
      expect(toc, p.name).toEqual(outline);
      const depth = (t: TitleTree): number => Math.max(0, ...t.map(([, kids]) => 1 + depth(kids)));
      if (p.name.startsWith('fixture')) expect(depth(toc)).toBeGreaterThanOrEqual(4);
    }
  });
});

/** Letters joined by a hyphen, as a reader of the text sees them ("gou-\nvernance" too). */
function hyphenatedWords(text: string): string[] {
  const joined = normaliseText(text).replace(/-\n/g, '-');
  return [...new Set(joined.match(/\p{L}+(?:-\p{L}+)+/gu) ?? [])];
}

/**
 * The text layer in content order (`-raw`: no reflow, no dehyphenation by poppler),
 * which is what the tagged structure gives a screen reader.
 */
const rawText = (file: string) => run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']).stdout;

describe.skipIf(lacking('the PDF text layer read by pdftotext', 'poppler-utils'))('whole words in the text layer', () => {
  it('pdftotext shows no word split by a hyphenation hyphen: every hyphenated word is in the source', () => {
    let broken = 0;
    for (const p of pdfs) {
      const text = rawText(p.file);
      const source = normaliseText(p.source);
      const inSource = new Set(hyphenatedWords(source));
      const extra = hyphenatedWords(text).filter((w) => !inSource.has(w) && !source.includes(w));
      expect(extra, p.name).toEqual([]);
      broken += extra.length;
    }
    // The check is not vacuous: the layout does break words at hyphenation points.
    const spans = pdfs.flatMap((p) => p.structure.pages.map((pg) => (pg.content.match(/\/Span <<\/ActualText <FEFF[0-9A-F]+>>> BDC/g) ?? []).length));
    expect(spans.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(8);
    expect(broken).toBe(0);
  });

  it('every long word of each source reads whole in the text layer (no "gou-" / "vernance" pieces)', () => {
    for (const p of pdfs) {
      const text = new Set(normaliseText(rawText(p.file)).match(/[\p{L}\p{N}]+/gu));
      const body = p.source.replace(/^---[\s\S]*?\n---\n/, '').replace(/\]\([^)]*\)|https?:\/\/\S+|`[^`]*`|```[\s\S]*?```/g, ' ');
      const long = [...new Set(normaliseText(body).match(/\p{L}{9,}/gu))];
      expect(long.filter((w) => !text.has(w)), p.name).toEqual([]);
    }
  });
});

describe.skipIf(lacking('PDF/UA structure read by qpdf', 'qpdf'))('a figure without alt text', () => {
  it('is a warning naming the source line; the checker reports 13-004 when the Figure has no Alt', async () => {
    const chart = readTree(path.join(FIXTURES, 'every-construct'))['en/img/chart.png']!;
    const md = '---\ntitle: "Missing alt"\ndate: 2025-03-01\n---\n\n## A chart\n\nText.\n\n<img src="img/chart.png">\n';
    const files = { 'en/missing-alt.md': new TextEncoder().encode(md), 'en/img/chart.png': chart };
    const env = memoryEnv(files);
    const result = await build({ env, formats: ['pdf'] });
    const warnings = result.diagnostics.filter((d) => d.code === 'image/no-alt');
    expect(warnings.map((d) => [d.file, d.line])).toEqual([['content/en/missing-alt.md', 10]]);
    // As built, the image is decorative (an artifact): the PDF passes.
    const asBuilt = path.join(TMP, 'missing-alt.pdf');
    writeFileSync(asBuilt, env.outputs.get('en/missing-alt.pdf')!);
    expect(pdfUaProblems(readStructure(asBuilt))).toEqual([]);
    // A figure whose alt never reached the writer is tagged without a description: caught.
    const { docs } = await loadDocuments(env, new Reporter());
    const doc = docs[0]!;
    visit(doc.tree, 'element', (n: Element) => {
      if (n.tagName === 'img') delete n.properties.alt;
    });
    const ctx = { theme: loadTheme(), strings: localeStrings(doc.locale), editions: [], reporter: new Reporter() };
    const bare = path.join(TMP, 'no-alt.pdf');
    writeFileSync(bare, await renderPdf(doc, ctx as never));
    expect(pdfUaProblems(readStructure(bare))).toEqual(['13-004 Figure without Alt']);
    expect(readFileSync(bare).length).toBeGreaterThan(0);
  });
});
