/**
 * `manifest.json`: one entry per artifact, sorted by path, with its size and sha256,
 * so CI and download pages can verify what they publish. No timestamps: a rebuild of
 * the same input gives the same bytes.
 */
export interface ManifestEntry {
  locale: string;
  slug: string;
  format: string;
  title: string;
  path: string;
  bytes: number;
  sha256: string;
}

export function renderManifest(entries: ManifestEntry[]): Uint8Array {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return new TextEncoder().encode(`${JSON.stringify({ generator: 'briefpress', artifacts: sorted }, null, 2)}\n`);
}
