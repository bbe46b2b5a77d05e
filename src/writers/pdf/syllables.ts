/**
 * Syllable-based hyphenation for Kinyarwanda and Kiswahili, for which no Liang patterns
 * exist (TeX, `hyphen`, hyphenopoly, Debian). Both languages write open syllables,
 * (nasal)(consonant)(glide) + vowel, so a word may break:
 *
 * - after a vowel, before a consonant cluster that can start a syllable (an *onset*
 *   of the table below: `ny`, `ng’`, `ch`, `sh`, `mb`, `nd`, `nz`, `mpw`... stay whole);
 *   a cluster that cannot (`rn`, `st` in a loanword) is never split;
 * - between two different vowels (ma-e-nde-le-o); never inside a long vowel (saa, kuu);
 * - never next to an apostrophe; after an elision (y’ingenzi, n’abandi) the rest counts
 *   as a word of its own (y’inge-nzi); the ’ of the sound ng’ (ng’o-mbe) is a letter;
 * - never in a word of fewer than 5 letters, never leaving fewer than 2 letters on
 *   either line.
 *
 * Each language is a table a speaker can check: its vowels, the consonant units that
 * may follow a nasal and take a glide, its nasals and its glides.
 */

export interface SyllableRules {
  description: string;
  vowels: string;
  /** Consonants and digraphs that spell one sound (longest first is not needed: the grammar tries all). */
  consonants: string[];
  /** Nasals that may prefix a consonant in the same syllable (prenasalised mb, nd, nz...). */
  nasals: string[];
  /** Glides that may follow the consonant (bwa, kwa, cya, mya...). */
  glides: string[];
}

export const SYLLABLE_RULES: Readonly<Record<string, SyllableRules>> = {
  rw: {
    description: 'Kinyarwanda: i-ko-ra-na-bu-ha-nga, mpu-za-ma-ha-nga, u-bu-sha-ka-sha-tsi',
    vowels: 'aeiou',
    consonants: ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'ny', 'sh', 'ts', 'pf', 'y', 'w'],
    nasals: ['m', 'n'],
    glides: ['w', 'y'],
  },
  sw: {
    description: 'Kiswahili: ma-e-nde-leo, ki-ma-ta-i-fa, ng’o-mbe, u-fa-nyi-ka-zi',
    vowels: 'aeiou',
    consonants: ['b', 'ch', 'd', 'dh', 'f', 'g', 'gh', 'h', 'j', 'k', 'kh', 'l', 'm', 'n', 'ng’', 'ny', 'p', 'r', 's', 'sh', 't', 'th', 'v', 'y', 'w', 'z',
      // Loanwords: a stop + r or l starts a syllable (pro-gra-mu, tri-li-o-ni).
      'pr', 'tr', 'br', 'gr', 'fr', 'kr', 'dr', 'pl', 'bl', 'kl', 'fl'],
    nasals: ['m', 'n'],
    glides: ['w', 'y'],
  },
};

const MIN_WORD = 5;
const MIN_SIDE = 2;

/** Whether `cluster` (lower case, apostrophes as ’) can start a syllable under `rules`. */
export function isOnset(cluster: string, rules: SyllableRules): boolean {
  const units = rules.consonants;
  const matchUnit = (s: string, allowNasalUnit: boolean): boolean =>
    units.some((u) => s.startsWith(u) && (allowNasalUnit || !rules.nasals.some((n) => u.startsWith(n))) && matchGlide(s.slice(u.length)));
  const matchGlide = (s: string): boolean => s === '' || rules.glides.includes(s);
  if (matchUnit(cluster, true)) return true;
  return rules.nasals.some((n) => cluster.startsWith(n) && cluster.length > n.length && matchUnit(cluster.slice(n.length), false));
}

/** Break offsets inside `word` (code-unit indices), for the line breaker. */
export function syllableBreaks(word: string, rules: SyllableRules): number[] {
  const letters = [...word];
  if (letters.length < MIN_WORD || word === word.toUpperCase()) return [];
  const lower = word.toLowerCase().replace(/'/g, '’');
  const isVowel = (ch: string | undefined) => ch !== undefined && rules.vowels.includes(ch);
  const out: number[] = [];
  for (let i = 1; i < lower.length; i++) {
    if (!isVowel(lower[i - 1])) continue;
    let cut: number | undefined;
    if (isVowel(lower[i])) {
      if (lower[i] !== lower[i - 1]) cut = i;
    } else {
      let j = i;
      while (j < lower.length && !isVowel(lower[j])) j++;
      // A cluster ending the word (a loanword's coda) or holding an apostrophe elsewhere than in ng’ is no onset.
      if (j < lower.length && isOnset(lower.slice(i, j), rules)) cut = i;
    }
    if (cut === undefined) continue;
    if (lower[cut - 1] === '’' || lower[cut] === '’') continue;
    const start = elisionEnd(lower.slice(0, cut), rules);
    if (cut - start >= MIN_SIDE && lower.length - cut >= MIN_SIDE) out.push(cut);
  }
  return out;
}

/** Where the word proper starts after the last elision apostrophe of `head` (0 when none). */
function elisionEnd(head: string, rules: SyllableRules): number {
  for (let k = head.length - 1; k >= 0; k--) {
    if (head[k] !== '’') continue;
    const inUnit = rules.consonants.some((u) => u.endsWith('’') && head.slice(k + 1 - u.length, k + 1) === u);
    if (!inUnit) return k + 1;
  }
  return 0;
}
