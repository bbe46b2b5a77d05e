/**
 * Is a site folder what its `manifest.json` says? Every listed file exists with its size
 * and sha256, and no other file is there. Used by `verify` and by `merge` (each shard is
 * checked before anything is copied from it). Reads only; follows the `output` link to
 * the published generation.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { listedPaths, parseManifest, type FileEntry, type Manifest } from './manifest.js';

export interface SiteCheck {
  /** The parsed manifest; undefined when there is none Briefpress can read. */
  manifest?: Manifest;
  /** One error per problem, `file` the path as the user named it. */
  problems: Diagnostic[];
}

/** Every regular file (and anything that is not a folder) under `dir`, POSIX relative paths. */
async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await filesUnder(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}

export async function checkSite(siteDir: string, display: string = siteDir): Promise<SiteCheck> {
  const problem = (code: string, rel: string, message: string): Diagnostic => ({ severity: 'error', code, file: path.join(display, rel), message });
  let root: string;
  try {
    root = await fs.realpath(siteDir);
    if (!(await fs.stat(root)).isDirectory()) throw new Error('not a folder');
  } catch {
    return { problems: [{ severity: 'error', code: 'verify/no-site', file: display, message: 'no such site folder' }] };
  }
  const manifest = parseManifest(await fs.readFile(path.join(root, 'manifest.json')).catch(() => undefined));
  if (!manifest) {
    return { problems: [problem('verify/no-manifest', 'manifest.json', 'missing, unreadable or not a Briefpress manifest (version 2)')] };
  }
  const problems: Diagnostic[] = [];
  const listed: FileEntry[] = [...manifest.artifacts, ...manifest.assets, ...manifest.pages];
  for (const entry of listed) {
    let bytes: Buffer;
    try {
      const st = await fs.lstat(path.join(root, entry.path));
      if (!st.isFile()) throw new Error('not a file');
      bytes = await fs.readFile(path.join(root, entry.path));
    } catch {
      problems.push(problem('verify/missing', entry.path, 'listed in manifest.json but missing'));
      continue;
    }
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== entry.sha256 || bytes.byteLength !== entry.bytes) {
      problems.push(problem('verify/changed', entry.path, `content differs from manifest.json (sha256 ${sha.slice(0, 12)}…, ${bytes.byteLength} bytes; listed ${entry.sha256.slice(0, 12)}…, ${entry.bytes} bytes)`));
    }
  }
  const known = new Set(listedPaths(manifest));
  for (const rel of (await filesUnder(root)).sort()) {
    if (!known.has(rel)) problems.push(problem('verify/unlisted', rel, 'not listed in manifest.json'));
  }
  return { manifest, problems };
}
