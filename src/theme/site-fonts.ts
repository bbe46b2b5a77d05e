/**
 * Font files shared by every page of the site. Each theme face is published once as a
 * WOFF2 subset of a fixed, content-independent character set (Latin, Latin-1 and
 * Latin Extended, punctuation, currency: every character the four Paris locales and most
 * Latin-script languages use), under `assets/fonts/<face>-<hash>.woff2`. Every page links
 * the same file, so a browser downloads each face once for the whole site, and the file
 * is made once per machine (the build cache keeps it across builds).
 *
 * A page that shows characters outside that set (another script) gets its own subset of
 * the base set plus its characters instead, content-addressed and cached the same way.
 * The page's text decides only which file it links, never what a shared file holds, so an
 * edit to one briefing never changes another page.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PREPARED_FONTS } from '../install/paths.js';
import type { CacheStore } from '../cache/store.js';
import { sha256 } from '../cache/store.js';
import { SAFETY_SET, subsetCharacters, subsetFontBytes } from './font-subset.js';
import { fontBytes, type Theme } from './theme.js';

/** A page links `../assets/fonts/…`: pages live one folder down, at `<locale>/<slug>.html`. */
const FONT_FOLDER = 'assets/fonts';

function range(from: number, to: number): string {
  let s = '';
  for (let c = from; c <= to; c++) s += String.fromCodePoint(c);
  return s;
}

/**
 * The shared set: Basic Latin, Latin-1, Latin Extended-A/B, punctuation and spaces,
 * currency, arrows (the footnote back-link ↩), a few mathematical signs, bullets.
 */
export const BASE_CHARACTERS = subsetCharacters(
  range(0x20, 0x7e) + range(0xa0, 0x24f) + range(0x2000, 0x206f) + range(0x20a0, 0x20bf) + range(0x2190, 0x21ff) +
    '\u2116\u2122\u2212\u2248\u2260\u2264\u2265\u221e\u25aa\u25e6\u25cf\u25a0\u2713\u2717' + SAFETY_SET,
);
const BASE_SET = new Set(BASE_CHARACTERS);

export interface SiteFontOptions {
  /** The build cache: subsets survive the build that made them. */
  cache?: CacheStore;
}

export interface FontAsset {
  path: string;
  bytes: Uint8Array;
}

/** Hands the HTML writer a URL per face and remembers the files it must publish. */
export interface FontProvider {
  /** URL of the subset of theme font `file` that covers `text`, relative to a page. */
  url(file: string, text: string): Promise<string>;
  /** The font files handed out so far. */
  used(): FontAsset[];
}

/** Subsets made in this process (a worker renders many pages with the same faces); bounded. */
const made = new Map<string, Promise<FontAsset>>();
const MADE_LIMIT = 64;

/** Bump when the subset recipe changes: cached subsets of the old recipe are then unused. */
const RECIPE = 'hinted-v2';

// Shared subsets are made when Briefpress is installed (`make compile` runs
// scripts/prepare-fonts.mjs into PREPARED_FONTS): WOFF2 compression costs about a second
// per face, and the shared subsets depend only on the theme's font files, never on content.

function subsetKey(file: string, characters: string): string {
  return sha256(`${RECIPE}\0${file}\0${sha256(fontBytes(file))}\0${characters}`);
}

/**
 * The shared subsets are WOFF2 (smallest; made once). A page's own subset (other scripts)
 * is WOFF: zlib makes it in a tenth of WOFF2's time, and it serves only that page.
 */
async function makeSubset(file: string, characters: string, cache: CacheStore | undefined): Promise<FontAsset> {
  const key = subsetKey(file, characters);
  const format = characters === BASE_CHARACTERS ? 'woff2' : 'woff';
  const name = `${FONT_FOLDER}/${file.replace(/\.ttf$/i, '').toLowerCase()}-${key.slice(0, 12)}.${format}`;
  const prepared = await fs.readFile(path.join(PREPARED_FONTS, `${key}.woff2`)).catch(() => undefined);
  if (prepared) return { path: name, bytes: new Uint8Array(prepared) };
  const record = await cache?.getRecord<{ sha: string }>('font', key);
  const cached = record && (await cache!.getBlob(record.sha));
  if (cached) return { path: name, bytes: cached };
  const bytes = await subsetFontBytes(fontBytes(file), characters, format);
  if (cache) await cache.putRecord('font', key, { sha: await cache.putBlob(bytes) });
  return { path: name, bytes };
}

let lastText: string | undefined;
let lastCharacters = BASE_CHARACTERS;

/** The characters a face needs for `text`: the base set, plus what the text has beyond it. */
export function faceCharacters(text: string): string {
  // A page asks once per face with the same text: scan it once.
  if (text === lastText) return lastCharacters;
  let extra = '';
  for (const ch of new Set(text)) if (!BASE_SET.has(ch) && ch.codePointAt(0)! >= 0x20) extra += ch;
  lastText = text;
  lastCharacters = extra ? subsetCharacters(BASE_CHARACTERS + extra) : BASE_CHARACTERS;
  return lastCharacters;
}

export function siteFontProvider(_theme: Theme, options: SiteFontOptions): FontProvider {
  const used = new Map<string, FontAsset>();
  return {
    async url(file, text) {
      const characters = faceCharacters(text);
      const memo = `${file}\0${characters}`;
      let pending = made.get(memo);
      if (!pending) {
        pending = makeSubset(file, characters, options.cache);
        pending.catch(() => made.delete(memo));
        made.set(memo, pending);
        if (made.size > MADE_LIMIT) made.delete(made.keys().next().value!);
      }
      const asset = await pending;
      used.set(asset.path, asset);
      return `../${asset.path}`;
    },
    used: () => [...used.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
}

/** Writes the shared subset of each face of the themes into `dir` (install time); skips those present. */
export async function prepareSharedFonts(themes: Theme[], dir: string, only?: (file: string, i: number) => boolean): Promise<string[]> {
  const files = [...new Set(themes.flatMap((theme) => Object.values(theme.fonts).flatMap((f) => [f.regular, f.bold, f.italic, f.boldItalic])))].sort();
  const written: string[] = [];
  await fs.mkdir(dir, { recursive: true });
  for (const [i, file] of files.entries()) {
    if (only && !only(file, i)) continue;
    const target = path.join(dir, `${subsetKey(file, BASE_CHARACTERS)}.woff2`);
    if (await fs.stat(target).catch(() => undefined)) continue;
    const bytes = await subsetFontBytes(fontBytes(file), BASE_CHARACTERS, 'woff2');
    const tmp = `${target}.tmp-${process.pid}`;
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, target);
    written.push(file);
  }
  return written;
}
