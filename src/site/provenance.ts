/**
 * Provenance of a site, recorded in its manifest: which Briefpress and which Node made it,
 * and from which commit of the content when the content folder is in a git repository.
 * Read through plain files (`.git/HEAD`, `refs/`, `packed-refs`): no git binary needed.
 * Nothing here depends on the clock, so a rebuild on one machine gives the same bytes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Provenance {
  /** Briefpress version (package.json). */
  version: string;
  /** `process.version` of the Node that rendered the site. */
  node: string;
  /** The commit of the content's git repository (40 hex digits), when there is one. */
  sourceCommit?: string;
}

const SHA = /^[0-9a-f]{40}$/;

/** The git directory for `dir` or an ancestor: `.git` folder, or a `.git` file (worktree). */
function findGitDir(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const dotGit = path.join(d, '.git');
    const st = statSync(dotGit, { throwIfNoEntry: false });
    if (st?.isDirectory()) return dotGit;
    if (st?.isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
      if (m) return path.resolve(d, m[1]!.trim());
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/** A ref (`refs/heads/main`) in a git directory: loose file first, then packed-refs. */
function readRef(gitDirs: string[], ref: string): string | undefined {
  for (const dir of gitDirs) {
    const loose = path.join(dir, ref);
    if (existsSync(loose)) {
      const value = readFileSync(loose, 'utf8').trim();
      if (SHA.test(value)) return value;
    }
  }
  for (const dir of gitDirs) {
    const packed = path.join(dir, 'packed-refs');
    if (!existsSync(packed)) continue;
    for (const line of readFileSync(packed, 'utf8').split('\n')) {
      const [sha, name] = line.trim().split(' ');
      if (name === ref && sha && SHA.test(sha)) return sha;
    }
  }
  return undefined;
}

/** The commit checked out in the repository holding `dir`, or undefined (not in git, unreadable). */
export function gitCommitOf(dir: string): string | undefined {
  try {
    const gitDir = findGitDir(dir);
    if (!gitDir) return undefined;
    // A linked worktree keeps HEAD in its own folder and the refs in the common one.
    const commonFile = path.join(gitDir, 'commondir');
    const common = existsSync(commonFile) ? path.resolve(gitDir, readFileSync(commonFile, 'utf8').trim()) : gitDir;
    const head = readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    if (SHA.test(head)) return head; // detached HEAD (a CI checkout)
    const m = /^ref:\s*(\S+)$/.exec(head);
    return m ? readRef([gitDir, common], m[1]!) : undefined;
  } catch {
    return undefined;
  }
}
