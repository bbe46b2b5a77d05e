/**
 * One source file → one `BriefingDocument`: decode, parse, validate the front matter,
 * build the sanitised tree, then the shared model work every format relies on
 * (resource appendix, locale typography, headings, images).
 */
import { createHash } from 'node:crypto';
import { unified } from 'unified';
import type { Reporter } from '../diagnostics.js';
import type { Env } from '../env.js';
import { parseFrontMatter } from '../content/front-matter.js';
import { addLocale, loadUiStrings, type Catalogue } from '../content/locales.js';
import type { SourceRef } from '../content/discover.js';
import { sourceLag } from '../content/source-lag.js';
import { collectResources } from './collect-resources.js';
import { decodeSource } from './decode-source.js';
import { loadImages } from './load-images.js';
import type { LinkRules } from './normalise-url.js';
import { collectHeadings, parseMarkdown, toHast } from './parse-markdown.js';
import { applyTypography, rehypeTypography } from './typography.js';
import type { BriefingDocument } from './types.js';

/** The hash translations record: sha256 of the source text with LF line endings, 16 hex digits. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '')).digest('hex').slice(0, 16);
}

export interface BuildDocumentContext {
  env: Env;
  catalogue: Catalogue;
  linkRules: LinkRules;
  reporter: Reporter;
}

export async function buildDocument(ref: SourceRef, ctx: BuildDocumentContext): Promise<BriefingDocument | undefined> {
  const { env, catalogue, reporter } = ctx;
  const file = env.displayPath(ref.path);
  // Discovery accepted the folder; a worker's catalogue copy learns the locale here.
  const locale = addLocale(catalogue, ref.locale);
  const text = decodeSource(await env.readContent(ref.path), file, reporter);
  if (text === undefined) return undefined;
  const { frontMatter, mdast } = parseMarkdown(text, file);
  const meta = parseFrontMatter(frontMatter, reporter, new Set(catalogue.locales.keys()), file);
  if (!meta) return undefined;
  const strings = loadUiStrings(locale.code);
  const tree = toHast(mdast, { strings });
  const resourcesLine = frontMatter ? frontMatter.firstLine + frontMatter.yaml.split('\n').findIndex((l) => l.startsWith('resources:')) : undefined;
  const resources = collectResources(tree, { rules: ctx.linkRules, declared: meta.resources, reporter, file, declaredLine: resourcesLine });
  unified().use(rehypeTypography, { rules: locale.typography }).runSync(tree);
  // The title block is text of the same edition: same typography as the body.
  for (const key of ['title', 'subtitle', 'summary'] as const) {
    const value = meta[key];
    if (value !== undefined) meta[key] = applyTypography(value, locale.typography);
  }
  const images = await loadImages(tree, ref.path, file, env, reporter);
  const published = env.sourceDateEpoch() ?? new Date(`${meta.date}T00:00:00Z`);
  // A translation reads its source and block record too: how far behind is it?
  const isTranslation = meta.translation_of !== undefined || ref.locale !== catalogue.source;
  const lag = isTranslation ? await sourceLag(env, ref.locale, ref.slug, meta, catalogue.source, reporter) : undefined;
  return {
    slug: ref.slug,
    locale,
    sourcePath: ref.path,
    displayPath: file,
    meta,
    tree,
    headings: collectHeadings(tree),
    resources,
    images,
    contentHash: contentHash(text),
    published,
    ...(lag ? { sourceLag: lag } : {}),
  };
}
