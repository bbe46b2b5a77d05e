/**
 * Document information and XMP metadata. pdfkit writes the XMP packet by pasting the
 * info strings into XML unescaped (a title like `R&D <draft>` breaks it) and without
 * the language, keywords as a list, or a modification date, so the writer supplies
 * the packet itself, escaped, from the same values as the Info dictionary.
 */
import type { BriefingDocument } from '../../model/types.js';
import { byline } from '../parts/front-parts.js';

export const CREATOR = 'Briefpress';
export const PRODUCER = 'Briefpress (PDFKit)';

export interface PdfInfo {
  Title: string;
  Author?: string;
  Subject?: string;
  Keywords?: string;
  Creator: string;
  Producer: string;
  CreationDate: Date;
  ModDate: Date;
}

export function pdfInfo(doc: BriefingDocument): PdfInfo {
  const info: PdfInfo = { Title: doc.meta.title, Creator: CREATOR, Producer: PRODUCER, CreationDate: doc.published, ModDate: doc.published };
  const author = byline(doc);
  if (author) info.Author = author;
  if (doc.meta.summary) info.Subject = doc.meta.summary;
  if (doc.meta.keywords?.length) info.Keywords = doc.meta.keywords.join(', ');
  return info;
}

export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Control characters are not allowed in XML 1.0.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

const isoSeconds = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/** The rdf:Description elements of the packet (pdfkit adds the envelope). */
export function xmpDescriptions(doc: BriefingDocument, info: PdfInfo): string {
  const e = xmlEscape;
  const authors = [...(doc.meta.authors ?? []), ...(doc.meta.organization ? [doc.meta.organization] : [])];
  const lang = e(doc.locale.code);
  const lines = [
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreateDate>${isoSeconds(info.CreationDate)}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${isoSeconds(info.ModDate)}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${isoSeconds(info.ModDate)}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${e(info.Creator)}</xmp:CreatorTool>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${e(info.Title)}</rdf:li><rdf:li xml:lang="${lang}">${e(info.Title)}</rdf:li></rdf:Alt></dc:title>`,
    authors.length ? `<dc:creator><rdf:Seq>${authors.map((a) => `<rdf:li>${e(a)}</rdf:li>`).join('')}</rdf:Seq></dc:creator>` : '',
    info.Subject ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${e(info.Subject)}</rdf:li></rdf:Alt></dc:description>` : '',
    doc.meta.keywords?.length ? `<dc:subject><rdf:Bag>${doc.meta.keywords.map((k) => `<rdf:li>${e(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>` : '',
    `<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`,
    '</rdf:Description>',
    // PDF/UA-1 (ISO 14289-1): the identification schema of part 1.
    '<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    '<pdfuaid:part>1</pdfuaid:part>',
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${e(info.Producer)}</pdf:Producer>`,
    info.Keywords ? `<pdf:Keywords>${e(info.Keywords)}</pdf:Keywords>` : '',
    '</rdf:Description>',
  ];
  return lines.filter(Boolean).join('\n');
}

/** pdfkit 0.20 internals the writer replaces (see pdfkit-setup.ts). */
export interface MetadataInternals {
  _addInfo(): void;
  appendXML(xml: string, newline?: boolean): void;
}
