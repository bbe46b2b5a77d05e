/**
 * Hyphenation for Kinyarwanda and Kiswahili (issue #12): syllable rules checked against
 * a word list built from the real rw and sw briefings, and the PDFs of the Paris
 * briefing: hyphenated line ends in the text pdftotext reads, and justified lines
 * measurably tighter than without hyphenation (the widest inter-word space).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocuments, localeStrings } from '../../src/build.js';
import { Reporter } from '../../src/diagnostics.js';
import { nodeEnv } from '../../src/env.js';
import type { BriefingDocument } from '../../src/model/types.js';
import { loadTheme } from '../../src/theme/theme.js';
import { layoutPdf } from '../../src/writers/pdf/index.js';
import { SYLLABLE_RULES, syllableBreaks } from '../../src/writers/pdf/syllables.js';
import { CONTENT } from '../helpers/fixtures.js';
import { pdfText } from '../helpers/pdf.js';
import { lacking } from '../helpers/tools.js';

const TMP = mkdtempSync(path.join(tmpdir(), 'bp-hyph-'));

/** Words of the rw and sw briefings with their syllabification where a line may break. */
const WORDS: Record<'rw' | 'sw', string[]> = {
  rw: [
    'iko-ra-na-bu-ha-nga', 'mpu-za-ma-ha-nga', 'inshi-nga-no', 'inda-nga-ga-ci-ro', 'bwu-ba-hi-ri-za',
    'Ibi-ga-ni-ro', 'aba-fa-ta-nya-bi-ko-rwa', 'y’inge-nzi', 'ishyi-gi-ki-we', 'ubu-fa-ta-nye', 'imi-yo-bo-re-re',
    'ngo-mbwa', 'Ibi-du-ki-ki-je',
  ],
  sw: [
    'ma-e-nde-leo', 'ki-ma-ta-i-fa', 'Ushi-ri-ki-a-no', 'ma-zi-ngi-ra', 'uwa-ji-bi-ka-ji', 'ucha-mbu-zi', 'dha-ru-ra',
     'mu-hi-mu', 'tekno-lo-jia', 'uwe-ke-za-ji', 'Mku-ta-no', 'ku-ha-ki-ki-sha',
  ],
};

const plain = (w: string) => w.replace(/-/g, '');
const marked = (w: string, lang: 'rw' | 'sw') => {
  let out = '';
  let last = 0;
  for (const b of syllableBreaks(w, SYLLABLE_RULES[lang]!)) {
    out += `${w.slice(last, b)}-`;
    last = b;
  }
  return out + w.slice(last);
};

describe.each(['rw', 'sw'] as const)('syllable hyphenation, %s', (lang) => {
  const source = readFileSync(path.join(CONTENT, lang, 'paris-ai-summit-2025.md'), 'utf8').replace(/'/g, '’');

  it('breaks real words of the briefing between syllables, keeping digraphs and prenasalised clusters whole', () => {
    for (const w of WORDS[lang]) expect(source, `${plain(w)} is a word of content/${lang}`).toContain(plain(w));
    expect(WORDS[lang].map((w) => marked(plain(w), lang))).toEqual(WORDS[lang]);
  });

  it('never breaks a word under 5 letters, never leaves fewer than 2 letters on a line, never splits ny ng’ ch sh mb nd nz', () => {
    const words = [...new Set(source.match(/[\p{L}’]+/gu) ?? [])];
    expect(words.length).toBeGreaterThan(300);
    for (const w of words) {
      const breaks = syllableBreaks(w, SYLLABLE_RULES[lang]!);
      if ([...w].length < 5) expect(breaks, w).toEqual([]);
      for (const b of breaks) {
        expect(b, w).toBeGreaterThanOrEqual(2);
        expect(w.length - b, w).toBeGreaterThanOrEqual(2);
        const pair = w.slice(b - 1, b + 1).toLowerCase();
        expect(['ny', 'ng', 'ch', 'sh', 'mb', 'nd', 'nz'], `${w} at ${b}`).not.toContain(pair);
      }
    }
  });
});

/** The widest gap between two words of a justified body line, in pt. */
function widestSpace(result: Awaited<ReturnType<typeof layoutPdf>>, bodySize: number): number {
  let widest = 0;
  for (const page of result.pages) {
    for (const { unit } of page.units) {
      const texts = unit.items.filter((d) => d.kind === 'text' && d.style.size === bodySize && d.style.rule === 'prose');
      for (let i = 1; i < texts.length; i++) {
        const a = texts[i - 1]!;
        const b = texts[i]!;
        if (a.kind !== 'text' || b.kind !== 'text' || a.y !== b.y || !a.text.endsWith(' ')) continue;
        widest = Math.max(widest, b.x - (a.x + a.width));
      }
    }
  }
  return widest;
}

describe.skipIf(lacking('hyphenated PDF read back by pdftotext', 'poppler-utils')).each(['rw', 'sw'] as const)('the %s PDF of the Paris briefing', (lang) => {
  it('has hyphenated line ends, and tighter justified lines than without hyphenation', async () => {
    const reporter = new Reporter();
    const env = nodeEnv({ contentRoot: CONTENT, outputRoot: TMP, sourceDateEpoch: '' });
    const { catalogue, docs } = await loadDocuments(env, reporter, [lang]);
    const doc = docs[0]!;
    const theme = loadTheme();
    const ctx = { theme, strings: localeStrings(doc.locale), catalogue, editions: [], formats: ['pdf'], reporter };
    const withHyphens = await layoutPdf(doc, ctx);
    const noHyphens: BriefingDocument = { ...doc, locale: { ...doc.locale, hyphenation: null } };
    const without = await layoutPdf(noHyphens, ctx);
    const file = path.join(TMP, `${lang}.pdf`);
    writeFileSync(file, withHyphens.bytes);

    // Line ends the layout hyphenated, and the words they split.
    const texts = withHyphens.pages.flatMap((p) => p.units.flatMap((u) => u.unit.items.filter((d) => d.kind === 'text')));
    const hyphenated: string[] = [];
    texts.forEach((d, i) => {
      if (d.kind !== 'text' || !/\p{L}-$/u.test(d.text)) return;
      const next = texts[i + 1];
      const tail = (next?.kind === 'text' ? next.text : '').split(' ')[0]!;
      hyphenated.push(`${d.text.slice(0, -1).split(' ').at(-1)}${tail}`.replace(/^\P{L}+|\P{L}+$/gu, ''));
    });
    expect(hyphenated.length).toBeGreaterThan(3);
    // pdftotext gives each split word back whole, and it is a word of the source (or of a UI string).
    const extracted = pdfText(file);
    const source = [readFileSync(path.join(CONTENT, lang, 'paris-ai-summit-2025.md'), 'utf8'), ...Object.values(ctx.strings)].join('\n').replace(/'/g, '’');
    for (const word of hyphenated) {
      expect(source).toContain(word);
      expect(extracted).toContain(word);
    }

    const before = widestSpace(without, theme.sizes.body);
    const after = widestSpace(withHyphens, theme.sizes.body);
    console.log(`${lang}: ${hyphenated.length} hyphenated line ends; widest inter-word space ${before.toFixed(2)} pt without hyphenation, ${after.toFixed(2)} pt with`);
    expect(after).toBeLessThan(before);
  });
});
