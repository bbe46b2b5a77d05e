/**
 * The build cache: a content-addressed store outside the output folder (by default
 * `.briefpress/cache/` beside the content folder). Safe to delete at any time.
 *
 *   blobs/ab/<sha256>        bytes (artifacts, assets), named by their own sha256
 *   records/<kind>/ab/<key>  small JSON records (what an artifact key produced, the files
 *                            a source refers to), named by the key of their inputs
 *
 * Every file is written to a temporary name and renamed, so a killed build leaves no
 * half-written entry; a blob whose bytes do not match its name (disk corruption, a hand
 * edit) is reported as corrupt, deleted, and its artifact re-rendered.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface CacheStore {
  /** Bytes stored under their sha256; `undefined` when absent or corrupt (see `corrupt`). */
  getBlob(sha: string): Promise<Uint8Array | undefined>;
  putBlob(bytes: Uint8Array): Promise<string>;
  getRecord<T>(kind: string, key: string): Promise<T | undefined>;
  putRecord(kind: string, key: string, value: unknown): Promise<void>;
  /** Entries found corrupt during this build (and removed), for one warning. */
  readonly corrupt: string[];
}

let tmpCounter = 0;

async function writeAtomically(file: string, bytes: Uint8Array | string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${tmpCounter++}`;
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/**
 * A store in `dir`. Cache failures never fail a build: a read that fails is a miss, a
 * write that fails (full disk, read-only folder) is skipped.
 */
export function folderCache(dir: string): CacheStore {
  const corrupt: string[] = [];
  const blobPath = (sha: string) => path.join(dir, 'blobs', sha.slice(0, 2), sha);
  const recordPath = (kind: string, key: string) => path.join(dir, 'records', kind, key.slice(0, 2), `${key}.json`);
  return {
    corrupt,
    async getBlob(sha) {
      const file = blobPath(sha);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await fs.readFile(file));
      } catch {
        return undefined;
      }
      if (sha256(bytes) !== sha) {
        corrupt.push(file);
        await fs.rm(file, { force: true }).catch(() => undefined);
        return undefined;
      }
      return bytes;
    },
    async putBlob(bytes) {
      const sha = sha256(bytes);
      const file = blobPath(sha);
      const exists = await fs.stat(file).then((s) => s.size === bytes.byteLength, () => false);
      if (!exists) await writeAtomically(file, bytes).catch(() => undefined);
      return sha;
    },
    async getRecord<T>(kind: string, key: string) {
      const file = recordPath(kind, key);
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch {
        return undefined;
      }
      try {
        return JSON.parse(text) as T;
      } catch {
        corrupt.push(file);
        await fs.rm(file, { force: true }).catch(() => undefined);
        return undefined;
      }
    },
    async putRecord(kind, key, value) {
      await writeAtomically(recordPath(kind, key), JSON.stringify(value)).catch(() => undefined);
    },
  };
}

/** A store that remembers nothing: caching off (`--no-cache`, in-memory test builds). */
export const noCache: CacheStore = {
  corrupt: [],
  getBlob: async () => undefined,
  putBlob: async (bytes) => sha256(bytes),
  getRecord: async () => undefined,
  putRecord: async () => undefined,
};
