/** Reads built PDFs with the real tools (poppler-utils, qpdf). */
import { run } from './tools.js';

export function pdfInfo(file: string): Record<string, string> {
  const r = run('pdfinfo', [file]);
  if (r.status !== 0) throw new Error(r.stderr);
  return Object.fromEntries(r.stdout.split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

export function pdfText(file: string): string {
  const r = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

interface QpdfJson {
  qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
}

/** Every object of the PDF as qpdf's JSON v2 shows it, keyed by "N 0 R". */
export function pdfObjects(file: string): Map<string, Record<string, unknown>> {
  const r = run('qpdf', ['--json=2', '--json-key=qpdf', file]);
  if (r.status !== 0) throw new Error(r.stderr);
  const json = JSON.parse(r.stdout) as QpdfJson;
  const out = new Map<string, Record<string, unknown>>();
  for (const [key, o] of Object.entries(json.qpdf[1])) {
    if (key.startsWith('obj:') && o.value && typeof o.value === 'object') out.set(key.slice(4), o.value);
  }
  return out;
}

/** The URIs of the PDF's link annotations (actions may be direct or indirect objects). */
export function pdfLinkUris(file: string): string[] {
  const objects = pdfObjects(file);
  const deref = (v: unknown) => (typeof v === 'string' && / 0 R$/.test(v) ? objects.get(v) : (v as Record<string, unknown> | undefined));
  const out: string[] = [];
  for (const o of objects.values()) {
    if (o['/Subtype'] !== '/Link') continue;
    const uri = deref(o['/A'])?.['/URI'];
    if (typeof uri === 'string') out.push(uri.replace(/^[ub]:/, ''));
  }
  return out;
}
