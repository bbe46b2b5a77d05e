/**
 * `manifest.json`: the truth about the output folder. Every file Briefpress publishes
 * is listed with its size and sha256 — the artifacts (one per edition and format), the
 * assets they share (images, linked files, fonts) and the site pages (index.html) — and
 * nothing else is in the folder. Sorted by path, no timestamps: a rebuild of the same
 * input gives the same bytes.
 */

import type { Provenance } from './provenance.js';

export interface ManifestEntry {
  locale: string;
  slug: string;
  format: string;
  title: string;
  path: string;
  bytes: number;
  sha256: string;
  /** Content path of the source edition, e.g. `fr/paris-ai-summit-2025.md`. */
  source: string;
  /** sha256 of the source file's bytes (provenance: which text this was built from). */
  sourceSha256: string;
  /**
   * The cache key of every input the artifact was rendered from (source, referenced
   * files, sibling editions, templates, Briefpress version, options). Equal key, equal bytes.
   */
  inputs: string;
  /** Output paths of the assets this artifact refers to (images, linked files, fonts). */
  assets: string[];
  // What the site pages and feeds show of the edition (absent in entries of older builds).
  subtitle?: string;
  summary?: string;
  /** Publication date, `YYYY-MM-DD`. */
  date?: string;
  status?: 'draft' | 'reviewed';
  /** Authors, or the organization, as the byline reads. */
  author?: string;
  /** Site path of the edition's cover image (`assets/covers/…png`). */
  cover?: string;
  /**
   * Translations: blocks of the source changed since the translation (the figure
   * `status --json` prints as blocksBehind); null when unknown (no block record).
   */
  blocksBehind?: number | null;
}

/** What a render learns of an edition besides bytes: the manifest's descriptive fields. */
export type EditionMeta = Pick<ManifestEntry, 'title' | 'subtitle' | 'summary' | 'date' | 'status' | 'author' | 'cover' | 'blocksBehind'>;

/** A file shared by artifacts (content-hash name), or a site page such as `index.html`. */
export interface FileEntry {
  path: string;
  bytes: number;
  sha256: string;
  /** Site pages only: the cache key of what the page shows. */
  inputs?: string;
}

export interface Manifest {
  artifacts: ManifestEntry[];
  assets: FileEntry[];
  pages: FileEntry[];
  /** Who made the site from what (read back by `merge`; the build passes it separately). */
  provenance?: Provenance;
}

/** Version of the manifest layout; a manifest of another version is not trusted. */
export const MANIFEST_VERSION = 2;

const byPath = <T extends { path: string }>(a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

export function renderManifest(manifest: Manifest, provenance: Provenance): Uint8Array {
  const body = {
    generator: 'briefpress',
    manifestVersion: MANIFEST_VERSION,
    briefpress: provenance.version,
    node: provenance.node,
    ...(provenance.sourceCommit ? { sourceCommit: provenance.sourceCommit } : {}),
    artifacts: [...manifest.artifacts].sort(byPath).map((a) => ({ ...a, assets: [...a.assets].sort() })),
    assets: [...manifest.assets].sort(byPath),
    pages: [...manifest.pages].sort(byPath),
  };
  return new TextEncoder().encode(`${JSON.stringify(body, null, 2)}\n`);
}

/**
 * Reads a manifest written by this version of Briefpress; `undefined` for anything else
 * (absent, unreadable, an older layout): the build then treats the folder as having no
 * trustworthy content and re-creates every file.
 */
export function parseManifest(bytes: Uint8Array | undefined): Manifest | undefined {
  if (!bytes) return undefined;
  try {
    type Stored = Partial<Manifest> & { manifestVersion?: number; generator?: string; briefpress?: string; node?: string; sourceCommit?: string };
    const data = JSON.parse(new TextDecoder().decode(bytes)) as Stored;
    if (data.generator !== 'briefpress' || data.manifestVersion !== MANIFEST_VERSION) return undefined;
    if (!Array.isArray(data.artifacts) || !Array.isArray(data.assets) || !Array.isArray(data.pages)) return undefined;
    const provenance: Provenance = { version: String(data.briefpress), node: String(data.node), ...(data.sourceCommit ? { sourceCommit: data.sourceCommit } : {}) };
    return { artifacts: data.artifacts, assets: data.assets, pages: data.pages, provenance };
  } catch {
    return undefined;
  }
}

/** Every path the manifest lists, including itself. */
export function listedPaths(manifest: Manifest): string[] {
  return ['manifest.json', ...manifest.artifacts.map((a) => a.path), ...manifest.assets.map((a) => a.path), ...manifest.pages.map((p) => p.path)];
}
