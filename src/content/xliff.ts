/**
 * XLIFF 2.0 (OASIS, core only) for briefings: one `<file>` per briefing, one `<unit>` per
 * source block (content/source-blocks.ts) with its inline codes (content/inline-codes.ts):
 * `<pc>` around emphasis, links and image alt texts, `<ph/>` for footnote references,
 * inline code and the like, their Markdown in `<originalData>`. Each unit carries the hash
 * of the source block it was made from (`bp:hash`, an attribute in our own namespace, which
 * the schema allows), so an import can tell a unit whose source changed since the export.
 *
 * Writing is string building with escaping; reading uses @xmldom/xmldom (a DOM, no
 * network, no entity expansion beyond XML's own). Codes are read by id only: their
 * Markdown always comes back from the current source, never from the file.
 */
import { DOMParser, type Element as XmlElement, type Node as XmlNode } from '@xmldom/xmldom';
import { codeSequence, xliffType, type Inline } from './inline-codes.js';

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
export const BRIEFPRESS_NS = 'urn:briefpress:xliff';

export type SegmentState = 'initial' | 'translated' | 'reviewed' | 'final';

export interface XliffUnitOut {
  id: string;
  hash: string;
  /** Where the block is, for the translator (`fr/ai-briefing.md:12`). */
  location: string;
  codes: Inline[];
  /** Target codes with the source's ids (see `alignCodes`). */
  target?: Inline[];
  state: SegmentState;
}

export interface XliffFileOut {
  /** The briefing's slug. */
  id: string;
  /** Content path of the source edition. */
  original: string;
  units: XliffUnitOut[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string) => esc(s).replace(/"/g, '&quot;');

/** Data ids of a unit's codes: `d1` for a placeholder, `d2s`/`d2e` for the two ends of a paired code. */
function originalData(codes: readonly Inline[]): string[] {
  return codeSequence(codes).flatMap(({ code }) =>
    code.kind === 'ph'
      ? [`<data id="d${code.id}">${esc(code.data)}</data>`]
      : [`<data id="d${code.id}s">${esc(code.start)}</data>`, `<data id="d${code.id}e">${esc(code.end)}</data>`]);
}

function inlineXml(codes: readonly Inline[]): string {
  return codes.map((c) => {
    if (c.kind === 'text') return esc(c.value);
    if (c.kind === 'ph') return `<ph id="${c.id}" dataRef="d${c.id}" type="${xliffType(c)}" disp="${attr(c.data)}"/>`;
    return `<pc id="${c.id}" dataRefStart="d${c.id}s" dataRefEnd="d${c.id}e" type="${xliffType(c)}">${inlineXml(c.children)}</pc>`;
  }).join('');
}

/** One XLIFF 2.0 document: `srcLang` → `trgLang`, one file per briefing. */
export function writeXliff(srcLang: string, trgLang: string, files: readonly XliffFileOut[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_NS}" xmlns:bp="${BRIEFPRESS_NS}" version="2.0" srcLang="${attr(srcLang)}" trgLang="${attr(trgLang)}">`,
  ];
  for (const f of files) {
    // canResegment="no": a unit is one block; splitting it would break the way back.
    out.push(`  <file id="${attr(f.id)}" original="${attr(f.original)}" canResegment="no">`);
    for (const u of f.units) {
      const data = originalData(u.codes);
      out.push(`    <unit id="${attr(u.id)}" bp:hash="${u.hash}">`);
      out.push(`      <notes><note category="location">${esc(u.location)}</note></notes>`);
      if (data.length) out.push('      <originalData>', ...data.map((d) => `        ${d}`), '      </originalData>');
      out.push(`      <segment state="${u.state}">`);
      out.push(`        <source xml:space="preserve">${inlineXml(u.codes)}</source>`);
      if (u.target) out.push(`        <target xml:space="preserve">${inlineXml(u.target)}</target>`);
      out.push('      </segment>', '    </unit>');
    }
    out.push('  </file>');
  }
  out.push('</xliff>', '');
  return out.join('\n');
}

/** A target as read: text, and codes by id (their Markdown is the source's). */
export type TargetInline = { kind: 'text'; value: string } | { kind: 'ph'; id: string } | { kind: 'pc'; id: string; children: TargetInline[] };

export interface XliffUnitIn {
  id: string;
  hash: string;
  /** Undefined when the unit has no target. */
  target?: TargetInline[];
  /** A code the file uses that briefpress cannot map back (e.g. `<sc>`/`<ec>`). */
  problem?: string;
}

export interface XliffIn {
  srcLang: string;
  trgLang: string;
  files: Array<{ id: string; original: string; units: XliffUnitIn[] }>;
}

function elements(parent: XmlNode, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as XmlElement).namespaceURI === XLIFF_NS && (n as XmlElement).localName === local) out.push(n as XmlElement);
  }
  return out;
}

/** Units at any depth (a tool may have grouped them). */
function unitsOf(file: XmlElement): XmlElement[] {
  return [...file.getElementsByTagNameNS(XLIFF_NS, 'unit')];
}

function readInline(parent: XmlNode): TargetInline[] {
  const out: TargetInline[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3 || n.nodeType === 4) {
      out.push({ kind: 'text', value: n.nodeValue ?? '' });
      continue;
    }
    if (n.nodeType !== 1) continue;
    const el = n as XmlElement;
    const id = el.getAttribute('id') ?? '';
    switch (el.localName) {
      case 'ph':
        out.push({ kind: 'ph', id });
        break;
      case 'pc':
        out.push({ kind: 'pc', id, children: readInline(el) });
        break;
      case 'cp':
        out.push({ kind: 'text', value: String.fromCodePoint(parseInt(el.getAttribute('hex') ?? '0', 16)) });
        break;
      case 'mrk':
        // An annotation (a term, a comment): its content is text like any other.
        out.push(...readInline(el));
        break;
      default:
        throw new Error(`<${el.localName}> is not supported in a target; keep the codes as <pc> and <ph>`);
    }
  }
  return out;
}

/** Parses an XLIFF 2.0 document; throws an Error with a readable message when it is not one. */
export function readXliff(text: string): XliffIn {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') problems.push(msg); } }).parseFromString(text, 'text/xml');
  const root = doc.documentElement;
  if (problems.length || !root) throw new Error(`not well-formed XML: ${problems[0] ?? 'no root element'}`);
  if (root.namespaceURI !== XLIFF_NS || root.localName !== 'xliff' || root.getAttribute('version') !== '2.0') {
    throw new Error('not an XLIFF 2.0 document (<xliff version="2.0"> in the XLIFF 2.0 namespace)');
  }
  const files = elements(root, 'file').map((file) => ({
    id: file.getAttribute('id') ?? '',
    original: file.getAttribute('original') ?? '',
    units: unitsOf(file).map((unit): XliffUnitIn => {
      const id = unit.getAttribute('id') ?? '';
      const hash = unit.getAttributeNS(BRIEFPRESS_NS, 'hash') ?? '';
      // A tool may split a unit into segments (and `ignorable` white space): the target is all of them, in order.
      const parts = [...elements(unit, 'segment'), ...elements(unit, 'ignorable')]
        .sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
      const targets = parts.map((p) => elements(p, 'target')[0]);
      if (targets.every((t) => t === undefined)) return { id, hash };
      try {
        return { id, hash, target: targets.flatMap((t) => (t ? readInline(t) : [])) };
      } catch (err) {
        return { id, hash, problem: (err as Error).message };
      }
    }),
  }));
  return { srcLang: root.getAttribute('srcLang') ?? '', trgLang: root.getAttribute('trgLang') ?? '', files };
}

/**
 * A translated target with the source's codes put back, or what is wrong with it: every
 * code of the source exactly once, nested as a tree, no code the source does not have.
 */
export function bindTarget(target: readonly TargetInline[], source: readonly Inline[]): { codes: Inline[] } | { problem: string } {
  const byId = new Map(codeSequence(source).map(({ code }) => [code.id, code]));
  const used = new Set<string>();
  let problem: string | undefined;
  const bind = (list: readonly TargetInline[]): Inline[] => list.map((t): Inline => {
    if (t.kind === 'text') return t;
    const code = byId.get(t.id);
    if (!code || code.kind !== t.kind) {
      problem ??= `code ${t.id} (<${t.kind}>) is not one of the source's`;
      return { kind: 'text', value: '' };
    }
    if (used.has(t.id)) problem ??= `code ${t.id} appears twice`;
    used.add(t.id);
    return code.kind === 'ph' ? code : { ...code, children: bind((t as { children: TargetInline[] }).children) };
  });
  const codes = bind(target);
  const missing = [...byId.values()].filter((c) => !used.has(c.id));
  if (!problem && missing.length) {
    problem = `the target lacks ${missing.map((c) => `code ${c.id} (${c.kind === 'ph' ? c.data : `${c.start}…${c.end}`})`).join(', ')}`;
  }
  return problem ? { problem } : { codes };
}
