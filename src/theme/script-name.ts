/**
 * The English name of a character's script, for warnings ("no font has a glyph for
 * U+0F40 (Tibetan)"). Script property escapes take ISO 15924 codes; `Intl.DisplayNames`
 * names them. Characters of no particular script are named as emoji or symbols.
 */
const CODES = [
  'Latn', 'Grek', 'Cyrl', 'Armn', 'Hebr', 'Arab', 'Syrc', 'Thaa', 'Nkoo', 'Deva', 'Beng', 'Guru', 'Gujr', 'Orya',
  'Taml', 'Telu', 'Knda', 'Mlym', 'Sinh', 'Thai', 'Laoo', 'Tibt', 'Mymr', 'Geor', 'Hang', 'Ethi', 'Cher', 'Cans',
  'Ogam', 'Runr', 'Khmr', 'Mong', 'Hira', 'Kana', 'Bopo', 'Hani', 'Yiii', 'Tglg', 'Java', 'Bali', 'Tfng', 'Vaii',
  'Adlm', 'Olck', 'Brai', 'Copt', 'Goth', 'Linb', 'Xsux', 'Egyp',
] as const;
const patterns = CODES.map((code) => [code, new RegExp(`^\\p{Script=${code}}$`, 'u')] as const);
const names = new Intl.DisplayNames('en', { type: 'script' });

export function scriptName(cp: number): string {
  const ch = String.fromCodePoint(cp);
  for (const [code, re] of patterns) if (re.test(ch)) return names.of(code) ?? code;
  if (/^\p{Extended_Pictographic}$/u.test(ch)) return 'emoji';
  return 'symbols';
}
