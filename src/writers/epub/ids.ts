/**
 * EPUB content documents are XML: an `id` must be an XML name without colons (NCName),
 * unique in its file. HTML slugs may start with a digit (`2025-en-bref`) or hold other
 * characters XML names refuse; those get a stable, valid replacement.
 */

// XML 1.0 (fifth edition) NameStartChar and NameChar, without ':'.
const START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const REST = `${START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NCNAME = new RegExp(`^[${START}][${REST}]*$`, 'u');
const NOT_NAME_CHAR = new RegExp(`[^${REST}]`, 'gu');

export function isNcName(id: string): boolean {
  return NCNAME.test(id);
}

/** A valid NCName for `id`: itself when already valid, else a readable repair. */
export function toNcName(id: string): string {
  if (isNcName(id)) return id;
  const repaired = id.replace(NOT_NAME_CHAR, '-');
  return isNcName(repaired) ? repaired : `id-${repaired}`;
}

/** Hands out NCNames unique within one file, `-2`, `-3`… on collision. */
export class IdAllocator {
  private readonly used = new Set<string>();

  reserve(id: string): void {
    this.used.add(id);
  }

  allocate(id: string): string {
    const base = toNcName(id);
    let candidate = base;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${base}-${n}`;
    this.used.add(candidate);
    return candidate;
  }
}
