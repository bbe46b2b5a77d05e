/**
 * Typography per locale, as data: one small table per rule set, read by `typography.ts`.
 * A translator adds or corrects a language here without reading the code that applies it.
 *
 * A locale picks its table by its catalogue `typography:` key, else by its language
 * subtag (`fr-CA` → `fr`), else `default`.
 */

export interface TypographyTable {
  /** What the table is for, in words. */
  description: string;
  /** Straight "…" becomes these. */
  doubleQuotes: readonly [open: string, close: string];
  /** Straight '…' used as quotation marks becomes these (an apostrophe inside a word is always ’). */
  singleQuotes: readonly [open: string, close: string];
  /**
   * French spacing (Imprimerie nationale): a narrow no-break space before ; ! ? and inside
   * « », a no-break space before : and %, and between a number and the word it counts.
   */
  frenchSpacing: boolean;
  /** A no-break space between a number and % ("50 %" never breaks). */
  nbspBeforePercent: boolean;
  /**
   * Titles and headings: a word of at most this many letters is bound to the next one
   * by a no-break space, so no title line ends on it ("un", "à" in French); 0: none.
   */
  bindShortWords: number;
}

const EN_QUOTES = { doubleQuotes: ['\u201C', '\u201D'], singleQuotes: ['\u2018', '\u2019'] } as const;

export const TYPOGRAPHY_TABLES: Readonly<Record<string, TypographyTable>> = {
  fr: {
    description: 'French: « guillemets » with narrow no-break spaces, spaces before ; : ! ? %',
    doubleQuotes: ['«', '»'],
    singleQuotes: ['\u2018', '\u2019'],
    frenchSpacing: true,
    nbspBeforePercent: true,
    bindShortWords: 2,
  },
  en: {
    description: 'English: “curly” and ‘single’ quotes, apostrophes ’',
    ...EN_QUOTES,
    frenchSpacing: false,
    nbspBeforePercent: true,
    bindShortWords: 0,
  },
  de: {
    description: 'German: „Anführungszeichen“ and ‚einfache‘, apostrophes ’',
    doubleQuotes: ['\u201E', '\u201C'],
    singleQuotes: ['\u201A', '\u2018'],
    frenchSpacing: false,
    nbspBeforePercent: true,
    bindShortWords: 0,
  },
  rw: {
    description: 'Kinyarwanda: “curly” quotes; elisions (n’abandi, y’u Rwanda) take the apostrophe ’',
    ...EN_QUOTES,
    frenchSpacing: false,
    nbspBeforePercent: true,
    bindShortWords: 0,
  },
  sw: {
    description: 'Kiswahili: “curly” quotes; ng’ (ng’ombe) takes the apostrophe ’',
    ...EN_QUOTES,
    frenchSpacing: false,
    nbspBeforePercent: true,
    bindShortWords: 0,
  },
  ar: {
    description: 'Arabic: «guillemets» without inner spaces',
    doubleQuotes: ['«', '»'],
    singleQuotes: ['\u2018', '\u2019'],
    frenchSpacing: false,
    nbspBeforePercent: false,
    bindShortWords: 0,
  },
  default: {
    description: 'Any other language: curly quotes, apostrophes ’',
    ...EN_QUOTES,
    frenchSpacing: false,
    nbspBeforePercent: false,
    bindShortWords: 0,
  },
};

/** The table named `name`, or the one of its language subtag, or `default`. */
export function typographyTable(name: string): TypographyTable {
  return TYPOGRAPHY_TABLES[name] ?? TYPOGRAPHY_TABLES[name.split('-')[0]!.toLowerCase()] ?? TYPOGRAPHY_TABLES.default!;
}
