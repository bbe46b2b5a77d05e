/**
 * What changed in a source since a translation recorded it, block by block: the recorded
 * blocks and the current ones are aligned on their hashes (longest common subsequence),
 * and inside each gap between matches a removed and an added block pair up as one
 * changed block. Pure.
 */
import type { RecordedBlock } from './block-record.js';
import type { SourceBlock } from './source-blocks.js';

export type BlockChange =
  | { kind: 'changed'; old: RecordedBlock; now: SourceBlock }
  | { kind: 'added'; now: SourceBlock }
  | { kind: 'removed'; old: RecordedBlock };

export interface BlockDiff {
  changes: BlockChange[];
  /** Recorded index → current index, for every unchanged block. */
  matched: Map<number, number>;
  changed: number;
  added: number;
  removed: number;
  /** changed + added + removed: what the translation is behind by. */
  behind: number;
}

export function diffBlocks(recorded: readonly RecordedBlock[], current: readonly SourceBlock[]): BlockDiff {
  const n = recorded.length;
  const m = current.length;
  // lcs[i][j]: length of the longest common subsequence of recorded[i..] and current[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = recorded[i]!.hash === current[j]!.hash ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const matched = new Map<number, number>();
  const changes: BlockChange[] = [];
  let gapOld: number[] = [];
  let gapNew: number[] = [];
  const flush = () => {
    const pairs = Math.min(gapOld.length, gapNew.length);
    for (let k = 0; k < pairs; k++) changes.push({ kind: 'changed', old: recorded[gapOld[k]!]!, now: current[gapNew[k]!]! });
    for (const j of gapNew.slice(pairs)) changes.push({ kind: 'added', now: current[j]! });
    for (const i of gapOld.slice(pairs)) changes.push({ kind: 'removed', old: recorded[i]! });
    gapOld = [];
    gapNew = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && recorded[i]!.hash === current[j]!.hash) {
      flush();
      matched.set(i++, j++);
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      gapNew.push(j++);
    } else {
      gapOld.push(i++);
    }
  }
  flush();
  const count = (k: BlockChange['kind']) => changes.filter((c) => c.kind === k).length;
  const [changed, added, removed] = [count('changed'), count('added'), count('removed')];
  return { changes, matched, changed, added, removed, behind: changed + added + removed };
}
