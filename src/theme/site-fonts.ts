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

/** The shared set: Basic Latin, Latin-1, Latin Extended-A/B, IPA-free, punctuation, currency, bullets. */
export const BASE_CHARACTERS = subsetCharacters(
  range(0x20, 0x7e) + range(0xa0, 0x24f) + range(0x2010, 0x205e) + range(0x20a0, 0x20bf) + '\u2116\u2122\u2190\u2191\u2192\u2193\u2212\u25aa\u25e6\u25cf\u25a0\u2713\u2717' + SAFETY_SET,
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

/** Subsets made in this process (a worker renders many pages with the same faces). */
const made = new Map<string, Promise<FontAsset>>();

/** Bump when the subset recipe changes: cached subsets of the old recipe are then unused. */
const RECIPE = 'woff2-hinted-v1';

async function makeSubset(file: string, characters: string, cache: CacheStore | undefined): Promise<FontAsset> {
  const key = sha256(`${RECIPE}\0${file}\0${characters}`);
  const name = `${FONT_FOLDER}/${file.replace(/\.ttf$/i, '').toLowerCase()}-${key.slice(0, 12)}.woff2`;
  const record = await cache?.getRecord<{ sha: string }>('font', key);
  const cached = record && (await cache!.getBlob(record.sha));
  if (cached) return { path: name, bytes: cached };
  const bytes = await subsetFontBytes(fontBytes(file), characters, 'woff2');
  if (cache) await cache.putRecord('font', key, { sha: await cache.putBlob(bytes) });
  return { path: name, bytes };
}

/** The characters a face needs for `text`: the base set, plus what the text has beyond it. */
export function faceCharacters(text: string): string {
  let extra = '';
  for (const ch of new Set(text)) if (!BASE_SET.has(ch) && ch.codePointAt(0)! >= 0x20) extra += ch;
  return extra ? subsetCharacters(BASE_CHARACTERS + extra) : BASE_CHARACTERS;
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
      }
      const asset = await pending;
      used.set(asset.path, asset);
      return `../${asset.path}`;
    },
    used: () => [...used.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
}
