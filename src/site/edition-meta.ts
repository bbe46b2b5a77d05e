/**
 * The descriptive fields of an edition that the site pages and feeds show, taken from
 * the document once at render time and kept in the manifest (so a page of the whole
 * site never has to re-parse every source).
 */
import type { BriefingDocument } from '../model/types.js';
import { byline } from '../writers/parts/front-parts.js';
import type { EditionMeta } from './manifest.js';

export function editionMeta(doc: BriefingDocument, cover?: string): EditionMeta {
  const { meta } = doc;
  const out: EditionMeta = { title: meta.title, date: doc.published.toISOString().slice(0, 10) };
  if (meta.subtitle) out.subtitle = meta.subtitle;
  if (meta.summary) out.summary = meta.summary;
  if (meta.status) out.status = meta.status;
  const by = byline(doc);
  if (by) out.author = by;
  if (cover) out.cover = cover;
  // The same figure `status --json` gives CI (issue: translations that fall behind).
  if (doc.sourceLag) out.blocksBehind = doc.sourceLag.blocks?.behind ?? null;
  return out;
}
