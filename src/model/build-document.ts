/**
 * One source file → one `BriefingDocument`: decode, parse, validate the front matter,
 * build the sanitised tree, then the shared model work every format relies on
 * (resource appendix, locale typography, headings, images).
 */
import { createHash } from 'node:crypto';
import type { Root } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { unified } from 'unified';
import type { Reporter } from '../diagnostics.js';
import type { Env } from '../env.js';
import { parseFrontMatter } from '../content/front-matter.js';
import { addLocale, loadUiStrings, type Catalogue } from '../content/locales.js';
import type { SourceRef } from '../content/discover.js';
import { sourceLag } from '../content/source-lag.js';
import { collectResources } from './collect-resources.js';
import { markLanguageDirections } from './language-parts.js';
import { decodeSource } from './decode-source.js';
import { loadImages } from './load-images.js';
import { reportMarkdownLosses } from './report-losses.js';
import { resolveLinks } from './resolve-links.js';
import { checkFragments } from '../checks/links.js';
import type { LinkRules } from './normalise-url.js';
import { collectHeadings, parseMarkdown, toHast } from './parse-markdown.js';
import { applyTypography, bindShortWordsInHeadings, rehypeTypography } from './typography.js';
import type { BriefingDocument } from './types.js';

/** The hash translations record: sha256 of the source text with LF line endings, 16 hex digits. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '')).digest('hex').slice(0, 16);
}

/**
 * Timestamp recorded inside the files of an undated edition when SOURCE_DATE_EPOCH is not
 * set: fixed, so rebuilds stay byte-identical (2000-01-01T00:00:00Z). Never printed.
 */
export const UNDATED_TIMESTAMP = new Date(Date.UTC(2000, 0, 1));

export interface BuildDocumentContext {
  env: Env;
  catalogue: Catalogue;
  linkRules: LinkRules;
  reporter: Reporter;
  /** Every briefing edition discovered, for links between briefings (none: such links are errors). */
  briefings?: readonly SourceRef[];
}

/** The title of a briefing without front matter: its first `#` heading, taken out of the body. */
function titleFromBody(mdast: Root, slug: string): string {
  const i = mdast.children.findIndex((n) => n.type === 'heading' && n.depth === 1);
  if (i === -1) return slug;
  const [heading] = mdast.children.splice(i, 1);
  return mdastToString(heading).trim() || slug;
}

export async function buildDocument(ref: SourceRef, ctx: BuildDocumentContext): Promise<BriefingDocument | undefined> {
  const { env, catalogue, reporter } = ctx;
  const file = env.displayPath(ref.path);
  // Discovery accepted the folder; a worker's catalogue copy learns the locale here.
  const locale = addLocale(catalogue, ref.locale);
  const text = decodeSource(await env.readContent(ref.path), file, reporter);
  if (text === undefined) return undefined;
  const { frontMatter, mdast } = parseMarkdown(text, file);
  const parsed = parseFrontMatter(frontMatter, reporter, new Set(catalogue.locales.keys()), file);
  if (frontMatter && !parsed) return undefined;
  const meta = parsed ?? { title: titleFromBody(mdast, ref.slug) };
  reportMarkdownLosses(mdast, { reporter, file });
  const strings = loadUiStrings(locale.code);
  const tree = toHast(mdast, { strings, reporter, file });
  const resourcesLine = frontMatter ? frontMatter.firstLine + frontMatter.yaml.split('\n').findIndex((l) => l.startsWith('resources:')) : undefined;
  markLanguageDirections(tree, locale.dir);
  const resources = collectResources(tree, { rules: ctx.linkRules, declared: meta.resources, reporter, file, declaredLine: resourcesLine });
  // The title block is text of the same edition: same typography as the body.
  for (const key of ['title', 'subtitle', 'summary'] as const) {
    const value = meta[key];
    if (value !== undefined) meta[key] = applyTypography(value, locale.typography);
  }
  const images = await loadImages(tree, { sourcePath: ref.path, file, env, reporter, strings });
  const files = await resolveLinks(tree, {
    sourcePath: ref.path, file, slug: ref.slug, locale: locale.code, sourceLocale: catalogue.source, locales: new Set(catalogue.locales.keys()), briefings: ctx.briefings ?? [], env, reporter,
  });
  // After images and links: placeholders and unwrapped link text get the same typography.
  unified().use(rehypeTypography, { rules: locale.typography }).runSync(tree);
  bindShortWordsInHeadings(tree, locale.typography);
  const date = meta.date ? new Date(`${meta.date}T00:00:00Z`) : undefined;
  // A translation reads its source and block record too: how far behind is it?
  const isTranslation = meta.translation_of !== undefined || ref.locale !== catalogue.source;
  const lag = isTranslation ? await sourceLag(env, ref.locale, ref.slug, meta, catalogue.source, reporter) : undefined;
  const doc: BriefingDocument = {
    slug: ref.slug,
    locale,
    sourcePath: ref.path,
    displayPath: file,
    meta,
    tree,
    headings: collectHeadings(tree),
    resources,
    images,
    files,
    contentHash: contentHash(text),
    date,
    // SOURCE_DATE_EPOCH sets timestamps inside files only, never the date readers see.
    published: env.sourceDateEpoch() ?? date ?? UNDATED_TIMESTAMP,
    ...(lag ? { sourceLag: lag } : {}),
  };
  checkFragments(doc, [], reporter);
  return doc;
}
