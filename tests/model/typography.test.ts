/**
 * Locale typography (src/model/typography.ts): the unified plugin over the HTML tree that
 * every format renders, and the string helper used for titles and UI strings.
 * Assertions spell the invisible spaces as N (U+202F, narrow no-break) and B (U+00A0).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { Reporter } from '../../src/diagnostics.js';
import { formatDate, loadCatalogue } from '../../src/content/locales.js';
import { parseMarkdown, toHast } from '../../src/model/parse-markdown.js';
import { applyTypography, rehypeTypography, type TypographyRules } from '../../src/model/typography.js';
import { CONTENT, FIXTURES } from '../helpers/fixtures.js';

const N = '\u202F';
const B = '\u00A0';

/** Markdown → the sanitised tree the loader builds, before typography. */
function tree(markdown: string): Root {
  return toHast(parseMarkdown(markdown, 'test.md').mdast, { strings: {}, reporter: new Reporter(), file: 'test.md' });
}

function typeset(t: Root, rules: TypographyRules): Root {
  unified().use(rehypeTypography, { rules }).runSync(t);
  return t;
}

/** Markdown → typeset HTML, with the invisible spaces made visible as N and B. */
function html(markdown: string, rules: TypographyRules = 'fr'): string {
  return visible(toHtml(typeset(tree(markdown), rules), { characterReferences: { useNamedReferences: false } }).trim());
}

function visible(s: string): string {
  return s.replaceAll('&#x202F;', 'N').replaceAll('&#xA0;', 'B').replaceAll(N, 'N').replaceAll(B, 'B');
}

/** Every href/src/title/alt value of a tree, in order. */
function attributes(t: Root): string[] {
  const out: string[] = [];
  visit(t, 'element', (el: Element) => {
    for (const key of ['href', 'src', 'title', 'alt', 'dateTime']) {
      const v = el.properties[key];
      if (v !== undefined) out.push(`${el.tagName}.${key}=${String(v)}`);
    }
  });
  return out;
}

/** Text of each block (paragraph, item, cell, heading...), code excluded. */
function blockTexts(t: Root): string[] {
  const out: string[] = [];
  visit(t, 'element', (el: Element) => {
    if (el.tagName === 'pre' || el.tagName === 'code') return 'skip';
    if (/^(p|li|h[1-6]|td|th|blockquote|figcaption|dt|dd)$/.test(el.tagName)) out.push(toString(el));
    return undefined;
  });
  return out;
}

/** A place where a line could break right before `: ; ! ? »`, or right after `«`. */
const BAD_BREAK = /[ \t\n][:;!?»]|«[ \t\n]|^[:;!?»]/m;

describe('French typography', () => {
  it('puts a narrow no-break space before ; ! ? whether or not the author typed a space', () => {
    expect(html('Vraiment ? Oui ! Non ; peut-être.')).toBe('<p>VraimentN? OuiN! NonN; peut-être.</p>');
    expect(html('Vraiment? Oui! Non; peut-être.')).toBe('<p>VraimentN? OuiN! NonN; peut-être.</p>');
    expect(html('Quoi ?! Comment ?')).toBe('<p>QuoiN?! CommentN?</p>');
    expect(html('Quoi?!')).toBe('<p>QuoiN?!</p>');
  });

  it('puts a no-break space before : and %', () => {
    expect(html('Note : texte. Note: texte.')).toBe('<p>NoteB: texte. NoteB: texte.</p>');
    expect(html('Un taux de 50 % ou de 12%.')).toBe('<p>Un taux de 50B% ou de 12B%.</p>');
  });

  it('leaves clock times, ratios and URLs with colons alone', () => {
    expect(html('À 14:30, un ratio 3:1.')).toBe('<p>À 14:30, un ratio 3:1.</p>');
  });

  it('turns straight quotes into guillemets with narrow no-break spaces, and fixes existing guillemets', () => {
    expect(html('l’accord "Pour une IA durable" signé')).toBe('<p>l’accord «NPour une IA durableN» signé</p>');
    expect(html('l’accord « Pour une IA » signé')).toBe('<p>l’accord «NPour une IAN» signé</p>');
    expect(html('l’accord «Pour une IA» signé')).toBe('<p>l’accord «NPour une IAN» signé</p>');
  });

  it('keeps a guillemet with its word across a soft line break', () => {
    expect(html('l’accord «\nPour une IA\n» signé')).toBe('<p>l’accord «NPour une IAN» signé</p>');
    expect(html('Vraiment\n? Oui')).toBe('<p>VraimentN? Oui</p>');
    expect(html('Le sommet\n: un bilan')).toBe('<p>Le sommetB: un bilan</p>');
  });

  it('binds numbers to what they count and groups digits', () => {
    expect(html('un investissement de 200 milliards d’euros, 1 000 000 de personnes, les 10 et 11 février'))
      .toBe('<p>un investissement de 200Bmilliards d’euros, 1N000N000Bde personnes, les 10Bet 11Bfévrier</p>');
  });

  it('uses the typographic apostrophe', () => {
    expect(html("L'IA de l'Europe")).toBe('<p>L’IA de l’Europe</p>');
  });

  it('never touches inline code or preformatted blocks', () => {
    expect(html('Lancez `a ; b : c \'x\' "y" 50 %` ici.')).toBe('<p>Lancez <code>a ; b : c \'x\' "y" 50 %</code> ici.</p>');
    const block = '```\nif (a) { b(); } // "quoted" : l\'IA ?\n```';
    expect(html(block)).toBe('<pre><code>if (a) { b(); } // "quoted" : l\'IA ?\n</code></pre>');
  });

  it('spaces punctuation after inline code without changing the code', () => {
    expect(html('la commande `build`; puis `check`!')).toBe('<p>la commande <code>build</code>N; puis <code>check</code>N!</p>');
  });

  it('never touches URLs in running text, nor link targets and titles', () => {
    const t = typeset({ type: 'root', children: [h('p', "Voir http://example.org/a?x=1;y=2!z'w : puis www.example.com/l'ia ; ou a.b@example.org !")] }, 'fr');
    expect(visible(toString(t))).toBe("Voir http://example.org/a?x=1;y=2!z'wB: puis www.example.com/l'iaN; ou a.b@example.orgN!");

    const md = tree('Lire [l\'analyse : "IA"](https://example.org/l\'ia?a=1;b=2 "Titre : l\'IA") et <https://example.org/x?y=1>.');
    const before = attributes(md);
    const out = visible(toHtml(typeset(md, 'fr')));
    expect(attributes(md)).toEqual(before);
    expect(before).toContain("a.href=https://example.org/l'ia?a=1;b=2");
    expect(before).toContain("a.title=Titre : l'IA");
    expect(out).toContain('>l’analyseB: «NIAN»</a>');
    expect(out).toContain('>https://example.org/x?y=1</a>');
  });

  it('never touches attributes of raw HTML', () => {
    const md = tree('Une <abbr title="intelligence artificielle : l\'IA">IA</abbr> ; <img src="x.png" alt="Graphique : 50 %">');
    const before = attributes(md);
    typeset(md, 'fr');
    expect(attributes(md)).toEqual(before);
    expect(before).toContain("abbr.title=intelligence artificielle : l'IA");
  });

  it('works across nested inline elements', () => {
    expect(html('l’accord "*Pour une IA*" signé')).toBe('<p>l’accord «N<em>Pour une IA</em>N» signé</p>');
    expect(html('**Note**: texte')).toBe('<p><strong>Note</strong>B: texte</p>');
    expect(html('*important*! et **grave**?')).toBe('<p><em>important</em>N! et <strong>grave</strong>N?</p>');
    // The space the author typed is in the text before the element: it becomes the no-break one.
    expect(html('Quoi *?* Oui **!**')).toBe('<p>QuoiN<em>?</em> OuiN<strong>!</strong></p>');
    expect(html('« *Pour une **IA** durable* »')).toBe('<p>«N<em>Pour une <strong>IA</strong> durable</em>N»</p>');
    expect(html('[*Lien*](https://example.org) : suite')).toBe('<p><a href="https://example.org"><em>Lien</em></a>B: suite</p>');
  });

  it('does not carry context from one block to the next', () => {
    // The second paragraph starts with a quote: it opens.
    expect(html('Fin du texte\n\n"Début" ici')).toBe('<p>Fin du texte</p>\n<p>«NDébutN» ici</p>');
  });

  it('is idempotent', () => {
    const source = readFileSync(path.join(CONTENT, 'fr', 'paris-ai-summit-2025.md'), 'utf8') +
      '\n\nQuoi *?* « *Pour une IA* » **Note**: 50 % de 200 milliards ; "fin" !\n';
    const once = typeset(tree(source), 'fr');
    const twice = typeset(structuredClone(once), 'fr');
    expect(toHtml(twice)).toBe(toHtml(once));
    expect(applyTypography(applyTypography('Note : "IA" ; 50 %', 'fr'), 'fr')).toBe(applyTypography('Note : "IA" ; 50 %', 'fr'));
  });
});

describe('English typography (also rw and sw)', () => {
  it('curls double and single quotes', () => {
    expect(html('She said "hello" and \'bye\'.', 'en')).toBe('<p>She said “hello” and ‘bye’.</p>');
    expect(html('"\'Hi,\' she said," he wrote.', 'en')).toBe('<p>“‘Hi,’ she said,” he wrote.</p>');
    expect(html('(“quoted”) and ("again")', 'en')).toBe('<p>(“quoted”) and (“again”)</p>');
  });

  it('makes apostrophes of contractions, possessives and leading elisions', () => {
    expect(html("Don't, it's, the students' work, the '90s, the 1990's, 'tis and rock 'n' roll", 'en'))
      .toBe('<p>Don’t, it’s, the students’ work, the ’90s, the 1990’s, ’tis and rock ’n’ roll</p>');
  });

  it('keeps Kinyarwanda and Swahili elisions as apostrophes', () => {
    expect(html("Inama ku bwenge bw'ubukorano n'uwa 11", 'en')).toBe('<p>Inama ku bwenge bw’ubukorano n’uwa 11</p>');
  });

  it('curls quotes around nested inline elements', () => {
    expect(html('the "*Current AI*" initiative', 'en')).toBe('<p>the “<em>Current AI</em>” initiative</p>');
    expect(html("the '**AI Act**' vote", 'en')).toBe('<p>the ‘<strong>AI Act</strong>’ vote</p>');
    expect(html('a [“link”](https://example.org)"', 'en')).toBe('<p>a <a href="https://example.org">“link”</a>”</p>');
  });

  it('never touches code, URLs or attributes', () => {
    expect(html('Run `say "hi" \'x\'` now.', 'en')).toBe('<p>Run <code>say "hi" \'x\'</code> now.</p>');
    const md = tree('See [it\'s "here"](https://example.org/it\'s?q="x" "It\'s") or https://example.org/a\'b.');
    const before = attributes(md);
    const out = toHtml(typeset(md, 'en'));
    expect(attributes(md)).toEqual(before);
    expect(out).toContain('>it’s “here”</a>');
    expect(out).toContain(">https://example.org/a'b</a>");
  });

  it('leaves French spacing rules out', () => {
    expect(html('Note: yes; really? 50 %', 'en')).toBe('<p>Note: yes; really? 50B%</p>');
  });

  it('is idempotent', () => {
    const once = typeset(tree(readFileSync(path.join(FIXTURES, 'every-construct', 'en', 'every-construct.md'), 'utf8') + '\n\n"*a*" \'b\' don\'t \'90s\n'), 'en');
    const twice = typeset(structuredClone(once), 'en');
    expect(toHtml(twice)).toBe(toHtml(once));
  });
});

describe('no line starts with : ; ! ? or »', () => {
  const catalogue = loadCatalogue();
  const editions = readdirSync(CONTENT).flatMap((locale) =>
    readdirSync(path.join(CONTENT, locale)).filter((f) => f.endsWith('.md')).map((f) => ({ locale, file: path.join(CONTENT, locale, f) })),
  );

  it.each(editions)('in $locale/$file', ({ locale, file }) => {
    const rules = catalogue.locales.get(locale)!.typography;
    const t = typeset(tree(readFileSync(file, 'utf8')), rules);
    const bad = blockTexts(t).filter((s) => BAD_BREAK.test(s));
    expect(bad).toEqual([]);
  });

  it('in French UI strings as the writers get them', () => {
    expect(applyTypography('Également disponible en :', 'fr')).toBe(`Également disponible en${B}:`);
    expect(applyTypography('Traduction non relue : « brouillon » !', 'fr')).toBe(`Traduction non relue${B}: «${N}brouillon${N}»${N}!`);
  });
});

describe('dates per locale', () => {
  const catalogue = loadCatalogue();
  const ENGLISH_MONTHS = /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/;
  const months = Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2025, m, 20)));

  it('writes Kinyarwanda dates with Kinyarwanda month names, never English ones', () => {
    const rw = catalogue.locales.get('rw')!;
    const dates = months.map((d) => formatDate(d, rw));
    for (const d of dates) expect(d).not.toMatch(ENGLISH_MONTHS);
    expect(dates[1]).toMatch(/\bGashyantare\b/);
    expect(dates[1]).toMatch(/\b20\b/);
    expect(dates[1]).toMatch(/\b2025\b/);
  });

  it('writes Swahili dates in Swahili (Node’s ICU has sw)', () => {
    const sw = catalogue.locales.get('sw')!;
    const dates = months.map((d) => formatDate(d, sw));
    for (const d of dates) expect(d).not.toMatch(ENGLISH_MONTHS);
    expect(dates[1]).toBe('20 Februari 2025');
  });

  it('writes French and English dates through ICU', () => {
    expect(formatDate(months[1]!, catalogue.locales.get('fr')!)).toBe('20 février 2025');
    expect(formatDate(months[1]!, catalogue.locales.get('en')!)).toBe('20 February 2025');
  });
});
