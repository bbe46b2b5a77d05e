/**
 * A PDF/UA-1 structure checker for the tests, on qpdf's JSON (qpdf parses the file; this
 * reads what it shows). veraPDF is in neither Debian nor npm, so this asserts the
 * Matterhorn Protocol 1.1 checkpoints that a machine can decide and that Briefpress
 * claims. Each problem names its checkpoint, e.g. "13-004 Figure without Alt".
 */
import { run } from './tools.js';

type Json = Record<string, unknown>;

export interface StructElement {
  type: string;
  dict: Json;
  kids: StructElement[];
  /** Marked-content ids of the element's own content, with their page object. */
  mcids: Array<{ page: string; mcid: number }>;
  /** Annotations referenced by OBJR. */
  objects: string[];
}

export interface PdfStructure {
  catalog: Json;
  root: StructElement;
  xmp: string;
  pages: Array<{ ref: string; dict: Json; content: string }>;
  get(v: unknown): Json | undefined;
  objects: Map<string, Json>;
}

const ref = (v: unknown) => typeof v === 'string' && / 0 R$/.test(v);
export const pdfString = (v: unknown) => (typeof v === 'string' ? v.replace(/^[ub]:/, '') : '');

/** Reads the structure tree, pages and content streams of a PDF. */
export function readStructure(file: string): PdfStructure {
  const r = run('qpdf', ['--json=2', '--json-key=qpdf', '--json-stream-data=inline', '--decode-level=generalized', file]);
  if (r.status !== 0) throw new Error(r.stderr);
  const json = JSON.parse(r.stdout) as { qpdf: [unknown, Record<string, { value?: unknown; stream?: { dict: Json; data?: string } }>] };
  const objects = new Map<string, Json>();
  const data = new Map<string, string>();
  let trailer: Json = {};
  for (const [key, o] of Object.entries(json.qpdf[1])) {
    if (key === 'trailer') trailer = o.value as Json;
    else if (key.startsWith('obj:')) {
      const k = key.slice(4);
      objects.set(k, ((o.value ?? o.stream?.dict) ?? {}) as Json);
      if (o.stream?.data !== undefined) data.set(k, Buffer.from(o.stream.data, 'base64').toString('latin1'));
    }
  }
  const get = (v: unknown): Json | undefined => (ref(v) ? objects.get(v as string) : (v as Json | undefined));
  const catalog = get(trailer['/Root'])!;
  const pages: PdfStructure['pages'] = [];
  const walkPages = (node: unknown) => {
    const d = get(node)!;
    if (d['/Type'] === '/Pages') for (const k of d['/Kids'] as unknown[]) walkPages(k);
    else {
      const contents = Array.isArray(d['/Contents']) ? (d['/Contents'] as string[]) : [d['/Contents'] as string];
      pages.push({ ref: node as string, dict: d, content: contents.map((c) => data.get(c) ?? '').join('\n') });
    }
  };
  walkPages(catalog['/Pages']);

  const toElement = (v: unknown, page?: string): StructElement => {
    const dict = get(v)!;
    const el: StructElement = { type: String(dict['/S'] ?? '').slice(1), dict, kids: [], mcids: [], objects: [] };
    const pg = (dict['/Pg'] as string | undefined) ?? page;
    const k = dict['/K'];
    for (const kid of Array.isArray(k) ? k : k === undefined ? [] : [k]) {
      if (typeof kid === 'number') el.mcids.push({ page: pg!, mcid: kid });
      else {
        const kd = get(kid)!;
        if (kd['/Type'] === '/MCR') el.mcids.push({ page: (kd['/Pg'] as string) ?? pg!, mcid: kd['/MCID'] as number });
        else if (kd['/Type'] === '/OBJR') el.objects.push(kd['/Obj'] as string);
        else el.kids.push(toElement(kid, pg));
      }
    }
    return el;
  };
  const treeRoot = get(catalog['/StructTreeRoot'])!;
  const root = toElement({ '/S': '/StructTreeRoot', '/K': treeRoot['/K'] });
  const xmp = data.get(catalog['/Metadata'] as string) ?? '';
  return { catalog, root, xmp, pages, get, objects };
}

/** Every element of the tree, in reading order. */
export function elements(el: StructElement): StructElement[] {
  return [el, ...el.kids.flatMap(elements)];
}

const TOKEN = /\s*(<<|>>|\[|\]|\((?:\\[\s\S]|[^\\)])*\)|<[0-9A-Fa-f\s]*>|\/[^\s/[\]<>(){}%]*|[^\s/[\]<>(){}%]+)/y;

interface Marked {
  tag: string;
  mcid?: number;
}

/**
 * Marked content of one page's content stream: every painting operator must be inside
 * tagged content (an MCID) or an artifact, never both (01-005, 01-004 in spirit), and
 * marked-content operators must balance.
 */
export function contentProblems(content: string, page: number): { problems: string[]; mcids: number[] } {
  const problems: string[] = [];
  const mcids: number[] = [];
  const stack: Marked[] = [];
  let operands: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(content))) {
    const t = m[1]!;
    if (/^[A-Za-z'"*]+$/.test(t) && !/^(true|false|null)$/.test(t)) {
      if (t === 'BDC' || t === 'BMC') {
        const tag = operands[0] ?? '';
        const at = operands.indexOf('/MCID');
        const mcid = at >= 0 ? Number(operands[at + 1]) : undefined;
        if (mcid !== undefined) mcids.push(mcid);
        if (tag === '/Artifact' && stack.some((s) => s.mcid !== undefined)) problems.push(`page ${page}: artifact inside tagged content`);
        if (mcid !== undefined && stack.some((s) => s.tag === '/Artifact')) problems.push(`page ${page}: tagged content inside an artifact`);
        stack.push({ tag, mcid });
      } else if (t === 'EMC') {
        if (!stack.pop()) problems.push(`page ${page}: EMC without BDC`);
      } else if (/^(Tj|TJ|'|"|Do|f|F|f\*|S|s|B|B\*|b|b\*|sh)$/.test(t)) {
        if (!stack.some((s) => s.mcid !== undefined || s.tag === '/Artifact')) problems.push(`page ${page}: 01-005 "${t}" neither tagged nor an artifact`);
      }
      operands = [];
    } else operands.push(t);
  }
  if (stack.length) problems.push(`page ${page}: ${stack.length} marked-content sequence(s) left open`);
  return { problems, mcids };
}

const BCP47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * The Matterhorn checkpoints Briefpress claims, checked on one PDF. Returns the
 * problems found (empty when the file passes).
 */
export function pdfUaProblems(s: PdfStructure): string[] {
  const out: string[] = [];
  const all = elements(s.root).slice(1);
  // 06: metadata.
  if (!s.xmp) out.push('06-001 no XMP metadata stream');
  if (!/<pdfuaid:part>1<\/pdfuaid:part>|pdfuaid:part="1"/.test(s.xmp)) out.push('06-002 no PDF/UA identifier (pdfuaid:part 1) in the XMP');
  if (!/<dc:title>[\s\S]*?<rdf:li[^>]*>[^<]+<\/rdf:li>/.test(s.xmp)) out.push('06-003 no dc:title in the XMP');
  // 07: DisplayDocTitle.
  if (s.get(s.catalog['/ViewerPreferences'])?.['/DisplayDocTitle'] !== true) out.push('07-001/07-002 ViewerPreferences /DisplayDocTitle is not true');
  // 01: tagged, marked.
  if (s.get(s.catalog['/MarkInfo'])?.['/Marked'] !== true) out.push('01-002 /MarkInfo /Marked is not true');
  if (all.length === 0) out.push('01-006 no structure tree');
  // 11: natural language.
  const lang = pdfString(s.catalog['/Lang']);
  if (!BCP47.test(lang)) out.push(`11-006 document /Lang "${lang}" missing or not a language tag`);
  for (const el of all) if (el.dict['/Lang'] !== undefined && !BCP47.test(pdfString(el.dict['/Lang']))) out.push(`11-004 ${el.type} /Lang "${pdfString(el.dict['/Lang'])}"`);
  // 13: graphics.
  for (const el of all) if (el.type === 'Figure' && !pdfString(el.dict['/Alt']).trim() && !pdfString(el.dict['/ActualText']).trim()) out.push('13-004 Figure without Alt');
  // 14: headings in order, none skipped, the first an H1.
  const headings = all.filter((e) => /^H[1-6]$/.test(e.type)).map((e) => Number(e.type[1]));
  if (headings.length && headings[0] !== 1) out.push(`14-002 the first heading is H${headings[0]}`);
  headings.forEach((h, i) => {
    if (i > 0 && h > Math.max(...headings.slice(0, i)) + 1) out.push(`14-003 H${h} skips a level after H${headings[i - 1]}`);
  });
  // 15: table headers.
  for (const el of all) {
    if (el.type !== 'TH') continue;
    const attrs = [el.dict['/A']].flat().map((a) => s.get(a));
    if (!attrs.some((a) => a?.['/O'] === '/Table' && typeof a['/Scope'] === 'string')) out.push('15-003 TH without /Scope');
  }
  // 19: notes.
  const ids = new Set<string>();
  for (const el of all) {
    const id = pdfString(el.dict['/ID']);
    if (el.type === 'Note' && !id) out.push('19-003 Note without /ID');
    if (id && ids.has(id)) out.push(`19-004 /ID ${id} is not unique`);
    if (id) ids.add(id);
  }
  // 28: annotations.
  const linked = new Set(all.filter((e) => e.type === 'Link').flatMap((e) => e.objects));
  s.pages.forEach((p, i) => {
    const annots = (s.get(p.dict['/Annots']) as unknown as unknown[] | undefined) ?? [];
    if (annots.length && p.dict['/Tabs'] !== '/S') out.push(`28-008/28-009 page ${i + 1} has annotations but /Tabs is not /S`);
    for (const a of annots) {
      const d = s.get(a)!;
      if (d['/Subtype'] !== '/Link') continue;
      if (!linked.has(a as string)) out.push(`28-011 link annotation ${String(a)} on page ${i + 1} is not in a Link structure element`);
      if (!pdfString(d['/Contents']).trim()) out.push(`28-012 link annotation on page ${i + 1} has no /Contents`);
    }
  });
  // 01: content tagged or artifact; every MCID in the tree and every tree MCID drawn.
  const inTree = new Set(all.flatMap((e) => e.mcids.map((m) => `${m.page}#${m.mcid}`)));
  s.pages.forEach((p, i) => {
    const { problems, mcids } = contentProblems(p.content, i + 1);
    out.push(...problems);
    for (const mcid of mcids) {
      if (!inTree.has(`${p.ref}#${mcid}`)) out.push(`01-005 page ${i + 1}: MCID ${mcid} belongs to no structure element`);
      inTree.delete(`${p.ref}#${mcid}`);
    }
  });
  for (const left of inTree) out.push(`01-007 structure refers to marked content ${left} that no page draws`);
  // 31: fonts embedded, with a Unicode map.
  for (const o of s.objects.values()) {
    if (o['/Type'] !== '/Font' || o['/Subtype'] === '/Type0') continue;
    const fd = s.get(o['/FontDescriptor']);
    if (fd && !fd['/FontFile'] && !fd['/FontFile2'] && !fd['/FontFile3']) out.push(`31-001 font ${pdfString(o['/BaseFont'])} not embedded`);
  }
  for (const o of s.objects.values()) {
    if (o['/Type'] === '/Font' && o['/Subtype'] === '/Type0' && !o['/ToUnicode']) out.push(`31-027 font ${pdfString(o['/BaseFont'])} has no ToUnicode map`);
  }
  return out;
}

/** The TOC structure as nested titles ([title, children]) and the outline likewise. */
export type TitleTree = Array<[string, TitleTree]>;

export function tocTree(s: PdfStructure, text: (el: StructElement) => string): TitleTree {
  const toc = elements(s.root).find((e) => e.type === 'TOC');
  const walk = (list: StructElement): TitleTree =>
    list.kids.filter((k) => k.type === 'TOCI').map((item) => {
      const sub = item.kids.find((k) => k.type === 'TOC');
      return [text(item), sub ? walk(sub) : []];
    });
  return toc ? walk(toc) : [];
}

export function outlineTree(s: PdfStructure): TitleTree {
  const walk = (first: unknown): TitleTree => {
    const out: TitleTree = [];
    for (let item = s.get(first); item; item = s.get(item['/Next'])) out.push([pdfString(item['/Title']), walk(item['/First'])]);
    return out;
  };
  return walk(s.get(s.catalog['/Outlines'])?.['/First']);
}
