/**
 * The only door to the outside world. Reads are confined to the content root, writes to
 * the output root and are atomic (temporary file + rename), and the clock comes from the
 * briefing's date or SOURCE_DATE_EPOCH. There is deliberately no network method.
 * Tests use `memoryEnv`, which keeps everything in maps.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { openSiteFolder, type SiteTransaction } from './site/site-folder.js';

export type { SiteTransaction } from './site/site-folder.js';

export interface Env {
  /** Content files, by path relative to the content root (POSIX separators). */
  listContent(): Promise<string[]>;
  readContent(relPath: string): Promise<Uint8Array>;
  contentExists(relPath: string): Promise<boolean>;
  /**
   * Opens a change of the output folder: stage every file of the next site, then
   * publish it at once (`commit`) or leave the published one untouched (`abort`).
   * Holds a lock: a second build into the same folder fails at once with a SiteError.
   */
  openSite(): Promise<SiteTransaction>;
  /** The build cache folder (absolute), or undefined when caching is off. */
  cacheDir?: string;
  /**
   * Creates a new file under the content root, atomically (`briefpress new`). Never
   * replaces an existing file: rejects with an error whose `code` is `EEXIST`.
   */
  createContent(relPath: string, bytes: Uint8Array): Promise<void>;
  /** Writes a content file atomically, replacing it if present (`import`, `diff --accept`). */
  replaceContent(relPath: string, bytes: Uint8Array): Promise<void>;
  /** SOURCE_DATE_EPOCH as a Date when set, else undefined (briefing dates are used). */
  sourceDateEpoch(): Date | undefined;
  /** Human-facing path of a content file, for diagnostics. */
  displayPath(relPath: string): string;
}

/** Rejects absolute paths, `..` segments and NUL bytes: paths stay inside their root. */
export function confine(root: string, relPath: string): string {
  if (relPath.includes('\0')) throw new Error(`path contains a NUL byte: ${JSON.stringify(relPath)}`);
  const normal = path.posix.normalize(relPath.replaceAll('\\', '/'));
  if (path.posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../')) {
    throw new Error(`path escapes its folder: ${relPath}`);
  }
  const full = path.resolve(root, normal);
  const rootFull = path.resolve(root);
  if (full !== rootFull && !full.startsWith(rootFull + path.sep)) {
    throw new Error(`path escapes its folder: ${relPath}`);
  }
  return full;
}

export function parseSourceDateEpoch(value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds, got ${JSON.stringify(value)}`);
  return new Date(Number(value) * 1000);
}

export interface NodeEnvOptions {
  contentRoot: string;
  outputRoot: string;
  /** Defaults to process.env.SOURCE_DATE_EPOCH. */
  sourceDateEpoch?: string;
  /** Build cache folder; caching is off when absent. */
  cacheDir?: string;
}

export function nodeEnv(options: NodeEnvOptions): Env {
  const { contentRoot, outputRoot } = options;
  const epoch = parseSourceDateEpoch(options.sourceDateEpoch ?? process.env.SOURCE_DATE_EPOCH);
  let tmpCounter = 0;
  /**
   * The full path of a content file to write. Its folder must stay inside the content root
   * even through a symbolic link: the nearest existing ancestor is checked before anything
   * is created.
   */
  const confinedThroughLinks = async (relPath: string): Promise<string> => {
    const full = confine(contentRoot, relPath);
    const rootReal = await fs.realpath(contentRoot);
    let existing = path.dirname(full);
    for (;;) {
      try {
        existing = await fs.realpath(existing);
        break;
      } catch {
        existing = path.dirname(existing);
      }
    }
    if (existing !== rootReal && !existing.startsWith(rootReal + path.sep)) {
      throw new Error(`path escapes its folder through a link: ${relPath}`);
    }
    return full;
  };
  /** Writes a temporary file beside `full`, then `commit`s it into place; never leaves it behind. */
  const viaTemporary = async (full: string, bytes: Uint8Array, commit: (tmp: string) => Promise<void>): Promise<void> => {
    const tmp = `${full}.tmp-${process.pid}-${tmpCounter++}`;
    try {
      await fs.writeFile(tmp, bytes, { flag: 'wx' });
      await commit(tmp);
    } finally {
      await fs.rm(tmp, { force: true });
    }
  };
  return {
    async listContent() {
      const out: string[] = [];
      async function walk(dir: string, prefix: string): Promise<void> {
        const entries = await fs.readdir(dir, { withFileTypes: true });
        for (const e of entries) {
          // Symlinks are skipped: they could point outside the content root.
          if (e.isSymbolicLink()) continue;
          const rel = prefix ? `${prefix}/${e.name}` : e.name;
          if (e.isDirectory()) await walk(path.join(dir, e.name), rel);
          else if (e.isFile()) out.push(rel);
        }
      }
      await walk(path.resolve(contentRoot), '');
      return out.sort();
    },
    async readContent(relPath) {
      const full = confine(contentRoot, relPath);
      const real = await fs.realpath(full);
      const rootReal = await fs.realpath(contentRoot);
      if (real !== rootReal && !real.startsWith(rootReal + path.sep)) {
        throw new Error(`path escapes its folder through a link: ${relPath}`);
      }
      return new Uint8Array(await fs.readFile(real));
    },
    async contentExists(relPath) {
      try {
        const st = await fs.stat(confine(contentRoot, relPath));
        return st.isFile();
      } catch {
        return false;
      }
    },
    openSite: () => openSiteFolder(outputRoot),
    cacheDir: options.cacheDir,
    async createContent(relPath, bytes) {
      const full = await confinedThroughLinks(relPath);
      await fs.mkdir(path.dirname(full), { recursive: true });
      // link() fails with EEXIST instead of replacing: create-if-absent, atomically.
      await viaTemporary(full, bytes, (tmp) => fs.link(tmp, full));
    },
    async replaceContent(relPath, bytes) {
      const full = await confinedThroughLinks(relPath);
      await fs.mkdir(path.dirname(full), { recursive: true });
      await viaTemporary(full, bytes, (tmp) => fs.rename(tmp, full));
    },
    sourceDateEpoch: () => epoch,
    displayPath: (relPath) => path.join(path.relative(process.cwd(), path.resolve(contentRoot)) || '.', relPath),
  };
}

/** An in-memory Env for tests: content from a map (`createContent` adds to it), outputs into a map, fixed clock. */
export function memoryEnv(
  files: Record<string, string | Uint8Array>,
  options: { sourceDateEpoch?: Date } = {},
): Env & { outputs: Map<string, Uint8Array> } {
  const outputs = new Map<string, Uint8Array>();
  const enc = new TextEncoder();
  const get = (p: string) => {
    confine('/content', p);
    const v = files[path.posix.normalize(p)];
    if (v === undefined) throw new Error(`ENOENT: ${p}`);
    return typeof v === 'string' ? enc.encode(v) : v;
  };
  return {
    outputs,
    listContent: async () => Object.keys(files).sort(),
    readContent: async (p) => get(p),
    contentExists: async (p) => path.posix.normalize(p) in files,
    // The same contract as the site folder, over the `outputs` map.
    openSite: async () => {
      const staged = new Map<string, Uint8Array>();
      let open = true;
      return {
        readCurrent: async (p) => outputs.get(p),
        write: async (p, bytes) => {
          confine('/out', p);
          staged.set(p, bytes);
        },
        keep: async (p) => {
          const bytes = outputs.get(p);
          if (bytes) staged.set(p, bytes);
          return bytes !== undefined;
        },
        commit: async () => {
          if (!open) return;
          open = false;
          outputs.clear();
          for (const [p, bytes] of staged) outputs.set(p, bytes);
        },
        abort: async () => {
          open = false;
        },
      };
    },
    // New content goes into `files` itself, so later reads and listings see it.
    createContent: async (p, bytes) => {
      confine('/content', p);
      const key = path.posix.normalize(p);
      if (key in files) throw Object.assign(new Error(`EEXIST: file already exists, ${p}`), { code: 'EEXIST' });
      files[key] = bytes;
    },
    replaceContent: async (p, bytes) => {
      confine('/content', p);
      files[path.posix.normalize(p)] = bytes;
    },
    sourceDateEpoch: () => options.sourceDateEpoch,
    displayPath: (p) => `content/${p}`,
  };
}
