/**
 * The EPUB edition, end to end: every locale of content/ and the every-construct fixture
 * are built once, then checked with epubcheck (one JVM for all books) and read back:
 * language, navigation, every word, links both ways, what the library's allowlist
 * would drop, metadata, fonts, determinism, and "no network, ever".
 */
import { createHash } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import net from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { h } from 'hastscript';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { build, loadDocuments, localeStrings } from '../../src/build.js';
import { renderCover } from '../../src/cover/render-cover.js';
import { DiagnosticError, Reporter, formatDiagnostic } from '../../src/diagnostics.js';
import { memoryEnv } from '../../src/env.js';
import { loadLinkRules, normaliseUrl } from '../../src/model/normalise-url.js';
import type { BriefingDocument } from '../../src/model/types.js';
import { fontBytes, loadTheme } from '../../src/theme/theme.js';
import { renderEpub } from '../../src/writers/epub/index.js';
import { OfflineEpub, RefusedDownloadError } from '../../src/writers/epub/offline-epub.js';
import type { WriterContext } from '../../src/writers/types.js';
import { CONTENT, FIXTURES, readTree } from '../helpers/fixtures.js';
import { customerTextAsPublished, missingWords } from '../helpers/text.js';
import { lacking } from '../helpers/tools.js';
import { epubcheck, openBook, type Book } from './epub-support.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const EDGE_CASES = `---
title: "Edge cases"
date: 2024-06-01
---

### Before any section

Intro with a [link to a later section](#2025-en-bref), a [link to a section here](#before-any-section) and a [briefing](only-a-paragraph.md).

## 2025 en bref

Text with a note.[^a]

## Café & thé

Back to [the start](#before-any-section).

![](img/chart.png)

[^a]: The note.
`;

const NO_HEADINGS = `---
title: "Only a paragraph"
date: 2024-06-01
---

Just one paragraph, no section, no note, no link.
`;

interface Built {
  bytes: Uint8Array;
  book: Book;
  doc: BriefingDocument;
  source: string;
}

/** Builds the EPUBs of a content folder (as a map of files) and models its documents. */
async function buildFolder(files: Record<string, string | Uint8Array>): Promise<{ books: Map<string, Built>; warnings: string[] }> {
  const env = memoryEnv(files);
  const result = await build({ env, formats: ['epub'] });
  expect(result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  const { docs } = await loadDocuments(env, new Reporter());
  const books = new Map<string, Built>();
  for (const doc of docs) {
    const bytes = env.outputs.get(`${doc.locale.code}/${doc.slug}.epub`)!;
    expect(bytes, `${doc.locale.code}/${doc.slug}.epub`).toBeDefined();
    const source = files[doc.sourcePath]!;
    books.set(`${doc.locale.code}/${doc.slug}`, {
      bytes,
      book: openBook(bytes),
      doc,
      source: typeof source === 'string' ? source : new TextDecoder().decode(source),
    });
  }
  return { books, warnings: result.diagnostics.filter((d) => d.severity === 'warning').map(formatDiagnostic) };
}

let contentFiles: Record<string, Uint8Array>;
let content: Map<string, Built>;
let fixture: Built;
let edge: Built;
let bare: Built;
let edgeWarnings: string[];
let locales: string[];

beforeAll(async () => {
  locales = readdirSync(CONTENT, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  contentFiles = readTree(CONTENT);
  content = (await buildFolder(contentFiles)).books;
  fixture = (await buildFolder(readTree(path.join(FIXTURES, 'every-construct')))).books.get('en/every-construct')!;
  const chart = readTree(path.join(FIXTURES, 'every-construct'))['en/img/chart.png']!;
  const edgeBuild = await buildFolder({ 'fr/edge-cases.md': EDGE_CASES, 'fr/img/chart.png': chart, 'fr/only-a-paragraph.md': NO_HEADINGS });
  edge = edgeBuild.books.get('fr/edge-cases')!;
  bare = edgeBuild.books.get('fr/only-a-paragraph')!;
  edgeWarnings = edgeBuild.warnings;
});

const allBooks = (): Array<[string, Built]> => [...content, ['en/every-construct', fixture], ['fr/edge-cases', edge], ['fr/only-a-paragraph', bare]];

describe.skipIf(lacking('epubcheck', 'epubcheck'))('epubcheck', () => {
  it('reports 0 errors and 0 warnings for every locale, the every-construct fixture and the edge cases', () => {
    expect(locales).toEqual(expect.arrayContaining(['fr']));
    expect([...content.keys()].map((k) => k.split('/')[0]).sort()).toEqual(locales);
    const dir = mkdtempSync(path.join(tmpdir(), 'bp-epub-'));
    const files = allBooks().map(([name, built]) => {
      const file = path.join(dir, `${name.replace('/', '-')}.epub`);
      writeFileSync(file, built.bytes);
      return file;
    });
    const results = epubcheck(files);
    for (const file of files) {
      const r = results.get(file)!;
      expect({ file: path.basename(file), fatals: r.fatals, errors: r.errors, warnings: r.warnings, messages: r.fatals + r.errors + r.warnings ? r.messages : [] }).toEqual({
        file: path.basename(file),
        fatals: 0,
        errors: 0,
        warnings: 0,
        messages: [],
      });
    }
  });
});

describe('package', () => {
  it('is in the locale of the briefing: dc:language, xml:lang of the package, the NCX and every document', () => {
    for (const [name, { book, doc }] of allBooks()) {
      const code = doc.locale.code;
      expect(book.opf, name).toContain(`<dc:language>${code}</dc:language>`);
      expect(book.opf, name).toMatch(new RegExp(`<package [^>]*xml:lang="${code}"`));
      expect(book.text('OEBPS/toc.ncx'), name).toContain(`xml:lang="${code}"`);
      for (const file of book.spine) {
        expect(book.text(`OEBPS/${file}`), `${name} ${file}`).toMatch(new RegExp(`<html [^>]*xml:lang="${code}" lang="${code}" dir="ltr"`));
      }
    }
  });

  it('holds title, people, a description, dates and a stable identifier shared with the NCX', () => {
    const { book, doc } = content.get('fr/paris-ai-summit-2025')!;
    const opf = book.opf;
    expect(opf).toContain('<dc:title id="title">Le Sommet de l’IA à Paris');
    expect(opf).toContain('<dc:publisher>Briefpress</dc:publisher>');
    expect(opf).toContain('<dc:creator id="creator-1">Briefpress</dc:creator>');
    expect(opf).toMatch(/<dc:description>Le Sommet de l’IA à Paris, tenu les 10/);
    expect(opf).toContain('<dc:date>2025-02-20</dc:date>');
    expect(opf).toContain('<meta property="dcterms:modified">2025-02-20T00:00:00Z</meta>');
    const id = /<dc:identifier id="pub-id">(urn:uuid:[0-9a-f-]{36})<\/dc:identifier>/.exec(opf)?.[1];
    expect(id).toBeDefined();
    expect(book.text('OEBPS/toc.ncx')).toContain(`<meta name="dtb:uid" content="${id}"/>`);
    // Each locale is its own book.
    const ids = new Set(allBooks().map(([, b]) => /<dc:identifier[^>]*>([^<]+)</.exec(b.book.opf)?.[1]));
    expect(ids.size).toBe(allBooks().length);
    expect(doc.meta.date).toBe('2025-02-20');

    const fx = fixture.book.opf;
    expect(fx).toContain('<dc:creator id="creator-1">Ada Lovelace</dc:creator>');
    expect(fx).toContain('<dc:creator id="creator-2">Grace Hopper</dc:creator>');
    expect(fx).toContain('<dc:title id="title">Every construct: R&amp;D &lt;draft&gt; test of the writers</dc:title>');
    expect(fx).toContain('<dc:title id="subtitle">A fixture that exercises each Markdown construct</dc:title>');
    // No summary: the description falls back, never empty.
    expect(bare.book.opf).toContain('<dc:description>Only a paragraph</dc:description>');
    expect(bare.book.opf).not.toContain('<dc:creator');
  });

  it('carries schema.org accessibility metadata in the locale’s words, claiming only what the edition has', () => {
    const strings = localeStrings(fixture.doc.locale);
    for (const line of [
      '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>',
      '<meta property="schema:accessMode">textual</meta>',
      '<meta property="schema:accessMode">visual</meta>',
      '<meta property="schema:accessModeSufficient">textual</meta>',
      '<meta property="schema:accessibilityFeature">structuralNavigation</meta>',
      '<meta property="schema:accessibilityFeature">tableOfContents</meta>',
      '<meta property="schema:accessibilityFeature">alternativeText</meta>',
      '<meta property="schema:accessibilityFeature">displayTransformability</meta>',
      '<meta property="schema:accessibilityHazard">none</meta>',
    ]) {
      expect(fixture.book.opf).toContain(line);
    }
    const summaryOf = (b: Built) => /<meta property="schema:accessibilitySummary">([^<]*)<\/meta>/.exec(b.book.opf)?.[1] ?? '';
    // every-construct has notes, a table, a described image and resources: each is said.
    for (const key of ['a11yConformance', 'a11yNavigation', 'a11yNotes', 'a11yTables', 'a11yImages', 'a11yResources', 'a11yHazards']) {
      expect(summaryOf(fixture), key).toContain(strings[key]);
    }
    // A single paragraph: no notes, tables, images, headings or resources to claim.
    const bareStrings = localeStrings(bare.doc.locale);
    for (const key of ['a11yNotes', 'a11yTables', 'a11yImages', 'a11yResources', 'a11yNavigation']) expect(summaryOf(bare), key).not.toContain(bareStrings[key]);
    expect(bare.book.opf).not.toContain('>visual<');
    expect(bare.book.opf).not.toContain('>alternativeText<');
    expect(bare.book.opf).not.toContain('>structuralNavigation<');
    // The Paris briefing has neither images nor tables: its summary does not claim them.
    for (const [name, b] of content) {
      const st = localeStrings(b.doc.locale);
      expect(summaryOf(b), name).toContain(st.a11yConformance);
      expect(summaryOf(b), name).not.toContain(st.a11yImages);
      expect(b.book.opf, name).not.toContain('>alternativeText<');
    }
    for (const [name, b] of allBooks()) expect(b.book.opf, name).not.toContain('a11y:certifiedBy');
  });
});

describe('chapters and navigation', () => {
  it('splits at h2: title page (with the text before the first h2), contents, one chapter per section, notes, resources', () => {
    const { book, doc } = content.get('fr/paris-ai-summit-2025')!;
    const sections = doc.headings.filter((x) => x.depth === 2);
    expect(book.spine).toEqual([
      'title-page.xhtml',
      'toc.xhtml',
      ...sections.map((_, i) => `chapter-0${i + 1}.xhtml`),
      'resources.xhtml',
    ]);
    expect(book.text('OEBPS/title-page.xhtml')).toContain('tenu les 10');
    expect(fixture.book.spine).toEqual(['title-page.xhtml', 'toc.xhtml', 'chapter-01.xhtml', 'notes.xhtml', 'resources.xhtml']);
    expect(bare.book.spine).toEqual(['title-page.xhtml', 'toc.xhtml']);
  });

  it('prints no chapter heading twice: each chapter opens with its own h2 and nothing above it', () => {
    for (const [name, { book }] of allBooks()) {
      for (const file of book.spine.filter((f) => f.startsWith('chapter-'))) {
        const xhtml = book.text(`OEBPS/${file}`);
        const body = xhtml.slice(xhtml.indexOf('<body'));
        const title = /<title>([^<]*)<\/title>/.exec(xhtml)![1]!;
        expect(body.match(/<h1\b/g), `${name} ${file}`).toBeNull();
        expect(body.match(/<h2\b/g)?.length, `${name} ${file}`).toBe(1);
        expect(body, `${name} ${file}`).toMatch(/^<body epub:type="bodymatter">\s*<section [^>]*><h2 id="[^"]+">/);
        // The chapter's title is printed once, as its heading (no library-prepended copy).
        expect(body.split(`>${title}<`).length - 1, `${name} ${file}: "${title}"`).toBe(1);
      }
    }
  });

  it('lists every section in the nav, under the localised contents title, each pointing at its file', () => {
    for (const [name, { book, doc }] of allBooks()) {
      const nav = book.text('OEBPS/toc.xhtml');
      expect(nav, name).toContain(`<h1 id="contents-title">${localeStrings(doc.locale).contents}</h1>`);
      expect(nav, name).toMatch(/<nav [^>]*epub:type="toc"/);
      const links = [...nav.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => ({ href: m[1]!, text: m[2]! }));
      for (const heading of doc.headings) {
        const link = links.find((l) => l.text.replaceAll('&#x26;', '&') === heading.text);
        expect(link, `${name}: ${heading.text}`).toBeDefined();
        const [file, id] = link!.href.split('#');
        expect(book.text(`OEBPS/${file}`), `${name}: ${link!.href}`).toContain(`id="${id}"`);
      }
      // Every document of the spine can be reached from the nav.
      for (const file of book.spine.filter((f) => f !== 'toc.xhtml')) {
        expect(links.some((l) => l.href.split('#')[0] === file), `${name}: ${file}`).toBe(true);
      }
      const ncx = book.text('OEBPS/toc.ncx');
      expect(ncx.match(/<navPoint /g)?.length, name).toBe(links.length);
    }
  });

  it('rewrites links between chapters to file.xhtml#id, so footnotes and [n] refs work both ways', () => {
    for (const [name, { book }] of allBooks()) {
      const ids = new Map(book.spine.map((f) => [f, new Set([...book.text(`OEBPS/${f}`).matchAll(/ id="([^"]+)"/g)].map((m) => m[1]))]));
      for (const file of book.spine) {
        for (const [, href] of book.text(`OEBPS/${file}`).matchAll(/ href="([^"]+)"/g)) {
          if (/^[a-z]+:/.test(href!) || href === 'style.css') continue;
          const [target = '', fragment] = href!.split('#');
          const targetFile = target || file;
          expect(ids.has(targetFile), `${name} ${file}: ${href}`).toBe(true);
          if (fragment !== undefined) expect(ids.get(targetFile)!.has(fragment), `${name} ${file}: ${href}`).toBe(true);
        }
      }
    }
    const chapter = fixture.book.text('OEBPS/chapter-01.xhtml');
    const notes = fixture.book.text('OEBPS/notes.xhtml');
    expect(chapter).toMatch(/<a href="notes\.xhtml#fn-note" id="fnref-note" epub:type="noteref" role="doc-noteref">1<\/a>/);
    expect(notes).toMatch(/<li id="fn-note" epub:type="endnote">/);
    expect(notes).toMatch(/<a href="chapter-01\.xhtml#fnref-note" aria-label="[^"]+" class="data-footnote-backref" epub:type="backlink" role="doc-backlink">/);
    expect(chapter).toContain('<a href="resources.xhtml#resource-3">[3]</a>');
    expect(fixture.book.text('OEBPS/resources.xhtml')).toContain('<li id="resource-3" value="3">');
    // No data-* marker and no id reference to another file survives.
    for (const file of fixture.book.spine) expect(fixture.book.text(`OEBPS/${file}`)).not.toMatch(/ data-|aria-describedby="footnote-label"/);
  });

  it('gives ids that are not XML names a valid replacement, links follow it, links out of the book become text', () => {
    const title = edge.book.text('OEBPS/title-page.xhtml');
    expect(title).toContain('<a href="chapter-01.xhtml#id-2025-en-bref">link to a later section</a>');
    expect(title).toContain('<a href="#before-any-section">link to a section here</a>');
    // A link to another briefing would leave the book (an epubcheck error): its words stay, as text.
    expect(title).toMatch(/and a briefing\.<\/p>/);
    expect(edge.book.text('OEBPS/chapter-01.xhtml')).toMatch(/<h2 id="id-2025-en-bref">2025\u00a0en\u00a0bref<\/h2>/);
    expect(edge.book.text('OEBPS/chapter-02.xhtml')).toContain('<a href="title-page.xhtml#before-any-section">the start</a>');
    // A decorative image keeps its empty alt (the library would write "image-placeholder")
    // and the package does not claim that text alone is enough.
    expect(edge.book.text('OEBPS/chapter-02.xhtml')).toMatch(/<img src="images\/[0-9a-f]{16}\.png" alt=""\/>/);
    expect(edge.book.opf).not.toContain('<meta property="schema:accessModeSufficient">textual</meta>');
    expect(edge.book.opf).not.toContain('alternativeText');
  });
});

describe('what readers get', () => {
  it('holds every word of the customer’s article (French edition)', () => {
    const { book } = content.get('fr/paris-ai-summit-2025')!;
    expect(missingWords(customerTextAsPublished(), book.readableText())).toEqual([]);
  });

  it('holds every word of each source file: front matter shown to readers and the body', () => {
    const rules = loadLinkRules();
    for (const [name, { book, source }] of allBooks()) {
      const [, yaml = '', body = source] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source) ?? [];
      const fm = parseYaml(yaml) as { title: string; subtitle?: string; authors?: string[]; organization?: string; resources?: Array<{ title: string; publisher?: string }> };
      const shown = [fm.title, fm.subtitle, ...(fm.authors ?? []), fm.organization, ...(fm.resources ?? []).flatMap((r) => [r.title, r.publisher])];
      const text = body
        .replace(/\]\([^)]*\)/g, ']') // link and image destinations
        .replace(/\[\^[^\]]+\]:?/g, '') // footnote labels
        .replace(/^(\s*)[-*+] \[[ xX]\]/gm, '$1') // task markers
        .replace(/^\s*\d+[.)]\s/gm, '') // ordered list numbers (CSS draws them)
        .replace(/^```\S+/gm, '```') // code fence info strings
        .replace(/<\/?span[^>]*>/g, '') // raw HTML spans (a run in another language)
        .replace(/https?:\/\/\S+/g, (raw) => {
          const n = normaliseUrl(raw, rules);
          return n.ok ? n.url : raw;
        });
      expect(missingWords(`${shown.filter(Boolean).join('\n')}\n${text}`, book.readableText()), name).toEqual([]);
    }
  });

  it('keeps what the library’s attribute allowlist drops: list start, column alignment, task state, dates, alt text', () => {
    const chapter = fixture.book.text('OEBPS/chapter-01.xhtml');
    expect(chapter).toContain('<ol start="3">');
    expect(chapter).toContain('<th class="align-right">Partners</th>');
    expect(chapter).toContain('<td class="align-center">Short</td>');
    // Each checkbox is labelled by its item's text (WCAG 4.1.2).
    expect(chapter).toContain('<li class="task-list-item"><label><input type="checkbox" checked="checked" disabled="disabled"/> done task</label></li>');
    expect(chapter).toContain('<li class="task-list-item"><label><input type="checkbox" disabled="disabled"/> open task</label></li>');
    expect(chapter).toMatch(/<img src="images\/[0-9a-f]{16}\.png" alt="A gradient chart used as a test image"\/>/);
    expect(chapter).not.toContain('image-placeholder');
    expect(fixture.book.text('OEBPS/title-page.xhtml')).toContain('<time datetime="2025-03-01">');
    expect(fixture.book.text('OEBPS/style.css')).toContain('.align-right { text-align: end; }');
  });

  it('shows the draft notice and the other editions by native name on the title page', () => {
    for (const [name, { book, doc }] of content) {
      const page = book.text('OEBPS/title-page.xhtml');
      const strings = localeStrings(doc.locale);
      const notice = `<p class="notice" role="note">`;
      if (doc.meta.status === 'draft') expect(page, name).toContain(notice);
      else expect(page, name).not.toContain(notice);
      for (const other of locales.filter((l) => l !== doc.locale.code)) {
        expect(page, name).toMatch(new RegExp(`<span lang="${other}">[^<]+</span>`));
      }
      expect(page, name).toContain(`<p class="editions">${strings.alsoAvailableIn} <span lang=`);
    }
    const fr = content.get('fr/paris-ai-summit-2025')!;
    if (locales.includes('rw')) expect(fr.book.text('OEBPS/title-page.xhtml')).toContain('<span lang="rw">Ikinyarwanda</span>');
  });

  it('embeds the theme CSS and subsets of the theme DejaVu faces the book uses, each referenced by @font-face', () => {
    const theme = loadTheme();
    const css = fixture.book.text('OEBPS/style.css');
    expect(css).toContain(`color: ${theme.colors.accent}`);
    // every-construct: body text with strong, em and both; headings and the cover label
    // (heading bold and regular); code, pre and the appendix URLs (mono). No italic
    // heading, no bold or italic code.
    const used = ['body/regular', 'body/bold', 'body/italic', 'body/boldItalic', 'heading/regular', 'heading/bold', 'mono/regular'];
    for (const role of ['body', 'heading', 'mono'] as const) {
      for (const style of ['regular', 'bold', 'italic', 'boldItalic'] as const) {
        const file = theme.fonts[role][style];
        const entry = fixture.book.entries.find((e) => e.name === `OEBPS/fonts/${file}`);
        if (!used.includes(`${role}/${style}`)) {
          expect(entry, file).toBeUndefined();
          expect(css).not.toContain(file);
          expect(fixture.book.opf).not.toContain(file);
          continue;
        }
        expect(css).toContain(`src: url('fonts/${file}')`);
        // A subset of the theme's own file: same face, fewer glyphs (tests/writers/epub-fonts).
        const embedded = fontkit.create(Buffer.from(entry!.data)) as fontkit.Font;
        const original = fontkit.create(Buffer.from(fontBytes(file))) as fontkit.Font;
        expect(embedded.postscriptName, file).toBe(original.postscriptName);
        expect(embedded.numGlyphs, file).toBeLessThan(original.numGlyphs);
        expect(fixture.book.opf).toContain(`href="fonts/${file}" media-type="font/ttf"`);
      }
    }
    expect(css.match(/@font-face/g)).toHaveLength(used.length);
    const [image] = fixture.doc.images.values();
    expect(sha256(fixture.book.entries.find((e) => e.name === `OEBPS/images/${image!.src.replace(/^assets\//, "")}`)!.data)).toBe(sha256(image!.bytes));
  });
});

describe('determinism', () => {
  it('two builds of the same input are byte-identical; zip entries carry the publication date; mimetype comes first, stored', async () => {
    const again = (await buildFolder(contentFiles)).books;
    for (const [name, built] of content) expect(sha256(again.get(name)!.bytes), name).toBe(sha256(built.bytes));
    const fx = await buildFolder(readTree(path.join(FIXTURES, 'every-construct')));
    expect(sha256(fx.books.get('en/every-construct')!.bytes)).toBe(sha256(fixture.bytes));

    for (const [name, { book, doc }] of allBooks()) {
      expect(book.entries[0]!.name, name).toBe('mimetype');
      expect(book.entries[0]!.method, name).toBe(0);
      expect(new TextDecoder().decode(book.entries[0]!.data)).toBe('application/epub+zip');
      for (const e of book.entries) expect(e.date.toISOString(), `${name} ${e.name}`).toBe(doc.published.toISOString());
    }
  });
});

describe('offline', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Every way Node can reach the network throws and is recorded. */
  function trapNetwork(): string[] {
    const calls: string[] = [];
    const trap = (name: string) => (() => {
      calls.push(name);
      throw new Error(`network call ${name} during a build`);
    }) as never;
    vi.spyOn(http, 'request').mockImplementation(trap('http.request'));
    vi.spyOn(http, 'get').mockImplementation(trap('http.get'));
    vi.spyOn(https, 'request').mockImplementation(trap('https.request'));
    vi.spyOn(https, 'get').mockImplementation(trap('https.get'));
    vi.spyOn(net, 'connect').mockImplementation(trap('net.connect'));
    vi.spyOn(net, 'createConnection').mockImplementation(trap('net.createConnection'));
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(trap('net.Socket.connect'));
    vi.spyOn(dns, 'lookup').mockImplementation(trap('dns.lookup'));
    vi.spyOn(globalThis, 'fetch').mockImplementation(trap('fetch'));
    return calls;
  }

  async function modelOf(markdown: string): Promise<{ doc: BriefingDocument; ctx: WriterContext }> {
    const env = memoryEnv({ 'fr/t.md': markdown });
    const reporter = new Reporter();
    const { docs, catalogue } = await loadDocuments(env, reporter);
    const doc = docs[0]!;
    return { doc, ctx: { theme: loadTheme(), strings: localeStrings(doc.locale), catalogue, editions: [], formats: ['epub'], reporter } };
  }

  it('the trap catches the library’s own downloader (node-fetch)', async () => {
    const calls = trapNetwork();
    const fetchOfLibrary = createRequire(createRequire(import.meta.url).resolve('epub-gen-memory'))('node-fetch') as (url: string) => Promise<unknown>;
    await expect(fetchOfLibrary('http://127.0.0.1:9/x.png')).rejects.toThrow();
    expect(calls).toContain('http.request');
  });

  it('a remote image fails fast with a clear message, and nothing touches the network', async () => {
    const { doc, ctx } = await modelOf(NO_HEADINGS);
    // The model already refuses remote images; a tree that still has one must not get past the writer.
    doc.tree.children.push(h('p', [h('img', { src: 'https://example.com/chart.png', alt: 'A chart' })]));
    const calls = trapNetwork();
    const started = performance.now();
    const error = await renderEpub(doc, ctx).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(DiagnosticError);
    expect(String((error as Error).message)).toContain('remote image https://example.com/chart.png cannot go into the EPUB: a build never uses the network');
    expect(ctx.reporter.list).toEqual([expect.objectContaining({ severity: 'error', code: 'epub/remote-image' })]);
    expect(calls).toEqual([]);
  });

  it('through the whole build: a remote image is a placeholder with its alt text and a warning, no network call', async () => {
    const calls = trapNetwork();
    const env = memoryEnv({ 'fr/t.md': `${NO_HEADINGS}\n![c](https://example.com/c.png)\n` });
    const result = await build({ env, formats: ['epub'] });
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map(formatDiagnostic).join('\n')).toContain('warning: remote image https://example.com/c.png is not fetched: a build never uses the network');
    expect(openBook(env.outputs.get('fr/t.epub')!).readableText()).toMatch(/Image indisponible\s: c/);
    expect(calls).toEqual([]);
  });

  it('builds a whole book with every construct, image and fonts, with the network trapped', async () => {
    const calls = trapNetwork();
    const { doc, ctx } = await modelOf(NO_HEADINGS);
    const strings = localeStrings(fixture.doc.locale);
    // The build gives the writer the edition's cover; so does this direct render.
    const cover = await renderCover(fixture.doc, ctx.theme, strings);
    const bytes = await renderEpub(fixture.doc, { ...ctx, strings, cover });
    expect(sha256(bytes)).toBe(sha256(fixture.bytes));
    expect(doc.slug).toBe('t');
    expect(calls).toEqual([]);
  });

  it('the wrapped library refuses, rather than downloads, an image it was not given', () => {
    const make = () =>
      new OfflineEpub({ title: 'T', version: 3 }, [{ title: 'C', content: '<p><img src="https://example.com/x.png" alt="x"/></p>' }], {
        identifier: 'urn:uuid:00000000-0000-8000-8000-000000000000',
        images: new Map(),
        fonts: new Map(),
        zipDate: new Date(0),
        restore: [(x) => x],
      });
    expect(make).toThrow(RefusedDownloadError);
    expect(make).toThrow(/image https:\/\/example\.com\/x\.png was not supplied; the EPUB writer never downloads/);
  });
});

describe('source of the French briefing', () => {
  it('is the file the content folder holds', () => {
    expect(content.get('fr/paris-ai-summit-2025')!.source).toBe(readFileSync(path.join(CONTENT, 'fr', 'paris-ai-summit-2025.md'), 'utf8'));
  });
});
