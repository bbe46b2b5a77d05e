/**
 * `build --exclude-drafts`: a publishing build leaves `status: draft` editions out, as if
 * their files were absent, so no index entry and no language switch links them. The
 * front matter is read with the loader's own parser; an edition whose front matter does
 * not parse is kept, and the build then reports its errors as usual.
 */
import { Reporter } from '../diagnostics.js';
import type { Env } from '../env.js';
import { decodeSource } from '../model/decode-source.js';
import { parseMarkdown } from '../model/parse-markdown.js';
import type { SourceRef } from './discover.js';
import { parseFrontMatter } from './front-matter.js';
import type { Catalogue } from './locales.js';

export async function withoutDrafts(env: Env, refs: readonly SourceRef[], catalogue: Catalogue): Promise<SourceRef[]> {
  const out: SourceRef[] = [];
  const locales = new Set(catalogue.locales.keys());
  for (const ref of refs) {
    const quiet = new Reporter();
    const file = env.displayPath(ref.path);
    const text = decodeSource(await env.readContent(ref.path), file, quiet);
    const meta = text === undefined ? undefined : parseFrontMatter(parseMarkdown(text, file).frontMatter, quiet, locales, file);
    if (meta?.status !== 'draft') out.push(ref);
  }
  return out;
}
