/**
 * Loads a theme, `templates/themes/<name>.yaml`, the one place styling is defined: a
 * theme may `extends:` another and override a few tokens; the merged result is checked
 * against `schema.ts`, and a wrong key or type is a `Diagnostic` at the file, line and
 * column of the offending value (YAML parsed with positions, as the front matter is).
 * Font files come from npm packages (default `dejavu-fonts-ttf`), never system folders.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { LineCounter, isMap, isScalar, parseDocument, type Document } from 'yaml';
import { DiagnosticError, type Diagnostic } from '../diagnostics.js';
import { themeSchema, type ThemeTokens } from './schema.js';
import { templatesDir } from '../install/paths.js';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';
export const FONT_STYLES: FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];
export type FontRole = 'body' | 'heading' | 'mono';
export const FONT_ROLES: FontRole[] = ['body', 'heading', 'mono'];

export type FontFamily = ThemeTokens['fonts']['body'];
/** A face for characters the theme's families lack: an npm @fontsource package (fallback-fonts.ts). */
export type FallbackFamily = NonNullable<ThemeTokens['fallbackFonts']>[number];

/**
 * A loaded theme. Font file entries are bare file names (`DejaVuSerif.ttf`): the name
 * a face is known by in subsets, EPUB files and caches; `fontPath` finds its bytes.
 */
export type Theme = ThemeTokens & { name: string };

export const DEFAULT_THEME = 'default';
const DEFAULT_FONT_PACKAGE = 'dejavu-fonts-ttf/ttf';

const require = createRequire(import.meta.url);

/** Bare font file name → absolute path, filled by every theme loaded in this process. */
const fontFiles = new Map<string, string>();

function registerFont(pkg: string, file: string): string {
  const full = require.resolve(`${pkg}/${file}`);
  const name = path.basename(file);
  const known = fontFiles.get(name);
  if (known && known !== full) throw new Error(`two theme font files are both named ${name}: ${known} and ${full}`);
  fontFiles.set(name, full);
  return name;
}

/** The theme files of a templates folder (`themes/*.yaml`), by name. */
export function themeNames(dir = templatesDir()): string[] {
  const folder = path.join(dir, 'themes');
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
}

/** Path of theme `name`'s file as the user knows it (relative to the working directory). */
export function themeFile(name: string, dir = templatesDir()): string {
  return path.relative(process.cwd(), path.join(dir, 'themes', `${name}.yaml`)) || `${name}.yaml`;
}

interface Layer {
  file: string;
  doc: Document;
  lc: LineCounter;
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` on top of `base`, mapping by mapping (a scalar or list replaces). */
function merge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlain(v) && isPlain(out[k]) ? merge(out[k] as Plain, v) : v;
  return out;
}

/**
 * Where `keyPath` is written: in the most specific layer (the named theme first, then
 * what it extends) that writes it, else where its deepest written parent is. `onKey`
 * points at the key rather than the value.
 */
function locate(layers: Layer[], keyPath: PropertyKey[], onKey: boolean): Pick<Diagnostic, 'file' | 'line' | 'column'> {
  const at = (layer: Layer, offset: number | undefined) => {
    const p = layer.lc.linePos(offset ?? 0);
    return { file: layer.file, line: p.line, column: p.col };
  };
  for (let n = keyPath.length; n > 0; n--) {
    const part = keyPath.slice(0, n) as Array<string | number>;
    for (const layer of layers) {
      if (!layer.doc.hasIn(part)) continue;
      const parent = n > 1 ? layer.doc.getIn(part.slice(0, -1), true) : layer.doc.contents;
      const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === part.at(-1)) : undefined;
      const keyAt = (pair?.key as { range?: [number, number] } | undefined)?.range?.[0];
      const valueAt = (pair?.value as { range?: [number, number] } | undefined)?.range?.[0];
      return at(layer, onKey || n < keyPath.length ? keyAt : (valueAt ?? keyAt));
    }
  }
  return layers[0] ? at(layers[0], 0) : {};
}

/** Small edit distance, for "did you mean" hints on misspelt keys. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

function knownKeys(keyPath: PropertyKey[]): string[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let shape: any = themeSchema;
  // Through optional wrappers and into array items (zod/mini: `def.innerType`, `def.element`).
  const inner = (s: any): any => (s?.def?.innerType ? inner(s.def.innerType) : s);
  for (const k of keyPath) {
    const here = inner(shape);
    shape = typeof k === 'number' ? inner(here?.def?.element) : inner(here?.shape?.[k as string]);
  }
  shape = inner(shape);
  return shape?.shape ? Object.keys(shape.shape) : [];
}

/** Themes read, by folder and name, while their files are unchanged (check, build and the site pages each ask). */
const themesRead = new Map<string, { files: string[]; stamps: string; read: { theme?: Theme; diagnostics: Diagnostic[] } }>();

function stampsOf(files: string[]): string {
  return files.map((f) => {
    try {
      const st = statSync(f);
      return `${st.mtimeMs}:${st.size}`;
    } catch {
      return '-';
    }
  }).join(' ');
}

/**
 * Reads theme `name` with the themes it extends; returns it, or the diagnostics that
 * make it unusable (errors with file:line:column and a hint).
 */
export function readTheme(name = DEFAULT_THEME, dir = templatesDir()): { theme?: Theme; diagnostics: Diagnostic[] } {
  const key = `${dir}\0${name}`;
  const hit = themesRead.get(key);
  if (hit && hit.stamps === stampsOf(hit.files)) return hit.read;
  const files: string[] = [];
  const read = readThemeFiles(name, dir, files);
  themesRead.set(key, { files, stamps: stampsOf(files), read });
  return read;
}

/** `files`: every theme file read, for the cache above. */
function readThemeFiles(name: string, dir: string, files: string[]): { theme?: Theme; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const layers: Layer[] = [];
  const values: Plain[] = [];
  const fail = (d: Omit<Diagnostic, 'severity'>) => diagnostics.push({ severity: 'error', ...d });
  let current: string | undefined = name;
  let from: Pick<Diagnostic, 'file' | 'line' | 'column'> = {};
  while (current !== undefined) {
    const named = /^[a-z0-9][a-z0-9-]*$/.test(current);
    if (named) files.push(path.join(dir, 'themes', `${current}.yaml`)); // a missing file too: it may appear
    if (!named || !existsSync(path.join(dir, 'themes', `${current}.yaml`))) {
      fail({ code: 'theme/unknown', ...from, message: `no theme named ${JSON.stringify(current)}`, hint: `themes in ${path.join(dir, 'themes')}: ${themeNames(dir).join(', ') || 'none'}` });
      return { diagnostics };
    }
    if (layers.some((l) => l.file === themeFile(current!, dir))) {
      fail({ code: 'theme/extends-cycle', ...from, message: `theme ${current} extends itself (through ${layers.map((l) => l.file).join(' → ')})` });
      return { diagnostics };
    }
    const file = themeFile(current, dir);
    const lc = new LineCounter();
    const doc = parseDocument(readFileSync(path.join(dir, 'themes', `${current}.yaml`), 'utf8'), { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    for (const e of doc.errors) {
      const p = lc.linePos(e.pos[0]);
      fail({ code: 'theme/yaml', file, line: p.line, column: p.col, message: `invalid YAML: ${e.message.split('\n')[0]}` });
    }
    if (doc.errors.length) return { diagnostics };
    const value: unknown = doc.toJS();
    if (!isPlain(value)) {
      fail({ code: 'theme/not-a-map', file, line: 1, column: 1, message: 'a theme is a YAML mapping of tokens' });
      return { diagnostics };
    }
    layers.push({ file, doc, lc });
    const { extends: parent, ...tokens } = value;
    values.push(tokens);
    if (parent !== undefined && typeof parent !== 'string') {
      const at = locate([layers.at(-1)!], ['extends'], false);
      fail({ code: 'theme/type', ...at, message: '`extends` names another theme', hint: `themes: ${themeNames(dir).join(', ')}` });
      return { diagnostics };
    }
    from = parent === undefined ? from : locate([layers.at(-1)!], ['extends'], false);
    current = parent;
  }
  const merged = values.reduceRight<Plain>((acc, v) => merge(acc, v), {});
  const result = themeSchema.safeParse(merged, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const known = knownKeys(issue.path);
          const near = known.filter((k) => distance(k.toLowerCase(), key.toLowerCase()) <= 2);
          fail({
            code: 'theme/unknown-key',
            ...locate(layers, [...issue.path, key], true),
            message: `unknown theme key \`${[...issue.path, key].join('.')}\``,
            hint: near.length ? `did you mean \`${near[0]}\`?` : `known keys here: ${known.join(', ')}`,
          });
        }
        continue;
      }
      const keyPath = issue.path.join('.');
      const missing = issue.code === 'invalid_type' && issue.input === undefined;
      fail({
        code: missing ? 'theme/missing-key' : 'theme/type',
        ...locate(layers, issue.path, missing),
        message: missing ? `the theme has no \`${keyPath}\`` : `theme key \`${keyPath}\`: ${issue.message}`,
        hint: missing ? `add \`${issue.path.at(-1) as string}:\` (see ${themeFile(DEFAULT_THEME, dir)})` : hintFor(issue.path),
      });
    }
    return { diagnostics };
  }
  const theme: Theme = { ...result.data, name };
  for (const role of FONT_ROLES) {
    const fam = theme.fonts[role];
    const pkg = fam.package ?? DEFAULT_FONT_PACKAGE;
    for (const style of FONT_STYLES) {
      try {
        fam[style] = registerFont(pkg, fam[style]);
      } catch {
        fail({ code: 'theme/font-file', ...locate(layers, ['fonts', role, style], false), message: `font file ${fam[style]} is not in the npm package ${pkg}`, hint: 'install the package (npm install) or correct the path inside it' });
      }
    }
  }
  return diagnostics.length ? { diagnostics } : { theme, diagnostics };
}

function hintFor(keyPath: PropertyKey[]): string | undefined {
  const top = keyPath[0];
  if (top === 'colors') return 'write a colour as a quoted "#rrggbb"';
  if (top === 'page' && keyPath[1] === 'size') return 'a paper name: A3, A4, A5, B5, Letter or Legal';
  if (top === 'sizes' || top === 'spacing' || top === 'rules') return 'a number of points, without unit';
  return undefined;
}

/**
 * Theme `name`; throws a `DiagnosticError` if it is not usable. Read afresh on every call
 * (about a millisecond): the live preview sees a saved theme at once.
 */
export function loadTheme(name = DEFAULT_THEME, dir = templatesDir()): Theme {
  const read = readTheme(name, dir);
  if (!read.theme) throw new DiagnosticError(read.diagnostics);
  return read.theme;
}

/** Path of a theme font file (for tools that load fonts by path). */
export function fontPath(file: string): string {
  if (file.includes('/') || file.includes('\\')) throw new Error(`font file must be a bare name: ${file}`);
  return fontFiles.get(file) ?? require.resolve(`${DEFAULT_FONT_PACKAGE}/${file}`);
}

const fontCache = new Map<string, Uint8Array>();

/** Bytes of a theme font file; cached, since every writer of every locale embeds them. */
export function fontBytes(file: string): Uint8Array {
  let bytes = fontCache.get(file);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(fontPath(file)));
    fontCache.set(file, bytes);
  }
  return bytes;
}
