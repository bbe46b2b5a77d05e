/**
 * The pipeline: discover → document model → writers → atomic writes → manifest + index.
 * Data flows one way: writers get the model and return bytes; only this module writes.
 * Nothing is written when the content has errors, so a failed build never replaces a
 * good artifact with a broken one.
 */
import { createHash } from 'node:crypto';
import { DiagnosticError, hasErrors, Reporter, type Diagnostic } from './diagnostics.js';
import type { Env } from './env.js';
import { discoverBriefings, type SourceRef } from './content/discover.js';
import { loadCatalogue, loadUiStrings, type Catalogue } from './content/locales.js';
import { buildDocument } from './model/build-document.js';
import { loadLinkRules } from './model/normalise-url.js';
import { applyTypography } from './model/typography.js';
import type { BriefingDocument, LocaleInfo, UiStrings } from './model/types.js';
import { renderIndexPage } from './site/index-page.js';
import { renderManifest, type ManifestEntry } from './site/manifest.js';
import { loadTheme, type Theme } from './theme/theme.js';
import { WRITERS, writerFor } from './writers/index.js';
import { artifactPath, type Edition, type WriterContext } from './writers/types.js';

export interface BuildOptions {
  env: Env;
  /** Locales to build; default all that exist. */
  locales?: string[];
  /** Formats to build; default every writer. */
  formats?: string[];
  /** Called after each artifact is rendered. */
  onArtifact?: (artifact: ManifestEntry, index: number, total: number, ms: number) => void;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  artifacts: ManifestEntry[];
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** UI strings with the locale's typography (French spacing before the colon, etc.). */
export function localeStrings(locale: LocaleInfo): UiStrings {
  const out: UiStrings = {};
  for (const [k, v] of Object.entries(loadUiStrings(locale.code))) out[k] = applyTypography(v, locale.typography);
  return out;
}

/** Loads and models every selected briefing; diagnostics go to `reporter`. */
export async function loadDocuments(
  env: Env,
  reporter: Reporter,
  locales?: string[],
): Promise<{ catalogue: Catalogue; refs: SourceRef[]; docs: BriefingDocument[] }> {
  const catalogue = loadCatalogue();
  const linkRules = loadLinkRules();
  const refs = await discoverBriefings(env, catalogue, reporter);
  // Catalogue order (the source locale first), then slug: progress reads in a stable, useful order.
  const order = [...catalogue.locales.keys()];
  const selected = refs
    .filter((r) => !locales || locales.includes(r.locale))
    .sort((a, b) => order.indexOf(a.locale) - order.indexOf(b.locale) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const docs: BriefingDocument[] = [];
  for (const ref of selected) {
    const doc = await buildDocument(ref, { env, catalogue, linkRules, reporter });
    if (doc) docs.push(doc);
  }
  return { catalogue, refs, docs };
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const { env } = options;
  const reporter = new Reporter();
  const { catalogue, refs, docs } = await loadDocuments(env, reporter, options.locales);
  const formats = options.formats ?? WRITERS.map((w) => w.format);
  if (hasErrors(reporter.list)) return { ok: false, diagnostics: reporter.list, artifacts: [] };

  const theme: Theme = loadTheme();
  const localeOrder = [...catalogue.locales.keys()];
  const total = docs.length * formats.length;
  const rendered: Array<{ entry: ManifestEntry; bytes: Uint8Array }> = [];
  for (const doc of docs) {
    const editions: Edition[] = refs
      .filter((r) => r.slug === doc.slug && r.locale !== doc.locale.code)
      .sort((a, b) => localeOrder.indexOf(a.locale) - localeOrder.indexOf(b.locale))
      .map((r) => ({ locale: catalogue.locales.get(r.locale)! }));
    const ctx: WriterContext = { theme, strings: localeStrings(doc.locale), catalogue, editions, formats, reporter };
    for (const format of formats) {
      const writer = writerFor(format)!;
      const started = performance.now();
      let bytes: Uint8Array;
      try {
        bytes = await writer.render(doc, ctx);
      } catch (err) {
        // A writer that found a content problem has reported it already (DiagnosticError).
        if (err instanceof DiagnosticError) continue;
        reporter.error({ code: `writer/${format}`, file: doc.displayPath, message: `the ${format} writer failed: ${(err as Error).message}`, hint: 'this is a bug in Briefpress; please report it with the source file' });
        continue;
      }
      const entry: ManifestEntry = {
        locale: doc.locale.code,
        slug: doc.slug,
        format,
        title: doc.meta.title,
        path: artifactPath(doc.locale.code, doc.slug, writer.extension),
        bytes: bytes.byteLength,
        sha256: sha256(bytes),
      };
      rendered.push({ entry, bytes });
      options.onArtifact?.(entry, rendered.length, total, performance.now() - started);
    }
  }
  if (hasErrors(reporter.list)) return { ok: false, diagnostics: reporter.list, artifacts: [] };

  for (const { entry, bytes } of rendered) await env.writeOutput(entry.path, bytes);
  const artifacts = rendered.map((r) => r.entry);
  await env.writeOutput('manifest.json', renderManifest(artifacts));
  const source = catalogue.locales.get(catalogue.source)!;
  await env.writeOutput('index.html', renderIndexPage(artifacts, catalogue, localeStrings(source), theme));
  return { ok: true, diagnostics: reporter.list, artifacts };
}
