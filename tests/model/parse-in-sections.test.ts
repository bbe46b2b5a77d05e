import { describe, expect, it } from 'vitest';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { cutIntoParts, parseInSections } from '../../src/model/parse-in-sections.js';

const markdown = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
const parse = (text: string) => markdown.parse(text);

/** A long document with everything that could go wrong at a cut. */
function awkwardDocument(sections: number): string {
  const out = ['---', 'title: "Long"', '', '## not a heading: front matter', '---', '', 'Intro with [a reference][early], [late][] and a call[^end].', '', '[early]: https://example.org/early', ''];
  for (let s = 1; s <= sections; s++) {
    out.push(`## Section ${s}`, '', `Prose ${s} cites[^n${s}] and [the late one][late] and [undefined][nowhere].`, '');
    out.push('- item one', '- item two', '', '  continued paragraph of item two', '', '## heading after a list', '');
    out.push('| a | b |', '|---|--:|', `| ${s} | [x][early] |`, '');
    out.push('```md', '', '## inside a fence', '', '[^n1]: not a definition', '```', '');
    out.push('<!--', '', '## inside a comment', '', '-->', '');
    out.push('> quoted', '>', '> [^q' + s + ']: a footnote defined in a quote', '');
    out.push(`[^n${s}]: Footnote ${s}.`, '');
  }
  out.push('## The end', '', '[late]: https://example.org/late', '', '[^end]: The last note, called from the start.', '');
  return out.join('\n');
}

describe('parsing a long document in sections', () => {
  const text = awkwardDocument(30);

  it('cuts only before headings outside fences, comments and front matter', () => {
    const parts = cutIntoParts(text, 2000);
    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts.slice(1)) expect(part.text.startsWith('## ')).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    for (const part of parts) {
      expect(part.text).not.toMatch(/^## inside/);
      expect(text.slice(part.offset, part.offset + 20)).toBe(part.text.slice(0, 20));
    }
  });

  it('gives the same tree as one parse: references across parts, positions and all', () => {
    const whole = parse(text);
    const sectioned = parseInSections(text, parse, { threshold: 0, partSize: 2000 });
    expect(sectioned).toEqual(whole);
  });

  it('leaves short documents to one parse', () => {
    let calls = 0;
    parseInSections('# Short\n\ntext\n', (t) => (calls++, parse(t)));
    expect(calls).toBe(1);
  });
});
