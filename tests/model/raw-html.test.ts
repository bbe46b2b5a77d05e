/**
 * rehype-raw runs only on trees that hold raw HTML (parse-markdown.ts). A document without
 * any must come out as the HTML parser would have made it; one with raw HTML must still
 * have it parsed and sanitised.
 */
import { describe, expect, it } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import rehypeRaw from 'rehype-raw';
import { unified } from 'unified';
import { parseMarkdown, toHast } from '../../src/model/parse-markdown.js';
import { Reporter } from '../../src/diagnostics.js';

const hast = (markdown: string, reporter = new Reporter()) => toHast(parseMarkdown(markdown, 'test.md').mdast, { strings: {}, reporter, file: 'test.md' });

const plain = [
  '# Titre',
  '',
  'Un paragraphe avec **gras**, *italique*, `code` et une note[^1].',
  '',
  '| A | B |',
  '|:--|--:|',
  '| 1 | 2 |',
  '',
  '- un',
  '  1. deux',
  '- [x] fait',
  '',
  '> citation',
  '',
  '```js',
  'const a = 1 < 2;',
  '```',
  '',
  '[^1]: La note.',
].join('\n');

describe('raw HTML', () => {
  it('leaves a document without raw HTML as the HTML parser would have made it', () => {
    const tree = hast(plain);
    const reparsed = unified().use(rehypeRaw).runSync(structuredClone(tree));
    expect(toHtml(tree)).toBe(toHtml(reparsed as typeof tree));
    expect(toHtml(tree)).toContain('data-footnote-ref=""');
    expect(toHtml(tree)).toContain('<td class="align-right">2</td>');
  });

  it('still parses and sanitises raw HTML, and says what it removed', () => {
    const reporter = new Reporter();
    const html = toHtml(hast('Texte <abbr title="Intelligence artificielle">IA</abbr> et <script>alert(1)</script> fin.', reporter));
    expect(html).toContain('<abbr title="Intelligence artificielle">IA</abbr>');
    expect(html).not.toContain('script');
    expect(reporter.list.some((d) => d.code === 'sanitize/element' && d.message.includes('<script>'))).toBe(true);
  });
});
