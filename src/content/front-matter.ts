/**
 * Front matter: parse the YAML block with positions and validate it into `FrontMatter`.
 * Every problem names the file, the line and column of the offending key, and the key.
 */
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import type { Reporter } from '../diagnostics.js';
import type { FrontMatter, ResourceInput } from '../model/types.js';
import { themeNames } from '../theme/theme.js';

export interface FrontMatterSource {
  /** The YAML text between the `---` fences. */
  yaml: string;
  /** 1-based line of the first YAML line in the file. */
  firstLine: number;
  file: string;
}

const KNOWN_KEYS = new Set([
  'title', 'subtitle', 'date', 'summary', 'authors', 'author', 'organization', 'keywords',
  'resources', 'translation_of', 'source_hash', 'status', 'theme',
]);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates an ISO calendar date (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * Returns the validated front matter, or undefined when it has errors (reported).
 * `knownLocales` lets `translation_of` be checked against the catalogue.
 */
export function parseFrontMatter(
  src: FrontMatterSource | undefined,
  reporter: Reporter,
  knownLocales: ReadonlySet<string>,
  bodyFile: string,
): FrontMatter | undefined {
  if (!src) {
    // A README without front matter is served fine: the caller takes the title from the
    // first heading. Say so, since the edition then has no date, summary or resources.
    reporter.warn({
      code: 'front-matter/missing', file: bodyFile, line: 1, column: 1,
      message: 'the briefing has no YAML front matter: title taken from its first heading (else the file name), undated',
      hint: 'start the file with a --- block holding at least `title:` and `date:`',
    });
    return undefined;
  }
  const lc = new LineCounter();
  const doc = parseDocument(src.yaml, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    const p = lc.linePos(offset ?? 0);
    return { file: src.file, line: p.line + src.firstLine - 1, column: p.col };
  };
  let ok = true;
  const fail = (code: string, offset: number | undefined, message: string, hint?: string) => {
    ok = false;
    reporter.error({ code, ...at(offset), message, hint });
  };
  for (const e of doc.errors) fail('front-matter/yaml', e.pos[0], `invalid YAML: ${e.message.split('\n')[0]}`, yamlHint(src.yaml, lc.linePos(e.pos[0]).line));
  if (!ok) return undefined;
  const root = doc.contents;
  if (!isMap(root)) {
    fail('front-matter/not-a-map', root?.range?.[0], 'front matter must be a YAML mapping of keys to values');
    return undefined;
  }
  const pairs = new Map<string, Pair<YamlNode, YamlNode>>();
  for (const pair of root.items as Pair<YamlNode, YamlNode>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    pairs.set(key, pair);
    if (!KNOWN_KEYS.has(key)) {
      reporter.warn({ code: 'front-matter/unknown-key', ...at(pair.key?.range?.[0]), message: `unknown front matter key \`${key}\`, ignored`, hint: `known keys: ${[...KNOWN_KEYS].join(', ')}` });
    }
  }
  const keyPos = (key: string) => pairs.get(key)?.value?.range?.[0] ?? pairs.get(key)?.key?.range?.[0];

  const str = (key: string, required: boolean): string | undefined => {
    const pair = pairs.get(key);
    if (!pair) {
      if (required) fail(`front-matter/missing-${key}`, 0, `front matter has no \`${key}\``, `add \`${key}: ...\` to the front matter`);
      return undefined;
    }
    const v = pair.value;
    if (!isScalar(v) || (typeof v.value !== 'string' && typeof v.value !== 'number') || String(v.value).trim() === '') {
      fail('front-matter/type', keyPos(key), `\`${key}\` must be a non-empty text`);
      return undefined;
    }
    return String(v.value);
  };
  const strList = (key: string): string[] | undefined => {
    const pair = pairs.get(key);
    if (!pair) return undefined;
    const v = pair.value;
    if (isScalar(v) && typeof v.value === 'string') return [v.value];
    if (!isSeq(v) || !v.items.every((i) => isScalar(i) && (typeof i.value === 'string' || typeof i.value === 'number'))) {
      fail('front-matter/type', keyPos(key), `\`${key}\` must be a list of texts`);
      return undefined;
    }
    return v.items.map((i) => String((i as { value: unknown }).value));
  };

  const title = str('title', true);
  // `date` may be written bare (YAML reads it as a string with yaml 1.2 core schema).
  const datePair = pairs.get('date');
  let date: string | undefined;
  if (!datePair) {
    reporter.warn({ code: 'front-matter/missing-date', ...at(0), message: 'front matter has no `date`: the edition is published undated', hint: 'add the publication date, e.g. `date: 2025-02-20`' });
  } else {
    const raw = isScalar(datePair.value) ? String(datePair.value.value) : '';
    if (!isIsoDate(raw)) fail('front-matter/bad-date', keyPos('date'), `\`date\` must be an ISO date YYYY-MM-DD, got ${JSON.stringify(raw)}`, 'write it as e.g. 2025-02-20');
    else date = raw;
  }
  const resources = parseResources(pairs.get('resources'), fail, keyPos('resources'));
  const status = str('status', false);
  if (status !== undefined && status !== 'draft' && status !== 'reviewed') {
    fail('front-matter/bad-status', keyPos('status'), `\`status\` must be draft or reviewed, got ${JSON.stringify(status)}`);
  }
  const theme = str('theme', false);
  if (theme !== undefined && !themeNames().includes(theme)) {
    fail('front-matter/unknown-theme', keyPos('theme'), `\`theme\` names no theme: ${JSON.stringify(theme)}`, `themes (templates/themes/): ${themeNames().join(', ')}`);
  }
  const translationOf = str('translation_of', false);
  if (translationOf !== undefined && !knownLocales.has(translationOf)) {
    fail('front-matter/unknown-locale', keyPos('translation_of'), `\`translation_of\` names an unknown locale ${JSON.stringify(translationOf)}`, `known locales: ${[...knownLocales].join(', ')}`);
  }
  const fm: FrontMatter = {
    title: title ?? '',
    date,
    subtitle: str('subtitle', false),
    summary: str('summary', false),
    organization: str('organization', false),
    authors: strList('authors') ?? strList('author'),
    keywords: strList('keywords'),
    resources,
    translation_of: translationOf,
    source_hash: str('source_hash', false),
    status: status as FrontMatter['status'],
    theme,
  };
  return ok ? fm : undefined;
}

/**
 * A hint for the YAML mistake authors make most: an unquoted value holding ` : `
 * (`title: Paris : le sommet`), which YAML reads as a nested mapping. Shows the quoted form.
 */
export function yamlHint(yaml: string, line: number): string | undefined {
  const lines = yaml.split('\n');
  // The parser may point at the line after the culprit: look at both.
  for (const text of [lines[line - 1], lines[line - 2]]) {
    const m = text === undefined ? null : /^(\s*-?\s*[\w-]+):\s+([^"'\s].*\s:\s.*)$/.exec(text);
    if (m) return `a value containing " : " must be quoted: ${m[1]}: ${JSON.stringify(m[2]!.trim())}`;
  }
  return undefined;
}

function parseResources(
  pair: Pair<YamlNode, YamlNode> | undefined,
  fail: (code: string, offset: number | undefined, message: string, hint?: string) => void,
  pos: number | undefined,
): ResourceInput[] | undefined {
  if (!pair) return undefined;
  const v = pair.value;
  if (!isSeq(v)) {
    fail('front-matter/type', pos, '`resources` must be a list of {title, url, publisher?, lang?}');
    return undefined;
  }
  const out: ResourceInput[] = [];
  v.items.forEach((item, i) => {
    const node = item as YamlNode;
    if (!isMap(node)) {
      fail('front-matter/type', node?.range?.[0], `resources[${i}] must be a mapping with title and url`);
      return;
    }
    const get = (k: string) => {
      const val = node.get(k, true);
      return isScalar(val) && val.value != null ? String(val.value) : undefined;
    };
    const title = get('title');
    const url = get('url');
    if (!title) fail('front-matter/resource-title', node.range?.[0], `resources[${i}] has no \`title\``);
    if (!url) fail('front-matter/resource-url', node.range?.[0], `resources[${i}] has no \`url\``);
    const lang = get('lang');
    let validLang: string | undefined;
    if (lang !== undefined) {
      try {
        validLang = Intl.getCanonicalLocales(lang)[0];
      } catch {
        fail('front-matter/resource-lang', node.get('lang', true)?.range?.[0] ?? node.range?.[0], `resources[${i}] has \`lang: ${lang}\`, not a BCP 47 language tag`, 'e.g. lang: en, lang: zh-Hans');
      }
    }
    if (title && url) out.push({ title, url, publisher: get('publisher'), ...(validLang ? { lang: validLang } : {}) });
  });
  return out;
}
