/**
 * The pipeline: discover → plan (cache keys: what changed) → render (worker pool) →
 * site state (staged output folder, manifest last, one atomic publish).
 *
 * - Each artifact is re-rendered only when one of its inputs changed (`cache/keys.ts`);
 *   otherwise the published file is kept or taken from the cache.
 * - The output folder is staged as a whole and published at once (`site/site-folder.ts`):
 *   after any run, even a killed one, `manifest.json` lists exactly the files there.
 * - A partial build (`--locale`, `--format`) replaces its own artifacts and keeps the
 *   others; artifacts whose source is gone are removed, and the result says so.
 * - If any error is reported, nothing is published: the previous site stays as it was.
 * - Artifacts are written to the staged site as soon as they are rendered, so memory
 *   stays flat in the size of the corpus.
 */
import path from 'node:path';
import { artifactKey, briefingOfDep, depsKey, editionKey, editionsOf, globalKey, indexKey } from './cache/keys.js';
import { folderCache, noCache, sha256, type CacheStore } from './cache/store.js';
import { runContentRules } from './checks/index.js';
import { discoverBriefings, type SourceRef } from './content/discover.js';
import { refsInShard, type Shard } from './content/shard.js';
import { localeStrings } from './content/locale-strings.js';
import { loadCatalogue, type Catalogue } from './content/locales.js';
import { formatDiagnostic, hasErrors, Reporter, type Diagnostic } from './diagnostics.js';
import type { Env, SiteTransaction } from './env.js';
import { loadLinkRules } from './model/normalise-url.js';
import type { BriefingDocument } from './model/types.js';
import { LONG_SOURCE_BYTES, tuneHeapFor } from './render/heap-policy.js';
import { inProcessPool, workerPool, workerScript, type RenderPool, type WorkerSpec } from './render/pool.js';
import type { EditionJob, RenderContext, RenderedArtifact, RenderedEdition } from './render/render-edition.js';
import { withCoverOf } from './render/cover-handover.js';
import { parseManifest, renderManifest, type EditionMeta, type FileEntry, type Manifest, type ManifestEntry } from './site/manifest.js';
import { SiteError } from './site/site-folder.js';
import { briefpressVersion, templatesDir } from './install/paths.js';
import { DEFAULT_THEME, loadTheme } from './theme/theme.js';
import { WRITERS, writerFor } from './writers/index.js';
import { artifactPath } from './writers/types.js';

export { localeStrings } from './content/locale-strings.js';
export { sha256 } from './cache/store.js';

export interface BuildOptions {
  env: Env;
  /** Locales to build; default all that exist. */
  locales?: string[];
  /** Formats to build; default every writer. */
  formats?: string[];
  /** Build only this shard's briefings (`--shard K/N`, `content/shard.ts`). */
  shard?: Shard;
  /** Leave `status: draft` editions out, as if absent (`content/drafts.ts`). */
  excludeDrafts?: boolean;
  /** The content's git commit, recorded in the manifest (`site/provenance.ts`). */
  sourceCommit?: string;
  /** Render threads; 1 (the default) renders in this thread. */
  jobs?: number;
  /**
   * How a worker thread rebuilds `env` (plain data). Without it, or when running from
   * TypeScript sources, rendering stays in this thread whatever `jobs` says.
   */
  workers?: WorkerSpec;
  /** Every warning is an error (`--strict`). */
  strict?: boolean;
  /** Theme of every edition whose front matter names none (`--theme`; default `default`). */
  theme?: string;
  /** Called after each artifact is rendered or taken from the cache. */
  onArtifact?: (artifact: ManifestEntry, index: number, total: number, ms: number, how: 'rendered' | 'cached' | 'unchanged') => void;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** The artifacts of this run's selection (rendered, cached or unchanged). */
  artifacts: ManifestEntry[];
  /** Files removed because their source is gone: edition (`rw/old-slug`) → paths. */
  removed: Array<{ edition: string; paths: string[] }>;
  /** Counts by how each artifact of the selection was obtained. */
  counts: { rendered: number; cached: number; unchanged: number };
  /** True when the published site did not change at all. */
  upToDate: boolean;
}

/** Catalogue order (the source locale first), then slug: a stable, useful order. */
function sortRefs(refs: SourceRef[], catalogue: Catalogue): SourceRef[] {
  const rank = new Map([...catalogue.locales.keys()].map((code, i) => [code, i]));
  return [...refs].sort((a, b) => rank.get(a.locale)! - rank.get(b.locale)! || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/** Loads and models every selected briefing in this thread (`check`, tests). */
export async function loadDocuments(
  env: Env,
  reporter: Reporter,
  locales?: string[],
): Promise<{ catalogue: Catalogue; refs: SourceRef[]; docs: BriefingDocument[] }> {
  const { buildDocument } = await import('./model/build-document.js');
  const catalogue = loadCatalogue();
  const linkRules = loadLinkRules();
  const refs = await discoverBriefings(env, catalogue, reporter);
  const docs: BriefingDocument[] = [];
  for (const ref of sortRefs(refs.filter((r) => !locales || locales.includes(r.locale)), catalogue)) {
    const doc = await buildDocument(ref, { env, catalogue, linkRules, reporter, briefings: refs });
    if (doc) docs.push(doc);
  }
  return { catalogue, refs, docs };
}

/** What the plan decided for one artifact of the selection. */
interface Planned {
  format: string;
  path: string;
  /** Known when the edition's inputs are known without parsing it. */
  key?: string;
  how: 'render' | 'cached' | 'unchanged';
}

interface CachedArtifact {
  title: string;
  meta?: EditionMeta;
  sha256: string;
  bytes: number;
  diagnostics: Diagnostic[];
  assets: FileEntry[];
}

interface EditionPlan {
  ref: SourceRef;
  sourceSha: string;
  sourceBytes: number;
  siblings: string[];
  formatsPresent: string[];
  artifacts: Planned[];
}

const FORMAT_ORDER = WRITERS.map((w) => w.format);

async function readSha(env: Env, relPath: string): Promise<string> {
  try {
    return sha256(await env.readContent(relPath));
  } catch {
    return 'absent';
  }
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const { env } = options;
  const reporter = new Reporter({ strict: options.strict });
  const fail = (extra: Diagnostic[] = []): BuildResult => ({
    ok: false,
    diagnostics: [...reporter.list, ...extra],
    artifacts: [],
    removed: [],
    counts: { rendered: 0, cached: 0, unchanged: 0 },
    upToDate: false,
  });
  const catalogue = loadCatalogue();
  const found = await discoverBriefings(env, catalogue, reporter);
  await runContentRules({ env, catalogue, refs: found, docs: [], reporter, theme: options.theme });
  if (hasErrors(reporter.list)) return fail();
  const formats = options.formats ?? FORMAT_ORDER;
  // Publishing policy and sharding: a filter on the sources, before anything is planned.
  const refs = options.excludeDrafts ? await (await import('./content/drafts.js')).withoutDrafts(env, found, catalogue) : found;
  let selected = sortRefs(refs.filter((r) => !options.locales || options.locales.includes(r.locale)), catalogue);
  if (options.shard) selected = await refsInShard(env, refs, selected, options.shard);

  let site: SiteTransaction;
  try {
    site = await env.openSite();
  } catch (err) {
    if (err instanceof SiteError) return fail([{ severity: 'error', code: err.code, message: err.message }]);
    throw err;
  }
  let pool: RenderPool | undefined;
  try {
    const result = await buildIntoSite(options, site, reporter, catalogue, refs, selected, formats, (p) => (pool = p));
    if (!result.ok) await site.abort();
    return result;
  } catch (err) {
    await site.abort();
    if (err instanceof SiteError) return fail([{ severity: 'error', code: err.code, message: err.message }]);
    throw err;
  } finally {
    await (pool as RenderPool | undefined)?.close();
  }
}

async function buildIntoSite(
  options: BuildOptions,
  site: SiteTransaction,
  reporter: Reporter,
  catalogue: Catalogue,
  refs: SourceRef[],
  selected: SourceRef[],
  formats: string[],
  setPool: (p: RenderPool) => void,
): Promise<BuildResult> {
  const { env } = options;
  const version = briefpressVersion();
  const cache: CacheStore = env.cacheDir ? folderCache(env.cacheDir) : noCache;
  const theme = options.theme ?? DEFAULT_THEME;
  const global = globalKey({ version, templatesDir: templatesDir(), sourceDateEpoch: env.sourceDateEpoch(), theme });
  const previous: Manifest = parseManifest(await site.readCurrent('manifest.json')) ?? { artifacts: [], assets: [], pages: [] };
  const previousByPath = new Map(previous.artifacts.map((a) => [a.path, a]));
  const previousAssets = new Map(previous.assets.map((a) => [a.path, a]));

  // "Which locales a linked briefing exists in", once per slug (no scan of all refs per link).
  const editionsBySlug = new Map<string, string>();
  const briefingEditions = (slug: string): string => {
    let v = editionsBySlug.get(slug);
    if (v === undefined) editionsBySlug.set(slug, (v = editionsOf(refs, slug)));
    return v;
  };
  // Sibling editions by slug, built once (no scan of all refs per edition).
  const localesBySlug = new Map<string, string[]>();
  for (const r of sortRefs(refs, catalogue)) localesBySlug.set(r.slug, [...(localesBySlug.get(r.slug) ?? []), r.locale]);
  const previousFormats = new Map<string, Set<string>>();
  for (const a of previous.artifacts) {
    const id = `${a.locale}/${a.slug}`;
    previousFormats.set(id, (previousFormats.get(id) ?? new Set()).add(a.format));
  }

  // --- Plan: which artifacts must be rendered, which the cache or the site already has.
  const plans: EditionPlan[] = [];
  for (const ref of selected) {
    const source = await env.readContent(ref.path);
    const sourceSha = sha256(source);
    const siblings = localesBySlug.get(ref.slug)!.filter((l) => l !== ref.locale);
    const present = new Set([...formats, ...(previousFormats.get(`${ref.locale}/${ref.slug}`) ?? [])]);
    const formatsPresent = FORMAT_ORDER.filter((f) => present.has(f));
    const deps = await cache.getRecord<string[]>('deps', depsKey(global, ref.path, sourceSha));
    let edition: string | undefined;
    if (deps) {
      const depShas: Array<[string, string]> = [];
      for (const dep of deps) {
        const slug = briefingOfDep(dep);
        depShas.push([dep, slug !== undefined ? briefingEditions(slug) : await readSha(env, dep)]);
      }
      edition = editionKey({ global, sourcePath: ref.path, sourceSha, deps: depShas, siblings });
    }
    const artifacts: Planned[] = [];
    for (const format of formats) {
      const pathOut = artifactPath(ref.locale, ref.slug, writerFor(format)!.extension);
      const key = edition && artifactKey(edition, format, formatsPresent);
      const how = !key ? 'render' : previousByPath.get(pathOut)?.inputs === key ? 'unchanged' : 'cached';
      artifacts.push({ format, path: pathOut, key, how });
    }
    plans.push({ ref, sourceSha, sourceBytes: source.byteLength, siblings, formatsPresent, artifacts });
  }

  // --- Stage: every artifact of the new site, in plan order for the manifest.
  const entries = new Map<string, ManifestEntry>();
  const stagedAssets = new Map<string, FileEntry>();
  const editionDiagnostics = new Map<string, Diagnostic[]>();
  const counts = { rendered: 0, cached: 0, unchanged: 0 };
  const total = plans.reduce((n, p) => n + p.artifacts.length, 0);
  let done = 0;
  let changed = false;

  const stageAsset = async (asset: FileEntry, bytes?: Uint8Array): Promise<boolean> => {
    if (stagedAssets.has(asset.path)) return true;
    const published = previousAssets.get(asset.path);
    if (published?.sha256 === asset.sha256 && (await site.keep(asset.path))) {
      stagedAssets.set(asset.path, asset);
      return true;
    }
    const data = bytes ?? (await cache.getBlob(asset.sha256));
    if (!data) return false;
    await site.write(asset.path, data);
    stagedAssets.set(asset.path, asset);
    changed = true;
    return true;
  };
  const note = (plan: EditionPlan, diags: Diagnostic[]) => {
    const id = plan.ref.path;
    const list = editionDiagnostics.get(id) ?? [];
    const seen = new Set(list.map(formatDiagnostic));
    for (const d of diags) if (!seen.has(formatDiagnostic(d))) (seen.add(formatDiagnostic(d)), list.push(d));
    editionDiagnostics.set(id, list);
  };
  // Object.assign, not `{ ...meta, locale, … }`: V8 (Node 20) gives an object spread with
  // further properties a hidden class of its own, so every entry brought a map and a
  // descriptor array (~520 bytes, 1.5 MB of live heap at 1,000 briefings); these share theirs.
  const entryFor = (plan: EditionPlan, a: Planned, meta: EditionMeta, sha: string, bytes: number, key: string, assets: string[]): ManifestEntry => Object.assign({}, meta, {
    locale: plan.ref.locale,
    slug: plan.ref.slug,
    format: a.format,
    path: a.path,
    bytes,
    sha256: sha,
    source: plan.ref.path,
    sourceSha256: plan.sourceSha,
    inputs: key,
    assets,
  });

  /** Takes an artifact from the published site or the cache; false when neither has it. */
  const reuse = async (plan: EditionPlan, a: Planned): Promise<boolean> => {
    const started = performance.now();
    const record = await cache.getRecord<CachedArtifact>('artifact', a.key!);
    const published = previousByPath.get(a.path);
    if (a.how === 'unchanged' && published) {
      if (!(await site.keep(a.path))) return false;
      for (const p of published.assets) {
        const asset = previousAssets.get(p);
        if (!asset || !(await stageAsset(asset))) return false;
      }
      note(plan, record?.diagnostics ?? []);
      entries.set(a.path, published);
      counts.unchanged++;
      options.onArtifact?.(published, ++done, total, performance.now() - started, 'unchanged');
      return true;
    }
    if (!record) return false;
    const bytes = await cache.getBlob(record.sha256);
    if (!bytes) return false;
    for (const asset of record.assets) if (!(await stageAsset(asset))) return false;
    await site.write(a.path, bytes);
    changed = true;
    note(plan, record.diagnostics);
    const entry = entryFor(plan, a, record.meta ?? { title: record.title }, record.sha256, record.bytes, a.key!, record.assets.map((x) => x.path));
    entries.set(a.path, entry);
    counts.cached++;
    options.onArtifact?.(entry, ++done, total, performance.now() - started, 'cached');
    return true;
  };

  /** Writes what a render produced, and remembers it in the cache. */
  const accept = async (plan: EditionPlan, job: EditionJob, result: RenderedEdition) => {
    note(plan, result.diagnostics);
    if (hasErrors(result.diagnostics)) return;
    const { ref } = plan;
    await cache.putRecord('deps', depsKey(global, ref.path, plan.sourceSha), result.deps.map(([p]) => p));
    const edition = editionKey({ global, sourcePath: ref.path, sourceSha: plan.sourceSha, deps: result.deps, siblings: plan.siblings });
    for (const out of result.artifacts as RenderedArtifact[]) {
      note(plan, out.diagnostics);
      if (!out.bytes || hasErrors(out.diagnostics)) continue;
      const a = plan.artifacts.find((x) => x.format === out.format)!;
      const key = artifactKey(edition, out.format, job.formatsPresent);
      const assets: FileEntry[] = [];
      for (const asset of out.assets) {
        const entry = { path: asset.path, bytes: asset.bytes.byteLength, sha256: await cache.putBlob(asset.bytes) };
        await stageAsset(entry, asset.bytes);
        assets.push(entry);
      }
      await site.write(out.path, out.bytes);
      changed = true;
      const sha = await cache.putBlob(out.bytes);
      const warnings = [...result.diagnostics, ...out.diagnostics];
      await cache.putRecord('artifact', key, { title: result.title, meta: result.meta, sha256: sha, bytes: out.bytes.byteLength, diagnostics: warnings, assets } satisfies CachedArtifact);
      const entry = entryFor(plan, a, result.meta, sha, out.bytes.byteLength, key, assets.map((x) => x.path));
      entries.set(a.path, entry);
      counts.rendered++;
      options.onArtifact?.(entry, ++done, total, out.ms, 'rendered');
    }
  };

  const jobs: Array<{ plan: EditionPlan; job: EditionJob; lane?: number }> = [];
  for (const plan of plans) {
    const toRender: string[] = [];
    for (const a of plan.artifacts) if (a.how === 'render' || !(await reuse(plan, a))) toRender.push(a.format);
    if (toRender.length) {
      jobs.push({ plan, job: { ref: plan.ref, formats: toRender, siblings: plan.siblings, formatsPresent: plan.formatsPresent, briefings: refs, theme } });
    }
  }

  if (jobs.length) {
    tuneHeapFor(jobs.map((j) => j.plan.sourceBytes));
    const script = workerScript();
    const threads = Math.max(1, options.jobs ?? 1);
    // One edition renders in this thread: a worker's cold start (modules, fonts) costs more
    // than running its formats side by side saves.
    const useWorkers = threads > 1 && jobs.length > 1 && options.workers !== undefined && script !== undefined;
    // In this thread, two short editions overlap (pool.ts: one renders while the other
    // waits on the thread pool); a long one renders alone, its tree is memory enough.
    const overlap = jobs.some((j) => j.plan.sourceBytes > LONG_SOURCE_BYTES) ? 1 : 2;
    const local = async (): Promise<RenderContext> => ({ env, catalogue, linkRules: loadLinkRules(), theme: loadTheme(theme), fonts: { cache: env.cacheDir ? cache : undefined } });
    const pool = useWorkers
      ? workerPool(Math.min(threads, jobs.length * FORMAT_ORDER.length), script, { ...options.workers!, cacheDir: env.cacheDir, catalogue }, local)
      : inProcessPool(local, overlap);
    setPool(pool);
    // A few editions ahead of what is written, never the whole corpus: a render that
    // finishes before the disk has taken the previous one's files would otherwise hold
    // its bytes, and memory would grow with the corpus on a slow disk.
    // Renders finish in any order; they are accepted (written, reported on the progress
    // line) in plan order, each after the one started before it.
    let accepted = Promise.resolve();
    await inBatches(splitForThreads(jobs, useWorkers ? threads : 1), useWorkers ? 2 * threads : overlap + 1, async (group) => {
      const turn = accepted;
      let done!: () => void;
      accepted = new Promise((resolve) => (done = resolve));
      try {
        const results = await Promise.all(group.map(({ job, lane }) => pool.run(job, lane)));
        const drawn = results.find((r) => r.cover);
        await turn;
        for (const [i, { plan, job }] of group.entries()) await accept(plan, job, job.cover === false && drawn ? withCoverOf(results[i]!, drawn) : results[i]!);
      } finally {
        done();
      }
    });
  }

  // Diagnostics in plan order, whatever order the pool finished in.
  for (const plan of plans) for (const d of editionDiagnostics.get(plan.ref.path) ?? []) reporter.report(d);
  if (cache.corrupt.length) {
    reporter.warn({ code: 'cache/corrupt', message: `${cache.corrupt.length} build cache entr${cache.corrupt.length === 1 ? 'y was' : 'ies were'} corrupt and rebuilt (${cache.corrupt[0]}${cache.corrupt.length > 1 ? ', …' : ''})`, hint: 'the cache folder is safe to delete' });
  }
  if (hasErrors(reporter.list)) return { ok: false, diagnostics: reporter.list, artifacts: [], removed: [], counts, upToDate: false };

  // --- Carry over the rest of the published site; prune what no source produces any more.
  const sources = new Set(refs.map((r) => `${r.locale}/${r.slug}`));
  const removedBy = new Map<string, string[]>();
  for (const old of previous.artifacts) {
    if (entries.has(old.path)) continue;
    const id = `${old.locale}/${old.slug}`;
    const keep = sources.has(id) && FORMAT_ORDER.includes(old.format);
    if (keep && (await site.keep(old.path)) && (await allStaged(old.assets, previousAssets, stageAsset))) {
      entries.set(old.path, old);
      continue;
    }
    removedBy.set(id, [...(removedBy.get(id) ?? []), old.path]);
  }
  const artifacts = [...entries.values()];
  const referenced = new Set(artifacts.flatMap((a) => a.assets));
  for (const p of stagedAssets.keys()) if (!referenced.has(p)) stagedAssets.delete(p);
  const orphans = previous.assets.filter((a) => !referenced.has(a.path)).map((a) => a.path);
  if (removedBy.size || orphans.length) changed = true;
  const removed = [...removedBy].map(([edition, paths]) => ({ edition, paths: paths.sort() }));

  // --- Site pages and the manifest, last.
  const pages: FileEntry[] = [];
  const { sitePages } = await import('./site/site-pages.js');
  for (const page of sitePages(artifacts, catalogue, loadTheme(theme), localeStrings)) {
    const inputs = indexKey(global, page.path, page.inputs);
    const old = previous.pages.find((p) => p.path === page.path);
    if (old?.inputs === inputs && (await site.keep(page.path))) {
      pages.push(old);
      continue;
    }
    const bytes = page.render();
    await site.write(page.path, bytes);
    pages.push({ path: page.path, bytes: bytes.byteLength, sha256: sha256(bytes), inputs });
    changed = true;
  }
  const manifest = renderManifest({ artifacts, assets: [...stagedAssets.values()], pages }, { version, node: process.version, sourceCommit: options.sourceCommit });
  const oldManifest = await site.readCurrent('manifest.json');
  const same = !changed && oldManifest !== undefined && Buffer.compare(Buffer.from(oldManifest), Buffer.from(manifest)) === 0;
  const selection = new Set(plans.flatMap((p) => p.artifacts.map((a) => a.path)));
  const result: BuildResult = {
    ok: true,
    diagnostics: reporter.list,
    artifacts: artifacts.filter((a) => selection.has(a.path)).sort((a, b) => (a.path < b.path ? -1 : 1)),
    removed,
    counts,
    upToDate: same,
  };
  if (same) {
    await site.abort(); // nothing to publish: the site is already this one
    return result;
  }
  await site.write('manifest.json', manifest);
  await site.commit();
  return result;
}

/**
 * A small build (fewer editions than threads can share) spends most of its time starting
 * threads: loading modules, parsing fonts. There, each thread takes some formats of every
 * edition (the PDF writer on one, HTML and EPUB on another), so each loads only its
 * writers. A large build gives whole editions to whichever thread is free.
 */
function splitForThreads<T extends { job: EditionJob; lane?: number }>(jobs: T[], threads: number): T[][] {
  if (threads < 2 || jobs.length > threads * 8) return jobs.map((j) => [j]);
  const groups: string[][] = threads === 2 ? [['pdf'], FORMAT_ORDER.filter((f) => f !== 'pdf')] : FORMAT_ORDER.map((f) => [f]);
  return jobs.map((j) => {
    const parts: T[] = [];
    groups.forEach((group, lane) => {
      const formats = j.job.formats.filter((f) => group.includes(f));
      if (formats.length) parts.push({ ...j, job: { ...j.job, formats }, lane });
    });
    const rest = j.job.formats.filter((f) => !groups.some((g) => g.includes(f)));
    if (rest.length) parts.push({ ...j, job: { ...j.job, formats: rest } });
    // HTML (og:image) and EPUB (cover-image) draw with the cover; a PDF-only part only lists
    // it as an asset, so it takes the cover from a part that draws it anyway.
    const drawsCover = (p: T) => p.job.formats.some((f) => f !== 'pdf');
    return parts.some(drawsCover) ? parts.map((p) => (drawsCover(p) ? p : { ...p, job: { ...p.job, cover: false } })) : parts;
  });
}

/** Runs `task` on every item, at most `limit` at a time, in order of start. */
async function inBatches<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

async function allStaged(paths: string[], known: Map<string, FileEntry>, stage: (a: FileEntry) => Promise<boolean>): Promise<boolean> {
  for (const p of paths) {
    const asset = known.get(p);
    if (!asset || !(await stage(asset))) return false;
  }
  return true;
}
