/**
 * The PDF edition (issue #3), checked on files written to a temporary folder with the
 * real tools: qpdf, pdffonts, pdfinfo, pdftotext (poppler). Covers validity, embedded
 * fonts, tagging, metadata/XMP, outline, links and destinations, every word of the
 * source, layout inside the margins, typesetting rules and byte-identical rebuilds.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, loadDocuments, localeStrings } from '../../src/build.js';
import { Reporter } from '../../src/diagnostics.js';
import { memoryEnv, nodeEnv } from '../../src/env.js';
import type { BriefingDocument } from '../../src/model/types.js';
import { loadTheme } from '../../src/theme/theme.js';
import { layoutPdf, type PdfLayoutResult } from '../../src/writers/pdf/index.js';
import type { WriterContext } from '../../src/writers/types.js';
import { CONTENT, FIXTURES } from '../helpers/fixtures.js';
import { missingWords } from '../helpers/text.js';
import { lacking, run } from '../helpers/tools.js';

const NO_PDF_TOOLS = lacking('PDF checks with the real tools', 'qpdf', 'poppler-utils');

const TMP = mkdtempSync(path.join(tmpdir(), 'bp-pdf-'));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function tool(cmd: string, args: string[]): string {
  const r = run(cmd, args);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

type Json = Record<string, unknown>;

/** The PDF's objects as qpdf --json=2 shows them, with a resolver for references. */
function pdfObjects(file: string) {
  const json = JSON.parse(tool('qpdf', ['--json=2', '--json-key=qpdf', file])) as { qpdf: [unknown, Record<string, { value?: unknown; stream?: { dict: Json } }>] };
  const objects = new Map<string, Json>();
  let trailer: Json = {};
  for (const [key, o] of Object.entries(json.qpdf[1])) {
    if (key === 'trailer') trailer = o.value as Json;
    else if (key.startsWith('obj:')) objects.set(key.slice(4), ((o.value ?? o.stream?.dict) ?? {}) as Json);
  }
  const get = (v: unknown): Json | undefined => (typeof v === 'string' && / 0 R$/.test(v) ? objects.get(v) : (v as Json | undefined));
  return { objects, trailer, get };
}

const str = (v: unknown) => (typeof v === 'string' ? v.replace(/^u:/, '') : '');

/** Outline entries as [depth, title, named destination]. */
function outlineOf(file: string): Array<[number, string, string]> {
  const { trailer, get } = pdfObjects(file);
  const root = get(trailer['/Root'])!;
  const out: Array<[number, string, string]> = [];
  const walk = (first: unknown, depth: number) => {
    for (let item = get(first); item; item = get(item['/Next'])) {
      out.push([depth, str(item['/Title']), str(item['/Dest'])]);
      walk(item['/First'], depth + 1);
    }
  };
  walk(get(root['/Outlines'])?.['/First'], 1);
  return out;
}

/** Names of the document's named destinations. */
function destNames(file: string): string[] {
  const { trailer, get } = pdfObjects(file);
  const names = get(get(get(trailer['/Root'])!['/Names'])?.['/Dests'])?.['/Names'] as unknown[];
  return names.filter((_, i) => i % 2 === 0).map(str);
}

/** Link annotations: URI or named destination, with their rectangles. */
function linkAnnotations(file: string): Array<{ uri?: string; dest?: string; contents: string }> {
  const { objects, get } = pdfObjects(file);
  const out: Array<{ uri?: string; dest?: string; contents: string }> = [];
  for (const o of objects.values()) {
    if (o['/Subtype'] !== '/Link') continue;
    const a = get(o['/A']);
    out.push({ uri: a?.['/URI'] !== undefined ? str(a['/URI']) : undefined, dest: a?.['/D'] !== undefined ? str(a['/D']) : undefined, contents: str(o['/Contents']) });
  }
  return out;
}

function pdfInfo(file: string): Record<string, string> {
  return Object.fromEntries(
    tool('pdfinfo', [file])
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

const pdfText = (file: string, ...args: string[]) => tool('pdftotext', ['-enc', 'UTF-8', ...args, file, '-']);

/** Every word a reader of the source sees: front matter, body, resources. */
function sourceText(doc: BriefingDocument): string {
  const m = doc.meta;
  return [m.title, m.subtitle, m.summary, toString(doc.tree), ...doc.resources.flatMap((r) => [r.title, r.publisher, r.url])].join('\n');
}

/** Minimal XML well-formedness: tags balance and every & starts an entity. */
function wellFormed(xml: string): boolean {
  const body = xml.replace(/<\?[^]*?\?>/g, '');
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(body)) return false;
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)([^\s>/]+)[^>]*?(\/?)>|<|>/g)) {
    if (!m[2]) return false; // a stray < or >
    if (m[3]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]);
  }
  return stack.length === 0;
}

async function loadOne(contentRoot: string, locale?: string): Promise<{ doc: BriefingDocument; ctx: WriterContext; reporter: Reporter }> {
  const reporter = new Reporter();
  const env = nodeEnv({ contentRoot, outputRoot: TMP, sourceDateEpoch: '' });
  const { catalogue, docs } = await loadDocuments(env, reporter, locale ? [locale] : undefined);
  const doc = docs[0]!;
  const ctx: WriterContext = { theme: loadTheme(), strings: localeStrings(doc.locale), catalogue, editions: [], formats: ['html', 'pdf'], reporter };
  return { doc, ctx, reporter };
}

interface Rendered {
  doc: BriefingDocument;
  ctx: WriterContext;
  reporter: Reporter;
  result: PdfLayoutResult;
  file: string;
}

async function render(name: string, contentRoot: string, locale?: string): Promise<Rendered> {
  const { doc, ctx, reporter } = await loadOne(contentRoot, locale);
  const result = await layoutPdf(doc, ctx);
  const file = path.join(TMP, `${name}.pdf`);
  writeFileSync(file, result.bytes);
  return { doc, ctx, reporter, result, file };
}

/** A briefing in memory; returns its PDF written to disk and the diagnostics. */
async function renderSource(name: string, markdown: string, extra: Record<string, string | Uint8Array> = {}) {
  const env = memoryEnv({ 'en/t.md': markdown, ...extra });
  const result = await build({ env, formats: ['pdf'] });
  const bytes = env.outputs.get('en/t.pdf');
  const file = path.join(TMP, `${name}.pdf`);
  if (bytes) writeFileSync(file, bytes);
  return { result, file, bytes };
}

let ec: Rendered;
let fr: Rendered;

beforeAll(async () => {
  ec = await render('every-construct', path.join(FIXTURES, 'every-construct'));
  fr = await render('paris-fr', CONTENT, 'fr');
});

// Set BRIEFPRESS_KEEP_PDF=1 to keep the files (and look at them).
afterAll(() => {
  if (!process.env.BRIEFPRESS_KEEP_PDF) rmSync(TMP, { recursive: true, force: true });
});

describe.skipIf(NO_PDF_TOOLS)('a valid, printable PDF', () => {
  it('passes qpdf --check', () => {
    for (const r of [ec, fr]) {
      const out = run('qpdf', ['--check', r.file]);
      expect(out.status, out.stdout + out.stderr).toBe(0);
      expect(out.stdout).toContain('No syntax or stream encoding errors');
    }
  });

  it('has a cross-reference table whose every offset starts its object, streams compressed (written after their pages)', () => {
    for (const r of [ec, fr]) {
      const pdf = Buffer.from(r.result.bytes);
      const text = pdf.toString('latin1');
      const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
      expect(text.slice(xrefAt, xrefAt + 5)).toBe('xref\n');
      const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(xrefAt))!.map(Number);
      const rows = text.slice(xrefAt).split('\n').slice(2, 2 + count!);
      let streams = 0;
      rows.forEach((row, i) => {
        if (row.endsWith(' f ')) return;
        const offset = Number(row.slice(0, 10));
        expect(text.slice(offset, offset + 20), `object ${first! + i}`).toMatch(new RegExp(`^${first! + i} 0 obj\n`));
        if (/^<<[^]*?\/Filter \/FlateDecode[^]*?>>\nstream\n/.test(text.slice(offset, offset + 2000).replace(/^\d+ 0 obj\n/, ''))) streams++;
      });
      expect(streams).toBeGreaterThanOrEqual(r.result.pages.length);
    }
  });

  it('embeds every font, subset, with a Unicode map, from DejaVu', () => {
    const lines = tool('pdffonts', [ec.file]).split('\n').slice(2).filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      expect(line).toMatch(/^[A-Z]{6}\+DejaVu/);
      expect(line).toMatch(/\byes\s+yes\s+yes\b/); // emb sub uni
    }
  });

  it('is A4, PDF 1.7, tagged, titled, dated from the briefing', () => {
    const info = pdfInfo(ec.file);
    expect(info['Page size']).toBe('595.28 x 841.89 pts (A4)');
    expect(info['PDF version']).toBe('1.7');
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe('Every construct: R&D <draft> test of the writers');
    expect(info.Author).toBe('Ada Lovelace, Grace Hopper, Briefpress QA');
    expect(info.Subject).toBe(ec.doc.meta.summary);
    expect(info.Keywords).toBe('fixture, typesetting');
    expect(info.CreationDate).toMatch(/Mar\s+1 00:00:00 2025 UTC/);
    expect(info.ModDate).toBe(info.CreationDate);
    const { trailer, get } = pdfObjects(ec.file);
    const root = get(trailer['/Root'])!;
    expect(str(root['/Lang'])).toBe('en');
    expect(get(root['/ViewerPreferences'])?.['/DisplayDocTitle']).toBe(true);
    expect(get(root['/MarkInfo'])?.['/Marked']).toBe(true);
  });

  it('writes valid, escaped XMP with title, creators, description, keywords and language', () => {
    const raw = Buffer.from(ec.result.bytes).toString('utf8');
    const xmp = raw.slice(raw.indexOf('<?xpacket begin'), raw.indexOf('<?xpacket end="w"?>') + 19);
    expect(wellFormed(xmp)).toBe(true);
    expect(xmp).toContain('Every construct: R&amp;D &lt;draft&gt; test of the writers');
    expect(xmp).not.toContain('<draft>');
    expect(xmp).toMatch(/<dc:creator><rdf:Seq><rdf:li>Ada Lovelace<\/rdf:li><rdf:li>Grace Hopper<\/rdf:li>/);
    expect(xmp).toContain('<rdf:li>fixture</rdf:li><rdf:li>typesetting</rdf:li>');
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>');
    expect(xmp).toContain('<xmp:CreateDate>2025-03-01T00:00:00Z</xmp:CreateDate>');
  });
});

describe.skipIf(NO_PDF_TOOLS)('the build writes one PDF per briefing and locale', () => {
  it('output/<locale>/<slug>.pdf for every locale, with the draft notice and the other editions', async () => {
    const out = path.join(TMP, 'build');
    const result = await build({ env: nodeEnv({ contentRoot: CONTENT, outputRoot: out, sourceDateEpoch: '' }), formats: ['pdf'] });
    expect(result.ok).toBe(true);
    const locales = readdirSync(CONTENT);
    for (const locale of locales) {
      const file = path.join(out, locale, 'paris-ai-summit-2025.pdf');
      expect(readFileSync(file).subarray(0, 8).toString()).toBe('%PDF-1.7');
    }
    const rw = pdfText(path.join(out, 'rw', 'paris-ai-summit-2025.pdf')).replace(/\s+/g, ' ');
    const strings = localeStrings(fr.ctx.catalogue.locales.get('rw')!);
    expect(rw).toContain(strings.draftNotice!.replace(/\s+/g, ' ').slice(0, 40));
    expect(rw).toContain(strings.alsoAvailableIn);
    for (const other of ['Français', 'English', 'Kiswahili']) expect(rw).toContain(other);
    const frText = pdfText(path.join(out, 'fr', 'paris-ai-summit-2025.pdf'));
    expect(frText).not.toContain(fr.ctx.strings.draftNotice!.slice(0, 30));
  });
});

describe.skipIf(NO_PDF_TOOLS)('navigation', () => {
  it('has one bookmark per heading, nested like the headings, each opening its named destination', () => {
    const outline = outlineOf(ec.file);
    const strings = ec.ctx.strings;
    const expected: Array<[number, string]> = [
      [1, strings.contents!],
      ...ec.doc.headings.map((h): [number, string] => [h.depth - 1, h.text]),
      [1, strings.footnotes!],
      [1, strings.resources!],
    ];
    expect(outline.map(([d, t]) => [d, t])).toEqual(expected);
    const names = new Set(destNames(ec.file));
    for (const [, , dest] of outline) expect(names.has(dest), dest).toBe(true);
  });

  it('named destinations for headings, footnotes, footnote references and appendix entries', () => {
    const names = destNames(ec.file);
    for (const h of ec.doc.headings) expect(names).toContain(h.id);
    for (const r of ec.doc.resources) expect(names).toContain(r.id);
    expect(names).toEqual(expect.arrayContaining(['fn-note', 'fn-second', 'fnref-note', 'fnref-second']));
    // PDF name trees are sorted by bytes.
    expect([...names].sort()).toEqual(names);
    // Non-ASCII heading ids become ASCII names.
    expect(destNames(fr.file)).toContain('les-th%C3%A8mes-du-sommet');
  });

  it('makes every body link and every resource a link annotation, URIs in ASCII', () => {
    for (const r of [ec, fr]) {
      const links = linkAnnotations(r.file);
      const uris = links.map((l) => l.uri).filter(Boolean);
      for (const res of r.doc.resources) expect(uris).toContain(res.url);
      for (const u of uris) expect(u).toMatch(/^[\x21-\x7e]+$/);
      // Internal links point at destinations that exist.
      const names = new Set(destNames(r.file));
      for (const l of links.filter((x) => x.dest !== undefined)) expect(names.has(l.dest!), l.dest).toBe(true);
    }
    // Every external link of the body is clickable where it stands.
    const bodyLinks: string[] = [];
    visit(ec.doc.tree, 'element', (el: Element) => {
      if (el.tagName === 'a' && el.properties.dataResource !== undefined) bodyLinks.push(String(el.properties.href));
    });
    expect(bodyLinks.length).toBeGreaterThanOrEqual(3);
    const links = linkAnnotations(ec.file);
    for (const href of bodyLinks) expect(links.filter((l) => l.uri === href).length, href).toBeGreaterThanOrEqual(2); // body + appendix
    const dests = links.map((l) => l.dest);
    expect(dests).toEqual(expect.arrayContaining(['fn-note', 'fn-second', 'fnref-note', 'resource-2', 'resource-4', 'second-level-heading', 'resources']));
    expect(links.find((l) => l.uri === 'https://example.org/page?id=1')?.contents).toBe('link to the example');
  });

  it('percent-encodes non-ASCII URLs', async () => {
    const { file } = await renderSource('unicode-url', '---\ntitle: U\ndate: 2025-01-02\n---\n\nSee [the café](https://example.org/café?q=été).\n');
    expect(linkAnnotations(file).map((l) => l.uri)).toContain('https://example.org/caf%C3%A9?q=%C3%A9t%C3%A9');
  });
});

describe.skipIf(NO_PDF_TOOLS)('accessibility: the structure tree', () => {
  it('holds the real structure, in reading order, with alt text and artifacts for page furniture', () => {
    const tree = tool('pdfinfo', ['-struct-text', ec.file]);
    for (const tag of ['Document', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Figure', 'Caption', 'Link', 'Note', 'BlockQuote', 'Code', 'TOC', 'TOCI']) {
      expect(tree, tag).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
    }
    // Reading order: headings in document order after the table of contents.
    const body = tree.slice(tree.indexOf('Intro paragraph'));
    let at = 0;
    for (const h of ec.doc.headings) {
      const i = body.indexOf(`"${h.text}"`, at);
      expect(i, h.text).toBeGreaterThan(at);
      at = i;
    }
    // The running header is an artifact: the title appears once (the H1), not per page.
    expect(tree.match(/Every construct: R&D <draft> test of the writers/g)).toHaveLength(1);
    expect(tree).not.toMatch(/Page \d of \d/);
    const figure = [...pdfObjects(ec.file).objects.values()].find((o) => o['/S'] === '/Figure');
    expect(str(figure?.['/Alt'])).toBe('A gradient chart used as a test image');
    // Header cells are column headers.
    expect(tree).toMatch(/TH:\s+\/Scope \/Column/);
  });
});

describe.skipIf(NO_PDF_TOOLS)('every word reaches the reader', () => {
  it('pdftotext holds every word of the source (hyphenated words included)', () => {
    for (const r of [ec, fr]) {
      expect(missingWords(sourceText(r.doc), pdfText(r.file))).toEqual([]);
    }
  });

  it('hyphenates French: a hyphen is drawn only at a line end, and the word reads whole (ActualText)', () => {
    // What the layout drew: pieces ending in a hyphenation hyphen, each carrying its whole word.
    const drawn = fr.result.pages.flatMap((p) => p.units.flatMap((u) => u.unit.items)).filter((d) => d.kind === 'text' && d.actual !== undefined);
    const heads = drawn.filter((d) => d.kind === 'text' && d.actual);
    expect(heads.length).toBeGreaterThan(0);
    const words = new Set(sourceText(fr.doc).normalize('NFC').match(/\p{L}+/gu) ?? []);
    for (const d of heads) {
      if (d.kind !== 'text') continue;
      // "gou-" carries "gouvernance": its stem starts a word of the source.
      const stem = d.text.replace(/-$/, '');
      expect(d.text.endsWith('-'), d.text).toBe(true);
      expect(d.actual!.startsWith(stem) && d.actual!.length > stem.length, `${d.text} → ${d.actual}`).toBe(true);
      expect(words.has(d.actual!.replace(/[^\p{L}].*$/u, '')) || words.has(d.actual!), d.actual).toBe(true);
    }
    // The text layer reads whole words, even without poppler's own dehyphenation.
    const raw = pdfText(fr.file, '-raw');
    expect(raw.split('\n').filter((l) => /\p{L}-$/u.test(l.trimEnd()))).toEqual([]);
    expect(pdfText(fr.file)).not.toContain('\u00AD');
  });

  it('never starts a line with : ; ! ? or »', () => {
    for (const r of [ec, fr]) {
      for (const mode of [[], ['-layout']]) {
        const bad = pdfText(r.file, ...mode)
          .split('\n')
          .filter((l) => /^[:;!?»]/.test(l.trim()));
        expect(bad).toEqual([]);
      }
    }
  });

  it('warns about a character no theme font has, naming file and line, and prints U+FFFD', async () => {
    const { result, file } = await renderSource('missing-glyph', '---\ntitle: G\ndate: 2025-01-02\n---\n\nFine text.\n\nA hieroglyph 𓀀 here.\n');
    const warning = result.diagnostics.find((d) => d.code === 'pdf/missing-glyph');
    expect(warning).toMatchObject({ severity: 'warning', file: 'content/en/t.md', line: 8 });
    expect(warning!.message).toContain('U+13000');
    expect(pdfText(file)).toContain('\uFFFD');
  });
});

describe.skipIf(NO_PDF_TOOLS)('layout', () => {
  it('keeps every text box inside the margins (recorded during layout)', () => {
    for (const r of [ec, fr]) {
      const g = r.result.geometry;
      expect(r.result.boxes.length).toBeGreaterThan(100);
      const out = r.result.boxes.filter((b) => b.x < g.left - 0.01 || b.x + b.width > g.right + 0.01 || b.y < g.top - 0.01 || b.y + b.height > g.bottom + 0.01);
      expect(out).toEqual([]);
    }
  });

  it('keeps every word inside the margins (pdftotext -bbox), furniture in the margins only', () => {
    const g = ec.result.geometry;
    const xhtml = tool('pdftotext', ['-bbox', ec.file, '-']);
    const words = [...xhtml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ x1: +m[1]!, y1: +m[2]!, x2: +m[3]!, y2: +m[4]!, w: m[5]! }));
    expect(words.length).toBeGreaterThan(300);
    for (const w of words) {
      expect(w.x1, w.w).toBeGreaterThanOrEqual(g.left - 0.5);
      expect(w.x2, w.w).toBeLessThanOrEqual(g.right + 0.5);
      const inBody = w.y1 >= g.top - 1 && w.y2 <= g.bottom + 1;
      const inHeader = w.y2 <= g.top;
      const inFooter = w.y1 >= g.bottom;
      expect(inBody || inHeader || inFooter, w.w).toBe(true);
    }
  });

  it('has a cover without furniture, then a running header and "page n of N" on every page', () => {
    const pages = pdfText(ec.file).split('\f').filter((p) => p.trim());
    const total = pages.length;
    expect(total).toBe(ec.result.pages.length);
    expect(pages[0]).not.toMatch(/Page \d+ of/);
    for (let i = 1; i < total; i++) {
      expect(pages[i]).toContain(`Page ${i + 1} of ${total}`);
      expect(pages[i]).toContain('Every construct: R&D <draft> test of the writers');
    }
    // French words for the French edition.
    expect(pdfText(fr.file)).toContain(`Page 2 sur ${fr.result.pages.length}`);
  });

  it('prints the table of contents with the page of each heading, linked', () => {
    const cover = pdfText(ec.file).split('\f')[0]!;
    const headingPage = new Map<string, number>();
    ec.result.pages.forEach((p, i) => p.units.forEach(({ unit }) => unit.heading && headingPage.set(unit.heading.title, i + 1)));
    for (const h of ec.doc.headings) {
      expect(cover).toContain(h.text);
      expect(cover).toMatch(new RegExp(`${h.text}[^]*?\\b${headingPage.get(h.text)}\\b`));
    }
  });

  it('draws ordered lists from their start, nested and task lists, and wraps code', () => {
    const text = pdfText(ec.file);
    expect(text).toMatch(/3\. third item with bold\s+4\. fourth item/);
    expect(text).toContain('☑ done task');
    expect(text).toContain('☐ open task');
    expect(text).toMatch(/◦ nested bullet italic/);
    expect(text).toContain('const aVeryLongVariableNameThatKeepsGoing = someFunctionCall(argumentNumberOne,');
  });
});

/** A long generated briefing: many sections, long paragraphs and a long table. */
function longBriefing(): string {
  const para = (i: number) =>
    `Paragraph ${i} discusses governance, accountability and the international coordination of artificial intelligence policies in considerable detail, so that it runs over several lines of the page and tests widows and orphans. `.repeat(3);
  const sections = Array.from({ length: 14 }, (_, s) => `## Section ${s + 1} heading\n\n${para(s)}\n\n${s % 3 === 0 ? '### A subsection\n\n' : ''}${para(s + 100)}\n`).join('\n');
  const rows = Array.from({ length: 70 }, (_, r) => `| Row ${r + 1} | ${r * 3} | A cell with some text that wraps when the column is narrow enough ${r} |`).join('\n');
  return `---\ntitle: Long\ndate: 2025-01-02\n---\n\n${sections}\n\n| Name | Value | Comment |\n|---|--:|---|\n${rows}\n\nEnd.\n`;
}

describe.skipIf(NO_PDF_TOOLS)('page breaking', () => {
  let long: { file: string; pages: PdfLayoutResult['pages'] };
  beforeAll(async () => {
    const env = memoryEnv({ 'en/long.md': longBriefing() });
    const reporter = new Reporter();
    const { catalogue, docs } = await loadDocuments(env, reporter);
    const doc = docs[0]!;
    const result = await layoutPdf(doc, { theme: loadTheme(), strings: localeStrings(doc.locale), catalogue, editions: [], formats: ['pdf'], reporter });
    const file = path.join(TMP, 'long.pdf');
    writeFileSync(file, result.bytes);
    long = { file, pages: result.pages };
  });

  it('never leaves a heading, a first line or a last line alone at a page end', () => {
    expect(long.pages.length).toBeGreaterThan(6);
    for (const page of long.pages.slice(1, -1)) {
      const last = page.units.at(-1)!.unit;
      expect(last.heading).toBeUndefined();
      expect(last.keepWithNext).toBe(false);
    }
  });

  it('repeats the table header (as an artifact) on every page the table continues on', () => {
    const pagesWithRows = long.pages.filter((p) => p.units.some(({ unit }) => unit.repeatHeader !== undefined));
    expect(pagesWithRows.length).toBeGreaterThan(1);
    for (const p of pagesWithRows) {
      const first = p.units[0]!;
      const startsWithRow = first.unit.repeatHeader !== undefined || first.artifact;
      if (startsWithRow) expect(first.artifact).toBe(true);
    }
    const pages = pdfText(long.file).split('\f');
    const withHeader = pages.filter((t) => /Name\s+Value\s+Comment/.test(t));
    expect(withHeader.length).toBe(pagesWithRows.length);
    // The repeated header is not in the structure tree: one header row.
    expect(tool('pdfinfo', ['-struct-text', long.file]).match(/"Comment"/g)).toHaveLength(1);
    expect(run('qpdf', ['--check', long.file]).status).toBe(0);
  });
});

/** A PNG of w×h pixels (RGB gradient), written without an image library. */
function png(w: number, h: number): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const v of b) c = crcTable[(c ^ v) & 255]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(td));
    return Buffer.concat([head, td, tail]);
  };
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([(x * 255) / w, (y * 255) / h, 128], y * (w * 3 + 1) + 1 + x * 3);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2], 8);
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

describe.skipIf(NO_PDF_TOOLS)('edge cases', () => {
  it('long code tokens, unbreakable words in narrow columns, huge images, empty items, other scripts: all inside the margins', async () => {
    const md = [
      '---\ntitle: Edges\ndate: 2025-01-02\n---\n',
      '## A heading with `code` and [a link](https://example.org/h) that goes on long enough to need a second line of its own\n',
      'Code: `aVeryLongIdentifierWithoutAnySpacesThatIsLongerThanTheLineItselfAndMustBeSplitSomewhereToFitInsideTheMargins` here.\n',
      'Greek Αθήνα, Cyrillic Москва, decomposed accents cafe\u0301 and re\u0301sume\u0301.\n',
      '1. one\n2. \n3. three\n',
      '| A | B | C | D | E | F | G | H |\n|---|---|---|---|---|---|---|---|\n| Supercalifragilisticexpialidociousandevenlongerthanthat | 2 | 3 | 4 | 5 | 6 | 7 | 8 |\n',
      '![A very tall image](img/tall.png)\n',
      // Twenty columns: the padding and then the type shrink so that no number is split.
      `${'| c '.repeat(20)}|\n${'|---'.repeat(20)}|\n${'| 123 '.repeat(20)}|\n`,
      // A link text over two source lines becomes a resource title with a line end.
      'A [link text\nover two lines](https://example.org/two-lines) here.\n',
    ].join('\n');
    const env = memoryEnv({ 'en/edges.md': md, 'en/img/tall.png': png(300, 1400) });
    const reporter = new Reporter();
    const { catalogue, docs } = await loadDocuments(env, reporter);
    const doc = docs[0]!;
    const result = await layoutPdf(doc, { theme: loadTheme(), strings: localeStrings(doc.locale), catalogue, editions: [], formats: ['pdf'], reporter });
    const file = path.join(TMP, 'edges.pdf');
    writeFileSync(file, result.bytes);
    expect(run('qpdf', ['--check', file]).status).toBe(0);
    const g = result.geometry;
    expect(result.boxes.filter((b) => b.x < g.left - 0.01 || b.x + b.width > g.right + 0.01)).toEqual([]);
    const text = pdfText(file);
    // A code token longer than a line is split without a hyphen (a hyphen would change
    // the code), so extracted text shows its two halves; every other word is whole.
    const token = 'aVeryLongIdentifierWithoutAnySpacesThatIsLongerThanTheLineItselfAndMustBeSplitSomewhereToFitInsideTheMargins';
    expect(missingWords(sourceText(doc), text)).toEqual([token]);
    expect(text.replace(/\s+/g, '')).toContain(token);
    expect(text).toMatch(/1\. one\s+2\.\s+3\. three/);
    // The image is scaled to fit the page, keeping its proportions.
    const image = result.pages.flatMap((p) => p.units.flatMap((u) => u.unit.items)).find((d) => d.kind === 'image');
    expect(image && image.kind === 'image' && image.h <= g.contentHeight && Math.abs(image.w / image.h - 300 / 1400) < 0.001).toBe(true);
    expect(reporter.list.filter((d) => d.code.startsWith('pdf/'))).toEqual([]);
  });
});

describe('determinism', () => {
  it('renders the same bytes twice, and the build gives the same sha256', async () => {
    const again = await layoutPdf(ec.doc, ec.ctx);
    expect(sha(again.bytes)).toBe(sha(ec.result.bytes));
    const builds = await Promise.all(
      [0, 1].map(async () => {
        const env = memoryEnv({ 'fr/paris.md': readFileSync(path.join(CONTENT, 'fr', 'paris-ai-summit-2025.md')) });
        const r = await build({ env, formats: ['pdf'] });
        expect(r.ok).toBe(true);
        return r.artifacts[0]!.sha256;
      }),
    );
    expect(builds[0]).toBe(builds[1]);
  });
});
