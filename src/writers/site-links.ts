/**
 * After the model, a relative `href`/`src` of the tree is a path from the output root
 * (`en/other-briefing.html#id`, `assets/<hash>.pdf`; see `model/resolve-links.ts`). Each
 * edition lives at `<locale>/<slug>.<ext>`, one folder down, so a page or a PDF reaches
 * it as `../<path>`. The EPUB is a closed book: those links become plain text there.
 */
const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** True for a path from the output root (not a URL, not a fragment of this document). */
export function isSitePath(ref: string): boolean {
  return ref !== '' && !ref.startsWith('#') && !URL_WITH_SCHEME.test(ref) && !ref.startsWith('//') && !ref.startsWith('/');
}

/** The reference as seen from an edition at `<locale>/<slug>.<ext>`. */
export function fromEdition(ref: string): string {
  return isSitePath(ref) ? `../${ref}` : ref;
}
