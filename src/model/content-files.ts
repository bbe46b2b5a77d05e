/**
 * What a relative `src` or `href` of a briefing points at, and the site path a loaded
 * file is published under. Shared by images and linked files, so both follow one rule.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

export type ContentTarget =
  /** `https:`, `mailto:`, `//host/…`: outside the site. */
  | { kind: 'remote' }
  /** `/notices/`: written for a website's root, which a content folder does not have. */
  | { kind: 'site-absolute' }
  /** `../../x`: leaves the content folder. */
  | { kind: 'outside' }
  | { kind: 'empty' }
  /** A content-relative path (decoded, normalised) and the fragment, if any. */
  | { kind: 'relative'; path: string; fragment?: string };

export const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** `decodeURIComponent`, or the text as it is when it is not valid percent-encoding. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Resolves `ref` (as written in the briefing at `sourcePath`) against the content folder. */
export function contentTarget(ref: string, sourcePath: string): ContentTarget {
  if (URL_WITH_SCHEME.test(ref) || ref.startsWith('//')) return { kind: 'remote' };
  if (ref.startsWith('/')) return { kind: 'site-absolute' };
  const hashAt = ref.indexOf('#');
  const fragment = hashAt === -1 ? undefined : ref.slice(hashAt + 1);
  const target = safeDecode((hashAt === -1 ? ref : ref.slice(0, hashAt)).replace(/\?.*$/, ''));
  if (target === '') return { kind: 'empty' };
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(sourcePath), target));
  if (resolved === '..' || resolved.startsWith('../')) return { kind: 'outside' };
  return { kind: 'relative', path: resolved.replace(/\/$/, ''), fragment };
}

/** `assets/<first 16 hex of sha256>.<ext>`: content-addressed, shared by every edition using the bytes. */
export function assetKey(bytes: Uint8Array, ext: string): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return `assets/${hash}.${ext.toLowerCase().replace(/[^a-z0-9]/g, '') || 'bin'}`;
}
