/**
 * Link targets as PDF wants them. pdfkit writes any non-ASCII string as UTF-16, which
 * is wrong for a URI (7-bit ASCII), so URIs are percent-encoded (hosts in punycode).
 * Named destinations are kept ASCII too, so that their byte order and their sort
 * order agree whatever the heading slug contains (`les-thèmes`).
 */
const NON_ASCII = /[^\x00-\x7F]/;

export function pdfUri(url: string): string {
  if (!NON_ASCII.test(url)) return url;
  try {
    const href = new URL(url).href;
    if (!NON_ASCII.test(href)) return href;
  } catch {
    // fall through: encode what is left
  }
  return url.replace(/[^\x00-\x7F]+/g, (s) => encodeURIComponent(s));
}

/** Named destination for an element id: ASCII letters, digits and `-._` kept, the rest %XX. */
export function destName(id: string): string {
  return Array.from(new TextEncoder().encode(id), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9._-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}
