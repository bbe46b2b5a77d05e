/**
 * Theme fonts for the editions that carry them: subsets (harfbuzz, deterministic, cached,
 * never a download) and which faces a page uses.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { SAFETY_SET, subsetCharacters, subsetFontBytes, subsetThemeFont } from '../../src/theme/font-subset.js';
import { fontBytes } from '../../src/theme/theme.js';
import { usedFaces } from '../../src/theme/used-faces.js';
import { FIXTURES, ROOT } from '../helpers/fixtures.js';
import { run } from '../helpers/tools.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const face = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes)) as fontkit.Font;

describe('font subsets', () => {
  it('keep the text and the safety set, each character once, in code point order', () => {
    const chars = [...subsetCharacters('Muraho « Kigali » 🎉 zz')];
    expect(new Set(chars).size).toBe(chars.length);
    expect(chars.map((c) => c.codePointAt(0)!)).toEqual(chars.map((c) => c.codePointAt(0)!).sort((a, b) => a - b));
    for (const c of [...SAFETY_SET, '🎉']) expect(chars).toContain(c);
  });

  it('are deterministic: two subsets made afresh (no cache) are the same bytes, in both formats', async () => {
    const serif = fontBytes('DejaVuSerif.ttf');
    const chars = subsetCharacters('Sommet pour l’action sur l’IA — « 200 milliards »');
    for (const format of ['truetype', 'woff2'] as const) {
      const [a, b] = await Promise.all([subsetFontBytes(serif, chars, format), subsetFontBytes(serif, chars, format)]);
      const c = await subsetFontBytes(serif, chars, format);
      expect(sha256(a), format).toBe(sha256(b));
      expect(sha256(a), format).toBe(sha256(c));
    }
  });

  it('hold the glyphs of the text and the safety set, and drop the rest; TrueType for EPUB, WOFF2 for HTML', async () => {
    const ttf = await subsetThemeFont('DejaVuSerif.ttf', 'Muraho « Kigali » é', 'truetype');
    const woff2 = await subsetThemeFont('DejaVuSerif.ttf', 'Muraho « Kigali » é', 'woff2');
    expect(new DataView(ttf.buffer, ttf.byteOffset).getUint32(0)).toBe(0x00010000);
    expect(new TextDecoder().decode(woff2.subarray(0, 4))).toBe('wOF2');
    for (const bytes of [ttf, woff2]) {
      const subset = face(bytes);
      expect(subset.postscriptName).toBe('DejaVuSerif');
      for (const c of 'é\u202F«»’…—0A~') expect(subset.hasGlyphForCodePoint(c.codePointAt(0)!), c).toBe(true);
      expect(subset.hasGlyphForCodePoint(0x0416)).toBe(false); // Cyrillic Zhe: not in the text
      expect(subset.numGlyphs).toBeLessThan(200);
    }
    expect(woff2.byteLength).toBeLessThan(ttf.byteLength);
  });

  it('are cached per file, text and format within a process', async () => {
    const a = subsetThemeFont('DejaVuSans.ttf', 'cache me', 'truetype');
    // Same characters, other order: the same subset.
    expect(subsetThemeFont('DejaVuSans.ttf', 'me cache', 'truetype')).toBe(a);
    expect(subsetThemeFont('DejaVuSans.ttf', 'cache me', 'woff2')).not.toBe(a);
    expect(subsetThemeFont('DejaVuSans-Bold.ttf', 'cache me', 'truetype')).not.toBe(a);
    await a;
  });

  it('never touch the network: a fresh CLI process builds HTML and EPUB with every network door trapped', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'bp-offline-fonts-'));
    const trap = path.join(ROOT, 'tests', 'helpers', 'no-network.mjs');
    const content = path.join(FIXTURES, 'every-construct');
    const r = run(process.execPath, ['--import', trap, path.join(ROOT, 'bin', 'briefpress.js'), 'build', '--content', content, '--out', out, '--format', 'html,epub', '--quiet']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(readdirSync(path.join(out, 'en')).sort()).toEqual(['every-construct.epub', 'every-construct.html', 'feed.xml', 'index.html']);
    expect(readFileSync(path.join(out, 'en', 'every-construct.html'), 'utf8')).toMatch(/src: url\('\.\.\/assets\/fonts\/dejavuserif-[0-9a-f]{12}\.woff2'\)/);
  });
});

describe('faces a page uses', () => {
  it('follows the theme CSS and the browser defaults: headings, cover label, code, appendix URLs, strong, em, th', () => {
    const body = h('body', [
      h('header.title-block', [h('p.label', 'Note d’élégance'), h('h1', ['Title ', h('em', 'leaning')]), h('p.subtitle', 'Sub')]),
      h('p', ['plain ', h('strong', 'bold'), ' ', h('code', 'mono'), h('img', { src: 'x.png', alt: 'Ωmega' })]),
      h('table', [h('tr', [h('th', 'Head'), h('td', [h('cite', 'Cited')])])]),
      h('section.appendix', [h('a.url', { href: 'https://x.test/' }, 'https://x.test/')]),
    ]);
    const used = usedFaces([body], 'fr');
    expect(used.faces.map((f) => `${f.role}/${f.style}`)).toEqual([
      'body/regular', 'body/bold', 'body/italic', 'heading/regular', 'heading/bold', 'heading/boldItalic', 'mono/regular',
    ]);
    // The cover label is upper-cased by CSS: its capitals are text too.
    expect(used.text).toContain('NOTE D’ÉLÉGANCE');
    expect(used.text).toContain('Ωmega');
  });

  it('upper-cases in the language of the element, leaves out the head and whitespace-only text', () => {
    const used = usedFaces([h('html', [h('head', [h('title', 'Ж')]), h('body', [h('header.title-block', [h('p.label', { lang: 'tr' }, 'bilgi')]), '\n  '])])], 'en');
    expect(used.text).toContain('BİLGİ');
    expect(used.text).not.toContain('Ж');
    expect(used.faces).toEqual([{ role: 'heading', style: 'regular' }]);
  });
});
