/**
 * Fragments: a `#id` link must hit an id of its briefing (headings, footnotes, raw HTML
 * ids, `resource-n`), and a link to another briefing's `#id` an id of that briefing.
 * Everything else about links (other briefings, files, dead targets) is resolved once,
 * in the model (`model/resolve-links.ts`), for build and check alike.
 */
import type { Element } from 'hast';
import { visit } from '../model/visit-tree.js';
import type { Reporter } from '../diagnostics.js';
import { safeDecode } from '../model/content-files.js';
import type { BriefingDocument } from '../model/types.js';

/** Every id a link inside the document can reach: headings, footnotes, raw HTML ids, resource-n. */
export function idsOf(doc: BriefingDocument): Set<string> {
  const ids = new Set(doc.resources.map((r) => r.id));
  visit(doc.tree, 'element', (el: Element) => {
    if (typeof el.properties.id === 'string' && el.properties.id) ids.add(el.properties.id);
  });
  return ids;
}

/**
 * `#fragment` links must land on an id: `#id` in this briefing (`docs` empty: the model
 * checks each edition as it loads it, in build and check alike), or `<other>#id` in the
 * briefing linked to (`docs`: the editions loaded together, as `check` does).
 */
export function checkFragments(doc: BriefingDocument, docs: readonly BriefingDocument[], reporter: Reporter): void {
  const byKey = new Map(docs.map((d) => [`${d.locale.code}/${d.slug}`, d]));
  const idCache = new Map<BriefingDocument, Set<string>>();
  const ids = (d: BriefingDocument) => idCache.get(d) ?? idCache.set(d, idsOf(d)).get(d)!;
  visit(doc.tree, 'element', (el: Element) => {
    if (el.tagName !== 'a' || typeof el.properties.href !== 'string') return;
    // Footnote back references are generated, without a source position, and always resolve.
    if (el.properties.dataFootnoteBackref !== undefined) return;
    const href = el.properties.href;
    const hashAt = href.indexOf('#');
    if (hashAt === -1) return;
    const fragment = href.slice(hashAt + 1);
    const at = { file: doc.displayPath, line: el.position?.start.line, column: el.position?.start.column };
    const own = docs.length === 0;
    if (own !== (hashAt === 0)) return;
    const target = own ? doc : typeof el.properties.dataBriefing === 'string' ? byKey.get(el.properties.dataBriefing) : undefined;
    // Another briefing not loaded in this run (`build --locale`): nothing to check against.
    if (!target || !fragment) return;
    const reach = ids(target);
    if (reach.has(fragment) || reach.has(safeDecode(fragment))) return;
    reporter.error({
      code: 'links/broken-fragment', ...at,
      message: target === doc
        ? `link to #${fragment}: no heading, footnote or resource of this briefing has that id`
        : `link to #${fragment} of ${target.sourcePath}: that briefing has no id "${fragment}"`,
      hint: nearIds(fragment, reach),
    });
  });
}

/** A hint listing ids that look like the one asked for. */
function nearIds(wanted: string, ids: Set<string>): string | undefined {
  const w = safeDecode(wanted).toLowerCase();
  const near = [...ids].filter((id) => id.includes(w) || w.includes(id) || id.split('-')[0] === w.split('-')[0]).slice(0, 5);
  const list = near.length ? near : [...ids].slice(0, 8);
  return list.length ? `ids in reach: ${list.map((i) => `#${i}`).join(', ')}` : undefined;
}
