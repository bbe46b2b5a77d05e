/**
 * The output folder as one atomic unit. A build stages the whole next site in a private
 * generation folder (unchanged files are hard links, so this is cheap), then publishes
 * it with a single rename of the `output` symbolic link. Whenever a reader — or a build
 * killed with SIGKILL — looks, `output/` is either the old site or the new one, never a
 * mix, and its manifest matches its files.
 *
 *   <parent>/output                  → symbolic link to .output.site/g-7
 *   <parent>/.output.site/g-7/       the published site
 *   <parent>/.output.site/g-8/       the site being staged (deleted on failure)
 *   <parent>/.output.site/lock       held by the running build (its pid)
 *
 * A folder that is a real directory (an older Briefpress, or one made by hand) is
 * replaced by the link on the first publish, provided it looks like a Briefpress site.
 */
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { confine } from '../env.js';

/** A failure the user can act on: the CLI prints `message` on one line, exit 1. */
export class SiteError extends Error {
  constructor(
    message: string,
    readonly code: 'site/locked' | 'site/write' | 'site/not-a-site',
  ) {
    super(message);
  }
}

/** One staged change of the output folder, under its lock. */
export interface SiteTransaction {
  /** A file of the currently published site, or undefined. */
  readCurrent(relPath: string): Promise<Uint8Array | undefined>;
  /** Stages `bytes` at `relPath` in the next site. */
  write(relPath: string, bytes: Uint8Array): Promise<void>;
  /** Stages the published file at `relPath` unchanged; false when there is none. */
  keep(relPath: string): Promise<boolean>;
  /** Publishes the staged site at once; files not staged are gone from it. */
  commit(): Promise<void>;
  /** Drops the staged site; the published one stays as it was. Safe to call twice. */
  abort(): Promise<void>;
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message.replace(/^[A-Z]+: /, '')}` : String(err);
}

/** True when a process with this pid runs (EPERM: it exists but is not ours). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function takeLock(lockPath: string, display: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await fs.open(lockPath, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await fs.readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (pid && alive(pid)) {
        throw new SiteError(`another build (pid ${pid}) is writing ${display}; wait for it to finish (or delete ${lockPath} if no build runs)`, 'site/locked');
      }
      // The holder died (SIGKILL, power cut): its lock is stale.
      await fs.rm(lockPath, { force: true });
    }
  }
  throw new SiteError(`could not take the lock ${lockPath}`, 'site/locked');
}

async function isEmptyOrSite(dir: string): Promise<boolean> {
  const names = await fs.readdir(dir);
  if (names.length === 0) return true;
  try {
    const manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')) as { generator?: string };
    return manifest.generator === 'briefpress';
  } catch {
    return false;
  }
}

/** Opens a transaction on the site at `outputRoot`; waits for nothing, fails fast if locked. */
export async function openSiteFolder(outputRoot: string): Promise<SiteTransaction> {
  const out = path.resolve(outputRoot);
  const parent = path.dirname(out);
  const siteDir = path.join(parent, `.${path.basename(out)}.site`);
  const lockPath = path.join(siteDir, 'lock');
  const display = path.relative(process.cwd(), out) || out;
  try {
    // Not `recursive: true` on an existing parent: on some file systems (/proc) Node's
    // recursive mkdir loops forever instead of failing.
    if (!(await fs.stat(parent).catch(() => undefined))?.isDirectory()) await fs.mkdir(parent, { recursive: true });
    await fs.mkdir(siteDir).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  } catch (err) {
    throw new SiteError(`cannot write the output folder ${display}: ${describe(err)}`, 'site/write');
  }
  await takeLock(lockPath, display);

  let current: string | undefined;
  let legacy = false;
  try {
    const st = await fs.lstat(out).catch(() => undefined);
    if (st?.isSymbolicLink()) current = await fs.realpath(out).catch(() => undefined);
    else if (st?.isDirectory()) {
      if (!(await isEmptyOrSite(out))) {
        throw new SiteError(`${display} holds files Briefpress did not write (no Briefpress manifest.json); choose an empty or new output folder`, 'site/not-a-site');
      }
      current = out;
      legacy = true;
    } else if (st) {
      throw new SiteError(`${display} exists and is not a folder`, 'site/not-a-site');
    }
    // Generations and swap links left by a killed build are garbage now that we hold the lock.
    const swapPrefix = `.${path.basename(out)}.swap-`;
    for (const name of await fs.readdir(parent)) if (name.startsWith(swapPrefix)) await fs.rm(path.join(parent, name), { force: true });
    for (const name of await fs.readdir(siteDir)) {
      const full = path.join(siteDir, name);
      if (name !== 'lock' && full !== current) await fs.rm(full, { recursive: true, force: true });
    }
  } catch (err) {
    await fs.rm(lockPath, { force: true });
    throw err instanceof SiteError ? err : new SiteError(`cannot prepare ${display}: ${describe(err)}`, 'site/write');
  }

  const generation = `g-${process.pid}-${Date.now().toString(36)}`;
  const staged = path.join(siteDir, generation);
  let open = true;
  const release = async () => {
    if (!open) return;
    open = false;
    await fs.rm(lockPath, { force: true });
  };
  const guard = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw new SiteError(`cannot write ${path.join(display, what)}: ${describe(err)}`, 'site/write');
    }
  };
  await guard('', () => fs.mkdir(staged, { recursive: true }));

  return {
    async readCurrent(relPath) {
      if (!current) return undefined;
      try {
        return new Uint8Array(await fs.readFile(confine(current, relPath)));
      } catch {
        return undefined;
      }
    },
    async write(relPath, bytes) {
      const full = confine(staged, relPath);
      await guard(relPath, async () => {
        await fs.mkdir(path.dirname(full), { recursive: true });
        await fs.writeFile(full, bytes);
      });
    },
    async keep(relPath) {
      if (!current) return false;
      const from = confine(current, relPath);
      const to = confine(staged, relPath);
      if (!(await fs.stat(from).catch(() => undefined))?.isFile()) return false;
      await guard(relPath, async () => {
        await fs.mkdir(path.dirname(to), { recursive: true });
        // A hard link costs nothing; a copy where links are not allowed. Published files
        // are never written in place, so sharing an inode between generations is safe.
        await fs.link(from, to).catch(() => fs.copyFile(from, to, constants.COPYFILE_FICLONE));
      });
      return true;
    },
    async commit() {
      const swap = path.join(parent, `.${path.basename(out)}.swap-${process.pid}`);
      await guard('', async () => {
        await fs.rm(swap, { force: true });
        await fs.symlink(path.relative(parent, staged), swap);
        if (legacy) {
          // A real directory cannot be replaced by a rename: move it aside first. In
          // between, the folder is absent, which is consistent too (no manifest, no files).
          const aside = path.join(siteDir, `legacy-${generation}`);
          await fs.rename(out, aside);
          current = aside;
        }
        await fs.rename(swap, out);
      });
      if (current) await fs.rm(current, { recursive: true, force: true }).catch(() => undefined);
      current = staged;
      await release();
    },
    async abort() {
      if (!open) return;
      await fs.rm(staged, { recursive: true, force: true }).catch(() => undefined);
      await release();
    },
  };
}
