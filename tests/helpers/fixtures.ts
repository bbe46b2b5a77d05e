import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
export const CONTENT = path.join(ROOT, 'content');
/** The customer's article exactly as handed over (copied from shared/briefing-source). */
export const CUSTOMER_TEXT = path.join(FIXTURES, 'customer-source', 'paris-ai-summit-2025.fr.txt');

/** Reads a folder into the `{relPath: bytes}` map `memoryEnv` takes. */
export function readTree(dir: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      if (statSync(full).isDirectory()) walk(full, rel);
      else out[rel] = new Uint8Array(readFileSync(full));
    }
  };
  walk(dir, '');
  return out;
}
