/**
 * `briefpress merge DIR... --out SITE`: the sites of `build --shard 1/N … N/N` → one site.
 * Each shard is verified first (its manifest is the truth about it); then the shards must
 * fit together: made by the same Briefpress, Node and source commit, no briefing in two
 * shards (its language switch would be wrong), an asset path never with two contents.
 * The files are copied, `index.html` is rendered over the union, and the manifest is
 * written last through the same site transaction a build uses (staged, one atomic publish).
 * Same inputs, same bytes: the merged site is the one a single full build makes.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { globalKey, indexKey } from '../cache/keys.js';
import { sha256 } from '../cache/store.js';
import { localeStrings } from '../content/locale-strings.js';
import { loadCatalogue } from '../content/locales.js';
import type { Diagnostic } from '../diagnostics.js';
import { parseSourceDateEpoch } from '../env.js';
import { checkSite } from '../site/check-site.js';
import { sitePages } from '../site/site-pages.js';
import { renderManifest, type FileEntry, type Manifest, type ManifestEntry } from '../site/manifest.js';
import type { Provenance } from '../site/provenance.js';
import { openSiteFolder, SiteError } from '../site/site-folder.js';
import { briefpressVersion, templatesDir } from '../install/paths.js';
import { loadTheme } from '../theme/theme.js';
import { usageError, type CommandResult } from './command.js';

interface Shard {
  dir: string;
  root: string;
  manifest: Manifest;
}

const refuse = (code: string, message: string, hint?: string): Diagnostic => ({ severity: 'error', code, message, hint });

function describeProvenance(p: Provenance | undefined): string {
  return p ? `Briefpress ${p.version}, Node ${p.node}, ${p.sourceCommit ? `commit ${p.sourceCommit.slice(0, 12)}` : 'no commit'}` : 'no provenance';
}

/** Why these shards cannot make one site; empty when they can. */
function conflicts(shards: Shard[], version: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = shards[0]!;
  const same = (a?: Provenance, b?: Provenance) => a?.version === b?.version && a?.node === b?.node && a?.sourceCommit === b?.sourceCommit;
  for (const s of shards.slice(1)) {
    if (!same(s.manifest.provenance, first.manifest.provenance)) {
      out.push(refuse('merge/inconsistent', `inconsistent shards: ${first.dir} was built by ${describeProvenance(first.manifest.provenance)}, ${s.dir} by ${describeProvenance(s.manifest.provenance)}`, 'build every shard from the same commit with the same Briefpress and Node'));
    }
  }
  if (first.manifest.provenance?.version !== version) {
    out.push(refuse('merge/inconsistent', `${first.dir} was built by Briefpress ${first.manifest.provenance?.version}, this is ${version}`, 'merge with the Briefpress that built the shards'));
  }
  const slugOwner = new Map<string, string>();
  const assetOwner = new Map<string, { dir: string; sha256: string }>();
  for (const s of shards) {
    for (const slug of new Set(s.manifest.artifacts.map((a) => a.slug))) {
      const other = slugOwner.get(slug);
      if (other !== undefined) {
        out.push(refuse('merge/overlap', `overlapping shards: briefing "${slug}" is in ${other} and in ${s.dir}`, 'give each shard its own empty output folder and a different --shard K/N of the same N'));
      } else slugOwner.set(slug, s.dir);
    }
    for (const a of s.manifest.assets) {
      const other = assetOwner.get(a.path);
      if (other && other.sha256 !== a.sha256) {
        out.push(refuse('merge/inconsistent', `inconsistent shards: ${a.path} differs between ${other.dir} and ${s.dir}`, 'build every shard from the same commit and templates'));
      } else assetOwner.set(a.path, { dir: s.dir, sha256: a.sha256 });
    }
  }
  return out;
}

export async function mergeCommand(args: string[], cwd: string): Promise<CommandResult> {
  const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true, allowPositionals: true });
  if (!values.out) return usageError('merge needs --out SITE: briefpress merge DIR... --out SITE');
  if (positionals.length === 0) return usageError('merge needs at least one shard folder: briefpress merge DIR... --out SITE');

  const shards: Shard[] = [];
  const problems: Diagnostic[] = [];
  for (const dir of positionals) {
    const root = path.resolve(cwd, dir);
    const { manifest, problems: found } = await checkSite(root, dir);
    if (found.length) {
      problems.push(...found, refuse('merge/bad-shard', `${dir} is not a consistent Briefpress site: nothing was merged`, `briefpress verify ${dir} lists what is wrong`));
    } else shards.push({ dir, root: await fs.realpath(root), manifest: manifest! });
  }
  if (problems.length) return { exit: 1, out: [], diagnostics: problems };
    const version = briefpressVersion();
  const refused = conflicts(shards, version);
  if (refused.length) return { exit: 1, out: [], diagnostics: refused };

  const outRoot = path.resolve(cwd, values.out);
  try {
    const site = await openSiteFolder(outRoot);
    try {
      const artifacts: ManifestEntry[] = [];
      const assets = new Map<string, FileEntry>();
      for (const s of shards) {
        for (const a of s.manifest.artifacts) {
          await site.write(a.path, await fs.readFile(path.join(s.root, a.path)));
          artifacts.push(a);
        }
        for (const a of s.manifest.assets) {
          if (assets.has(a.path)) continue;
          await site.write(a.path, await fs.readFile(path.join(s.root, a.path)));
          assets.set(a.path, a);
        }
      }
      // The site pages exactly as a full build renders them (same inputs keys, same bytes).
      const catalogue = loadCatalogue();
      const global = globalKey({ version, templatesDir: templatesDir(), sourceDateEpoch: parseSourceDateEpoch(process.env.SOURCE_DATE_EPOCH) });
      const pages: FileEntry[] = [];
      for (const page of sitePages(artifacts, catalogue, loadTheme(), localeStrings)) {
        const bytes = page.render();
        await site.write(page.path, bytes);
        pages.push({ path: page.path, bytes: bytes.byteLength, sha256: sha256(bytes), inputs: indexKey(global, page.path, page.inputs) });
      }
      await site.write('manifest.json', renderManifest({ artifacts, assets: [...assets.values()], pages }, shards[0]!.manifest.provenance!));
      await site.commit();
    } catch (err) {
      await site.abort();
      throw err;
    }
  } catch (err) {
    if (err instanceof SiteError) return { exit: 1, out: [], diagnostics: [refuse(err.code, err.message)] };
    throw err;
  }
  const editions = new Set(shards.flatMap((s) => s.manifest.artifacts.map((a) => `${a.locale}/${a.slug}`))).size;
  const files = shards.reduce((n, s) => n + s.manifest.artifacts.length, 0);
  return { exit: 0, out: [`merged ${shards.length} shard${shards.length === 1 ? '' : 's'} into ${values.out}: ${files} files from ${editions} briefing editions`], diagnostics: [] };
}
