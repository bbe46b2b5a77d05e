/**
 * Cache keys: one function per kind of key, each naming every input of what it keys.
 * Forgetting an input is the classic incremental-build bug (a stale artifact served
 * from the cache), so tests change each input in turn and watch what rebuilds.
 *
 *   globalKey   Briefpress code and dependencies, every file under templates/ (themes,
 *               UI strings, locale catalogue, link rules), the build's theme (`--theme`;
 *               a front matter `theme:` is in the source bytes), SOURCE_DATE_EPOCH
 *   editionKey  global + the source path and bytes + every content file it reads
 *               (images, linked files) + the locales of its sibling editions
 *   artifactKey edition + format + the formats the edition has in the site
 *               (the HTML page links its PDF and EPUB)
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceRef } from '../content/discover.js';
import { sha256 } from './store.js';

function hashTree(root: string, keep: (name: string) => boolean): string {
  const parts: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const st = statSync(full);
      const r = rel ? `${rel}/${name}` : name;
      if (st.isDirectory()) walk(full, r);
      else if (keep(name)) parts.push(`${r}\0${sha256(readFileSync(full))}`);
    }
  };
  walk(root, '');
  return sha256(parts.join('\n'));
}

let codeHash: string | undefined;

/** Written beside the bundle's modules at compile time (scripts/bundle.mjs). */
export const FINGERPRINT_FILE = 'code-fingerprint.txt';

/** Every module under `codeRoot` and the lock file of `projectRoot`, hashed. */
export function fingerprintCode(codeRoot: string, projectRoot: string): string {
  let lock = '';
  try {
    lock = sha256(readFileSync(path.join(projectRoot, 'package-lock.json')));
  } catch {
    // installed without a lock file: the code hash alone
  }
  return sha256(`${hashTree(codeRoot, (n) => /\.(js|ts|mjs)$/.test(n))}\0${lock}`);
}

/**
 * The running Briefpress: its compiled modules (or sources under a test runner) and its
 * locked dependencies. A code change invalidates the cache even without a version bump.
 * The bundle carries its fingerprint, made by `fingerprintCode` at compile time: hashing
 * 4 MB of code at every build start was a tenth of a no-op rebuild.
 */
export function codeFingerprint(): string {
  if (codeHash) return codeHash;
  const here = path.dirname(fileURLToPath(import.meta.url));
  try {
    return (codeHash = readFileSync(path.join(here, FINGERPRINT_FILE), 'utf8').trim());
  } catch {
    // tsc output or sources: hash them
  }
  const codeRoot = path.resolve(here, '..');
  return (codeHash = fingerprintCode(codeRoot, path.resolve(codeRoot, '..')));
}

export function globalKey(inputs: { version: string; templatesDir: string; sourceDateEpoch?: Date; theme?: string }): string {
  return sha256(JSON.stringify(['global-v1', inputs.version, codeFingerprint(), hashTree(inputs.templatesDir, () => true), inputs.sourceDateEpoch?.toISOString() ?? null, inputs.theme ?? 'default']));
}

/** Key of the list of content files a source refers to: a function of its path and bytes. */
export function depsKey(global: string, sourcePath: string, sourceSha: string): string {
  return sha256(JSON.stringify(['deps-v1', global, sourcePath, sourceSha]));
}

export function editionKey(inputs: { global: string; sourcePath: string; sourceSha: string; deps: Array<[string, string]>; siblings: string[] }): string {
  return sha256(JSON.stringify(['edition-v1', inputs.global, inputs.sourcePath, inputs.sourceSha, inputs.deps, inputs.siblings]));
}

export function artifactKey(edition: string, format: string, formatsPresent: string[]): string {
  return sha256(JSON.stringify(['artifact-v1', edition, format, formatsPresent]));
}

/**
 * A site page (index, feed): what it shows of the artifacts (`rows`, one per artifact), in
 * the theme's style. Hashed row by row: at 1,000 briefings the rows of a page are a
 * megabyte of JSON, made three times at the end of every build as one string.
 */
export function indexKey(global: string, page: string, rows: readonly unknown[]): string {
  const hash = createHash('sha256').update(JSON.stringify(['index-v2', global, page, rows.length]));
  for (const row of rows) hash.update(`\n${JSON.stringify(row)}`);
  return hash.digest('hex');
}

/**
 * A dependency that is not a file: "which locales briefing <slug> exists in". An edition
 * linking to another briefing resolves the link against it (same locale, else the source).
 */
export const briefingDep = (slug: string) => `briefing:${slug}`;

/** The slug of a `briefingDep`, or undefined for a file dependency. */
export const briefingOfDep = (dep: string): string | undefined => (dep.startsWith('briefing:') ? dep.slice('briefing:'.length) : undefined);

export function editionsOf(briefings: readonly SourceRef[], slug: string): string {
  return briefings.filter((r) => r.slug === slug).map((r) => r.locale).sort().join(',') || 'absent';
}
