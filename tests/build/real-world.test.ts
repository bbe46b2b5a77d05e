/**
 * Real documents build: Markdown gathered from public projects (tests/fixtures/real-world,
 * licences in its README) builds with exit 0 and warnings, every EPUB passes epubcheck,
 * and at least 99 % of the distinct words of every source reach the reader in each format.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/model/parse-markdown.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { pdfText } from '../helpers/pdf.js';
import { htmlText, wordsOf } from '../helpers/text.js';
import { cli, lacking } from '../helpers/tools.js';
import { epubcheck, openBook } from '../writers/epub-support.js';

const CONTENT = path.join(FIXTURES, 'real-world', 'content');
const sources = readdirSync(CONTENT).flatMap((locale) => readdirSync(path.join(CONTENT, locale)).map((f) => `${locale}/${f}`));

/** The words an author wrote: the Markdown's text, raw HTML without its tags and attributes. */
function sourceText(markdown: string): string {
  const { mdast } = parseMarkdown(markdown, 'x.md');
  mdast.children = mdast.children.filter((n) => n.type !== 'yaml');
  const parts: string[] = [];
  visit(mdast as Root, (node) => {
    if (node.type === 'html') parts.push(node.value.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]*>/g, ' '));
    else if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') parts.push(node.value);
    else if (node.type === 'image' && node.alt) parts.push(node.alt);
  });
  // Inline pieces of one word (`**a**b`) are rare; blocks must not run together.
  return parts.join(' ');
}

/** Share of the source's distinct words found in `published`, and the missing ones. */
function coverage(source: string, published: string): { share: number; missing: string[] } {
  // A line-end hyphen (soft or real) may join or split a word in the PDF text: accept both readings.
  const have = new Set([...wordsOf(published), ...wordsOf(published.replace(/[-\u2010\u00ad]\n\s*/g, ''))]);
  const words = wordsOf(source);
  const missing = words.filter((w) => !have.has(w));
  return { share: 1 - missing.length / words.length, missing };
}

let out: string;
let run: ReturnType<typeof cli>;

beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'bp-real-'));
  run = cli(['build', '--content', CONTENT, '--out', out, '--no-cache', '--quiet']);
}, 400_000);

describe('real-world Markdown', () => {
  it('builds with exit 0, warnings with file:line:column, and every edition in every format', () => {
    expect(run.stderr).not.toMatch(/: error: /);
    expect(run.status).toBe(0);
    // Warnings name where the problem is: front matter without date, site-absolute images, links for a website.
    expect(run.stderr).toMatch(/content\/fr\/code-of-conduct\.md:\d+:\d+: warning: front matter has no `date`/);
    expect(run.stderr).toMatch(/content\/en\/starting-a-project\.md:\d+:\d+: warning: image \/assets\/images\/starting-a-project\/repository-license-picker\.png is not a path inside the content folder/);
    expect(run.stderr).toMatch(/content\/en\/readme\.md:1:1: warning: the briefing has no YAML front matter/);
    expect(run.stderr).toMatch(/content\/en\/readme\.md:\d+:\d+: warning: raw HTML <picture> removed/);
    for (const src of sources) for (const ext of ['html', 'pdf', 'epub']) expect(readdirSync(path.join(out, path.dirname(src)))).toContain(src.replace(/^.*\//, '').replace(/\.md$/, `.${ext}`));
  });

  it.skipIf(lacking('real-world EPUBs through epubcheck', 'epubcheck'))('every EPUB passes epubcheck with 0 fatals and 0 errors', () => {
    const files = sources.map((s) => path.join(out, s.replace(/\.md$/, '.epub')));
    for (const [file, r] of epubcheck(files)) expect({ file, fatals: r.fatals, errors: r.errors, messages: r.messages.filter((m) => /^(ERROR|FATAL)/.test(m)) }).toMatchObject({ file, fatals: 0, errors: 0 });
  }, 120_000);

  it.skipIf(lacking('real-world PDF text through pdftotext', 'poppler-utils'))('at least 99 % of the distinct words of every source reach the HTML, EPUB and PDF text', () => {
    for (const src of sources) {
      const source = sourceText(readFileSync(path.join(CONTENT, src), 'utf8'));
      const base = path.join(out, src.replace(/\.md$/, ''));
      const published = {
        html: htmlText(readFileSync(`${base}.html`, 'utf8')),
        epub: openBook(new Uint8Array(readFileSync(`${base}.epub`))).readableText(),
        pdf: pdfText(`${base}.pdf`),
      };
      for (const [format, text] of Object.entries(published)) {
        const { share, missing } = coverage(source, text);
        expect({ src, format, share: share >= 0.99 ? 'ok' : share, missing: missing.slice(0, 20) }).toEqual({ src, format, share: 'ok', missing: expect.any(Array) });
      }
    }
  }, 60_000);
});
