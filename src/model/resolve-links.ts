/**
 * Relative links of the body, resolved once for every format. After this pass every
 * `href` of the tree is one of:
 *
 * - an absolute URL (`https:`, `mailto:`; the resource appendix handles those);
 * - `#id`, a fragment of this briefing (checked by `checks/links.ts`);
 * - `<locale>/<slug>.html[#id]` with `dataBriefing="<locale>/<slug>"`: another briefing,
 *   as the site path of its edition in this locale (else the source locale's, with a
 *   warning). A link to a briefing that does not exist is an error;
 *   A link written for a website whose last segment names a briefing (`../legal/`) goes
 *   to that briefing, with a warning;
 * - `assets/<hash>.<ext>` with `dataAsset`: a local file (a PDF report…) loaded through
 *   `Env` into `doc.files`, published by `build.ts` at that path.
 *
 * Site paths are relative to the output root; each writer maps them (`writers/site-links.ts`).
 * A link that cannot resolve (empty, written for a website's root like `/notices/`, to a
 * folder, to a missing file, out of the content folder) becomes plain text with a warning:
 * the words stay, no format ships a dead link.
 */
import path from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { visitParents } from './visit-tree.js';
import { SLUG, type SourceRef } from '../content/discover.js';
import type { Reporter } from '../diagnostics.js';
import type { Env } from '../env.js';
import { assetKey, contentTarget } from './content-files.js';
import type { ImageAsset } from './types.js';

export interface ResolveLinksOptions {
  sourcePath: string;
  file: string;
  /** Slug and locale of the briefing whose links these are. */
  slug: string;
  locale: string;
  /** The catalogue's source locale: where a missing same-locale edition falls back to. */
  sourceLocale: string;
  /** Locale codes of the catalogue: `<locale>/<x>.md` names a briefing. */
  locales: ReadonlySet<string>;
  /** Every briefing edition discovered in the content folder. */
  briefings: readonly SourceRef[];
  env: Env;
  reporter: Reporter;
}

/** `<locale>/<slug>.<ext>` as a content path: a briefing (source or published form). */
const BRIEFING_PATH = /^([^/]+)\/([^/]+)\.(md|html|pdf|epub)$/;

const MIME: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', csv: 'text/csv', txt: 'text/plain' };

export async function resolveLinks(tree: Root, options: ResolveLinksOptions): Promise<Map<string, ImageAsset>> {
  const { env, reporter, file } = options;
  const files = new Map<string, ImageAsset>();
  const links: Array<{ node: Element; parent: Element | Root }> = [];
  visitParents(tree, 'element', (node, ancestors) => {
    if (node.tagName === 'a' && node.properties.href !== undefined && node.properties.href !== null) links.push({ node, parent: ancestors.at(-1) as Element | Root });
  });
  let listing: string[] | undefined;
  const unwrap: Array<{ node: Element; parent: Element | Root }> = [];
  for (const { node, parent } of links) {
    const href = String(node.properties.href);
    if (href.startsWith('#')) continue;
    const pos = node.position?.start;
    const where = { file, line: pos?.line, column: pos?.column };
    const plain = (code: string, message: string, hint?: string) => {
      reporter.warn({ ...where, code, message: `${message}; published as plain text`, hint });
      unwrap.push({ node, parent });
    };
    const target = contentTarget(href, options.sourcePath);
    if (target.kind === 'remote') continue;
    if (target.kind === 'empty') {
      plain('links/empty', `link "${href}" has no target`, 'write the address between the parentheses: [text](https://…)');
      continue;
    }
    if (target.kind === 'site-absolute') {
      plain('links/site-relative', `link to ${href} is written for a website's root, which a briefing does not have`, 'link to the full address (https://…), or to another briefing by its file (../en/<slug>.md)');
      continue;
    }
    if (target.kind === 'outside') {
      plain('links/outside-content', `link to ${href} leaves the content folder`, 'a relative link must stay inside the content folder, e.g. ../en/<slug>.md');
      continue;
    }
    const fragment = target.fragment ? `#${target.fragment}` : '';
    const m = BRIEFING_PATH.exec(target.path);
    const slug = m?.[2];
    if (m && options.briefings.some((r) => r.slug === slug)) {
      const named = options.briefings.find((r) => r.slug === slug && r.locale === m[1]);
      // A link to a translation of this briefing, or to an anchor of a named edition
      // (heading ids differ between locales), keeps the edition the author named.
      const edition = named && (slug === options.slug || target.fragment) ? named : pickEdition(slug!, options);
      // Landing on an edition the author did not name (neither this locale nor the link's) is worth a word.
      if (edition.locale !== options.locale && edition.locale !== m[1]) {
        reporter.warn({ ...where, code: 'links/other-locale', message: `link to ${href}: ${slug} has no ${options.locale} edition, so the link goes to the ${edition.locale} edition`, hint: `translate it: briefpress new ${slug} --locale ${options.locale}` });
      }
      const ext = m[3] === 'md' ? 'html' : m[3];
      node.properties.href = `${edition.locale}/${slug}.${ext}${fragment}`;
      node.properties.dataBriefing = `${edition.locale}/${slug}`;
      continue;
    }
    // `<locale>/<slug>.md` names a briefing; `docs/x.md` or `en/pull_request_template.md` is just a file.
    if (m && m[3] === 'md' && options.locales.has(m[1]!) && SLUG.test(slug!)) {
      const editions = options.briefings.filter((r) => r.slug === slug).map((r) => r.path);
      reporter.error({
        ...where, code: 'links/broken-briefing',
        message: `link to ${href}: there is no briefing ${m[1]}/${slug}.md`,
        hint: editions.length ? `existing editions of ${slug}: ${editions.join(', ')}` : 'check the file name, or remove the link',
      });
      continue;
    }
    if (await env.contentExists(target.path)) {
      const bytes = await env.readContent(target.path);
      const ext = path.posix.extname(target.path).slice(1);
      const key = assetKey(bytes, ext);
      files.set(key, { src: key, contentPath: target.path, mime: MIME[ext.toLowerCase()] ?? 'application/octet-stream', bytes });
      node.properties.href = key;
      node.properties.dataAsset = target.path;
      continue;
    }
    // Written for a website (`../starting-a-project/`): the last segment names a briefing.
    const guess = /^(?:.*\/)?([^/]+?)(?:\.(?:md|html))?$/.exec(target.path)?.[1];
    if (guess && options.briefings.some((r) => r.slug === guess)) {
      const edition = pickEdition(guess, options);
      reporter.warn({ ...where, code: 'links/guessed-briefing', message: `link to ${href} is not a file; it names the briefing ${guess}, so it links to ${edition.path}`, hint: `write it as a link to the file: ${path.posix.relative(path.posix.dirname(options.sourcePath), edition.path)}` });
      node.properties.href = `${edition.locale}/${guess}.html${fragment}`;
      node.properties.dataBriefing = `${edition.locale}/${guess}`;
      continue;
    }
    listing ??= await env.listContent();
    if (listing.some((p) => p.startsWith(`${target.path}/`)) || target.path === '.') {
      plain('links/folder', `link to ${href} points at a folder, not a file`, 'link to a briefing (../en/<slug>.md) or to a file');
    } else {
      plain('links/missing-file', `link to ${href}: ${target.path} does not exist in the content folder`);
    }
  }
  for (const { node, parent } of unwrap) {
    const i = parent.children.indexOf(node);
    if (i !== -1) parent.children.splice(i, 1, ...(node.children as ElementContent[]));
  }
  return files;
}

/** The edition a cross-link lands on: the same locale, else the source locale, else the first. */
function pickEdition(slug: string, options: ResolveLinksOptions): SourceRef {
  const all = options.briefings.filter((r) => r.slug === slug);
  return all.find((r) => r.locale === options.locale) ?? all.find((r) => r.locale === options.sourceLocale) ?? all[0]!;
}
