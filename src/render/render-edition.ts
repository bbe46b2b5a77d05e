/**
 * One unit of work: load one edition (decode, parse, model) and run the requested
 * writers on it. The same function runs in the build process (`--jobs 1`, in-memory
 * tests) and in each worker thread, so both paths give the same bytes.
 *
 * Input and output are plain data (structured-clone friendly): a worker receives a
 * source reference and returns bytes plus diagnostics, never closures or trees.
 */
import { visit } from 'unist-util-visit';
import type { SourceRef } from '../content/discover.js';
import type { BriefingDocument } from '../model/types.js';
import { localeStrings } from '../content/locale-strings.js';
import { addLocale, type Catalogue } from '../content/locales.js';
import { DiagnosticError, Reporter, type Diagnostic } from '../diagnostics.js';
import type { Env } from '../env.js';
import { briefingDep, editionsOf } from '../cache/keys.js';
import { sha256 } from '../cache/store.js';
import { startCover, type Cover } from '../cover/render-cover.js';
import { buildDocument } from '../model/build-document.js';
import type { UiStrings } from '../model/types.js';
import type { LinkRules } from '../model/normalise-url.js';
import { loadTheme, type Theme } from '../theme/theme.js';
import { siteFontProvider, type SiteFontOptions } from '../theme/site-fonts.js';
import { editionMeta } from '../site/edition-meta.js';
import type { EditionMeta } from '../site/manifest.js';
import { writerFor } from '../writers/index.js';
import { artifactPath, type WriterContext } from '../writers/types.js';

export interface EditionJob {
  ref: SourceRef;
  formats: string[];
  /** Locales of the other editions of the same briefing, in catalogue order. */
  siblings: string[];
  /** Formats this edition will have in the published site (the page's download links). */
  formatsPresent: string[];
  /** Every briefing edition discovered: what links between briefings resolve against. */
  briefings?: SourceRef[];
  /**
   * false: another job of the same edition draws the cover (a build split by format hands
   * it over with `withCoverOf`, cover-handover.ts), so this one skips the rasterizer. Default: draw it.
   */
  cover?: boolean;
  /** The build's theme, for an edition whose front matter names none. */
  theme?: string;
}

/** A file an artifact refers to by path (an image, a linked file, a font), by site path. */
export interface RenderedAsset {
  path: string;
  bytes: Uint8Array;
}

export interface RenderedArtifact {
  format: string;
  path: string;
  bytes?: Uint8Array;
  diagnostics: Diagnostic[];
  assets: RenderedAsset[];
  /** Time the writer took, for progress lines. */
  ms: number;
}

export interface RenderedEdition {
  title: string;
  /** What the site pages and feeds show of the edition (title, date, summary, cover...). */
  meta: EditionMeta;
  /** Content files the edition read besides its source, with the sha256 of their bytes. */
  deps: Array<[path: string, sha: string]>;
  /** Problems found loading the edition (before any writer ran). */
  diagnostics: Diagnostic[];
  artifacts: RenderedArtifact[];
  /** The cover drawn for this edition (also among each artifact's assets). */
  cover?: RenderedAsset;
}

export interface RenderContext {
  env: Env;
  catalogue: Catalogue;
  linkRules: LinkRules;
  theme: Theme;
  fonts: SiteFontOptions;
}

/** Site path of a file an artifact refers to: `assets/…` is site-wide, else beside the artifact. */
export function assetSitePath(artifact: string, ref: string): string {
  if (ref.startsWith('assets/')) return ref;
  const dir = artifact.includes('/') ? artifact.slice(0, artifact.lastIndexOf('/')) : '';
  return dir ? `${dir}/${ref}` : ref;
}

/** Slugs of the other briefings the tree links to (`../<locale>/<slug>.html`, as the model resolved them). */
function linkedBriefings(tree: BriefingDocument['tree']): Set<string> {
  const slugs = new Set<string>();
  visit(tree, 'element', (el) => {
    const href = el.tagName === 'a' ? String(el.properties.href ?? '') : '';
    const m = /^\.\.\/[^/]+\/([a-z0-9-]+)\.html(?:#|$)/.exec(href);
    if (m) slugs.add(m[1]!);
  });
  return slugs;
}

export async function renderEdition(job: EditionJob, rc: RenderContext): Promise<RenderedEdition> {
  for (const format of job.formats) writerFor(format)?.preload();
  const reporter = new Reporter();
  const doc = await buildDocument(job.ref, { env: rc.env, catalogue: rc.catalogue, linkRules: rc.linkRules, reporter, briefings: job.briefings });
  const modelDiagnostics = [...reporter.list];
  if (!doc || modelDiagnostics.some((d) => d.severity === 'error')) {
    const title = doc?.meta.title ?? job.ref.slug;
    return { title, meta: { title }, deps: [], diagnostics: modelDiagnostics, artifacts: [] };
  }
  const deps = new Map<string, string>();
  const linked = [...doc.images.values(), ...doc.files.values()];
  for (const asset of linked) deps.set(asset.contentPath, sha256(asset.bytes));
  for (const [file, sha] of doc.sourceLag?.inputs ?? []) deps.set(file, sha); // a translation's notice depends on its source and block record
  // A link to another briefing resolved against the editions that exist: it depends on them.
  for (const slug of linkedBriefings(doc.tree)) deps.set(briefingDep(slug), editionsOf(job.briefings ?? [], slug));

  // The edition's theme: its front matter's `theme:`, else the build's.
  const themeName = doc.meta.theme ?? job.theme;
  if (themeName !== undefined && themeName !== rc.theme.name) {
    try {
      rc = { ...rc, theme: loadTheme(themeName) };
    } catch (err) {
      if (!(err instanceof DiagnosticError)) throw err;
      return { title: doc.meta.title, meta: { title: doc.meta.title }, deps: [], diagnostics: [...modelDiagnostics, ...err.diagnostics], artifacts: [] };
    }
  }
  const strings = localeStrings(doc.locale);
  const coverReporter = new Reporter();
  // The cover is drawn on the thread pool while the writers run (render-cover.ts): the
  // HTML page links it by name, only the EPUB waits for its bytes.
  const drawing = job.cover === false ? undefined : startCover(doc, rc.theme, strings);
  let drawn: Promise<Cover | undefined> | undefined;
  const finishedCover = () =>
    (drawn ??= (async () => {
      if (!drawing) return undefined;
      try {
        return { path: drawing.path, bytes: await drawing.png };
      } catch (err) {
        // Without a cover (the rasterizer failed) the build goes on, with a warning.
        coverReporter.warn({ code: 'cover/render', file: doc.displayPath, message: `no cover image: ${(err as Error).message}`, hint: 'reinstall dependencies (npm ci) so @resvg/resvg-js has its native module' });
        return undefined;
      }
    })());

  const render = async (format: string, cover: WriterContext['cover']): Promise<RenderedArtifact> => {
    const writer = writerFor(format)!;
    const path = artifactPath(doc.locale.code, doc.slug, writer.extension);
    const formatReporter = new Reporter();
    const fonts = siteFontProvider(rc.theme, rc.fonts);
    const ctx: WriterContext = {
      theme: rc.theme,
      strings,
      catalogue: rc.catalogue,
      editions: job.siblings.map((code) => ({ locale: addLocale(rc.catalogue, code) })),
      formats: job.formatsPresent,
      reporter: formatReporter,
      fonts: format === 'html' ? fonts : undefined,
      cover,
    };
    let bytes: Uint8Array | undefined;
    const started = performance.now();
    try {
      bytes = await writer.render(doc, ctx);
    } catch (err) {
      // A writer that found a content problem says so with a DiagnosticError.
      if (err instanceof DiagnosticError) {
        for (const d of err.diagnostics) if (!formatReporter.list.includes(d)) formatReporter.report(d);
      }
      // Never an artifact missing without an error that says why.
      if (!(err instanceof DiagnosticError) || !formatReporter.list.some((d) => d.severity === 'error')) {
        formatReporter.error({ code: `writer/${format}`, file: doc.displayPath, message: `the ${format} writer failed: ${(err as Error).message}`, hint: 'this is a bug in Briefpress; please report it with the source file' });
      }
    }
    const assets: RenderedAsset[] = [];
    if (bytes && format === 'html') {
      for (const [ref, image] of doc.images) assets.push({ path: assetSitePath(path, ref), bytes: image.bytes });
      for (const [ref, file] of doc.files) assets.push({ path: assetSitePath(path, ref), bytes: file.bytes });
      assets.push(...fonts.used());
    }
    return { format, path, bytes, diagnostics: [...modelDiagnostics, ...formatReporter.list], assets, ms: performance.now() - started };
  };

  const artifacts: RenderedArtifact[] = [];
  for (const format of job.formats) artifacts.push(await render(format, format === 'epub' ? await finishedCover() : drawing && { path: drawing.path }));
  const cover = await finishedCover();
  for (const [i, artifact] of artifacts.entries()) {
    // A page that linked a cover the rasterizer then failed to draw is made again without it.
    if (!cover && drawing && artifact.format === 'html') artifacts[i] = await render('html', undefined);
  }
  for (const artifact of artifacts) {
    artifact.diagnostics.push(...coverReporter.list);
    // Every artifact keeps the cover in the site: the download pages show it, whatever formats exist.
    if (artifact.bytes && cover) artifact.assets.push(cover);
  }
  const meta = editionMeta(doc, cover?.path);
  return { title: doc.meta.title, meta, deps: [...deps].sort(), diagnostics: [], artifacts, cover };
}
