/**
 * The little XML the EPUB writer writes by hand (attribute values it restores, NCX
 * entries): escaping, and the hast-property → attribute-name rule.
 */

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text or a double-quoted attribute value for XML. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => ENTITY[c]!);
}

const SPECIAL_NAMES: Record<string, string> = {
  className: 'class',
  htmlFor: 'for',
  httpEquiv: 'http-equiv',
  acceptCharset: 'accept-charset',
  xmlLang: 'xml:lang',
  xmlSpace: 'xml:space',
  xmlBase: 'xml:base',
};

/**
 * The attribute a hast property stands for: `className` → `class`, `dataFootnoteRef` →
 * `data-footnote-ref`, `ariaLabelledBy` → `aria-labelledby`, `dateTime` → `datetime`; names that
 * already are attribute names (`epub:type`) stay as they are.
 */
export function attributeName(property: string): string {
  const special = SPECIAL_NAMES[property];
  if (special) return special;
  // ARIA attributes are one word after the prefix (aria-labelledby); data-* are kebab-case.
  if (/^aria[A-Z]/.test(property)) return `aria-${property.slice(4).toLowerCase()}`;
  if (/^data[A-Z0-9]/.test(property)) return property.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
  if (/[:-]/.test(property)) return property;
  return property.toLowerCase();
}

/** The XHTML value of a hast property value, or undefined when the attribute is absent. */
export function attributeValue(name: string, value: unknown): string | undefined {
  if (value === null || value === undefined || value === false) return undefined;
  // XHTML spells a boolean attribute with its own name as the value: checked="checked".
  if (value === true) return name;
  if (Array.isArray(value)) return value.join(' ');
  return String(value);
}

/**
 * dom-serializer (inside epub-gen-memory) writes every non-ASCII character as a numeric
 * reference (`f&#xE9;vrier`). A UTF-8 XML document needs none but the markup ones, and
 * reading systems search, hyphenate and read aloud plain text more reliably: decode the
 * rest. `&amp;#…` stays as it is, since its `&` is not followed by `#`.
 */
export function decodeCharacterReferences(xml: string): string {
  return xml.replace(/&#x([0-9a-fA-F]+);|&#([0-9]+);/g, (ref, hex: string | undefined, dec: string | undefined) => {
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    const keep = code < 0x20 || code === 0x22 || code === 0x26 || code === 0x27 || code === 0x3c || code === 0x3e || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff;
    return keep ? ref : String.fromCodePoint(code);
  });
}
