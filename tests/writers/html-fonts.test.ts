/**
 * HTML fonts: each page links the DejaVu faces it uses, and only those, as WOFF2 subsets
 * published once for the whole site under assets/fonts/ (every page shares the same files).
 */
import path from 'node:path';
import * as fontkit from 'fontkit';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { memoryEnv } from '../../src/env.js';
import { fontBytes, loadTheme } from '../../src/theme/theme.js';
import { CONTENT, FIXTURES, readTree } from '../helpers/fixtures.js';

/** The site each page was built in, to read the font files it links. */
const siteOf = new Map<string, Map<string, Uint8Array>>();

async function pages(dir: string): Promise<Array<[string, string]>> {
  const env = memoryEnv(readTree(dir));
  expect((await build({ env, formats: ['html'] })).ok).toBe(true);
  const list = [...env.outputs].filter(([k]) => k.endsWith('.html') && k.includes('/') && !k.endsWith('/index.html')).map(([k, v]) => [k, new TextDecoder().decode(v)] as [string, string]);
  for (const [, html] of list) siteOf.set(html, env.outputs);
  return list;
}

/** Each @font-face rule: family, weight, style, its URL and the bytes of the file it names. */
function fontFaces(html: string) {
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
  const rules = [...style.matchAll(/@font-face \{([^}]*)\}/g)].map((m) => m[1]!);
  return {
    style,
    faces: rules.map((rule) => {
      const src = /src: url\('([^']*)'\)/.exec(rule)![1]!;
      // Pages sit at <locale>/<slug>.html: `../assets/fonts/x.woff2` is `assets/fonts/x.woff2` in the site.
      return {
        key: `${/font-family: '([^']+)'/.exec(rule)![1]}/${/font-weight: (\w+)/.exec(rule)![1]}/${/font-style: (\w+)/.exec(rule)![1]}`,
        src,
        bytes: src.startsWith('../') ? siteOf.get(html)?.get(src.slice(3)) : undefined,
      };
    }),
  };
}

/** What the page shows: the text of its body and the alt text of its images. */
function shownText(html: string): string {
  const tree = fromHtml(html) as Root;
  let body: Element | undefined;
  const alts: string[] = [];
  visit(tree, 'element', (el: Element) => {
    if (el.tagName === 'body') body = el;
    if (el.tagName === 'img' && typeof el.properties.alt === 'string') alts.push(el.properties.alt);
  });
  return `${toString(body!)}\n${alts.join('\n')}`;
}

describe('HTML fonts', () => {
  it('links, as WOFF2 files of the site, exactly the faces the every-construct page uses', async () => {
    const theme = loadTheme();
    const [[, html]] = await pages(path.join(FIXTURES, 'every-construct')) as [[string, string]];
    const { style, faces } = fontFaces(html);
    const family = (role: 'body' | 'heading' | 'mono') => theme.fonts[role].family;
    expect(faces.map((f) => f.key)).toEqual([
      `${family('body')}/normal/normal`, `${family('body')}/bold/normal`, `${family('body')}/normal/italic`, `${family('body')}/bold/italic`,
      `${family('heading')}/normal/normal`, `${family('heading')}/bold/normal`,
      `${family('mono')}/normal/normal`,
    ]);
    // Nothing remote: every url() of the page's CSS is one of these site files.
    expect([...style.matchAll(/url\(/g)]).toHaveLength(faces.length);
    for (const f of faces) expect(f.src, f.key).toMatch(/^\.\.\/assets\/fonts\/[a-z-]+-[0-9a-f]{12}\.woff2$/);
    const files = [theme.fonts.body.regular, theme.fonts.body.bold, theme.fonts.body.italic, theme.fonts.body.boldItalic, theme.fonts.heading.regular, theme.fonts.heading.bold, theme.fonts.mono.regular];
    faces.forEach((f, i) => {
      expect(f.bytes, f.key).toBeDefined();
      expect(new TextDecoder().decode(f.bytes!.subarray(0, 4)), f.key).toBe('wOF2');
      const subset = fontkit.create(Buffer.from(f.bytes!)) as fontkit.Font;
      const original = fontkit.create(Buffer.from(fontBytes(files[i]!))) as fontkit.Font;
      expect(subset.postscriptName, f.key).toBe(original.postscriptName);
      // The shared Latin set: a few hundred glyphs of the thousands in the face.
      expect(subset.numGlyphs, f.key).toBeLessThan(original.numGlyphs / 4);
    });
  });

  it('covers every character each page shows with every face it inlines; the Paris pages stay under 150 KB', async () => {
    const paris = await pages(CONTENT);
    expect(paris.length).toBeGreaterThan(0);
    for (const [name, html] of paris) expect(Buffer.byteLength(html), name).toBeLessThan(150 * 1024);
    for (const [name, html] of [...paris, ...(await pages(path.join(FIXTURES, 'every-construct')))]) {
      const shown = [...new Set(shownText(html))].filter((c) => c.trim() !== '');
      const { faces } = fontFaces(html);
      expect(faces.length, name).toBeGreaterThan(0);
      for (const f of faces) {
        const subset = fontkit.create(Buffer.from(f.bytes!)) as fontkit.Font;
        expect(shown.filter((c) => !subset.hasGlyphForCodePoint(c.codePointAt(0)!)), `${name} ${f.key}`).toEqual([]);
      }
    }
  });

  it('shares one file per face between the pages of every locale', async () => {
    const paris = await pages(CONTENT);
    const srcs = paris.map(([, html]) => fontFaces(html).faces.map((f) => f.src).sort().join(' '));
    expect(paris.length).toBeGreaterThan(1);
    expect(new Set(srcs).size).toBe(1);
  });
});
