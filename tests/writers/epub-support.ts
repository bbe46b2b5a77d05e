/**
 * Test support for the EPUB writer: a small zip reader (to look inside books without a
 * zip dependency), text extraction, and epubcheck run on many books in one JVM.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { htmlText } from '../helpers/text.js';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  /** DOS date and time as written, decoded as UTC (JSZip writes UTC). */
  date: Date;
  data: Uint8Array;
}

/** Entries of a zip in central-directory order. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.byteLength - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('bad central directory');
    const method = view.getUint16(at + 10, true);
    const time = view.getUint16(at + 12, true);
    const day = view.getUint16(at + 14, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(dataStart, dataStart + size);
    const data = method === 8 ? new Uint8Array(inflateRawSync(raw)) : raw;
    const date = new Date(Date.UTC((day >> 9) + 1980, ((day >> 5) & 15) - 1, day & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2));
    entries.push({ name, method, date, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export interface Book {
  entries: ZipEntry[];
  text(name: string): string;
  has(name: string): boolean;
  /** Content documents in spine order (OEBPS-relative names). */
  spine: string[];
  opf: string;
  /** Everything a reader can read: visible text of every spine document plus image alt texts. */
  readableText(): string;
}

export function openBook(bytes: Uint8Array): Book {
  const entries = readZip(bytes);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const text = (name: string) => {
    const e = byName.get(name);
    if (!e) throw new Error(`no ${name} in the book`);
    return new TextDecoder().decode(e.data);
  };
  const opf = text('OEBPS/content.opf');
  const manifest = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => manifest.get(m[1]!)!);
  return {
    entries,
    text,
    has: (name) => byName.has(name),
    spine,
    opf,
    readableText: () =>
      spine
        .map((file) => {
          // Blocks are separate lines for a reader: keep their words apart in the text.
          const xhtml = text(`OEBPS/${file}`).replace(/<(\/?)(p|h[1-6]|li|dt|dd|td|th|tr|br|hr|div|pre|blockquote|header|footer|section|nav|table|ol|ul)\b/g, ' <$1$2');
          const alts = [...xhtml.matchAll(/<img [^>]*alt="([^"]*)"/g)].map((m) => m[1]);
          return `${htmlText(xhtml)}\n${alts.join('\n')}`;
        })
        .join('\n'),
  };
}

export const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

export interface EpubcheckResult {
  fatals: number;
  errors: number;
  warnings: number;
  /** epubcheck's own lines about this file. */
  messages: string[];
}

const BATCH_SOURCE = `
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubcheckBatch {
  public static void main(String[] args) {
    for (String path : args) {
      DefaultReportImpl report = new DefaultReportImpl(path);
      new EpubCheck(new File(path), report).validate();
      System.out.println("RESULT\\t" + path + "\\t" + report.getFatalErrorCount() + "\\t" + report.getErrorCount() + "\\t" + report.getWarningCount());
    }
  }
}
`;

function parseSummary(output: string): Omit<EpubcheckResult, 'messages'> | undefined {
  const m = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(output);
  if (m) return { fatals: Number(m[1]), errors: Number(m[2]), warnings: Number(m[3]) };
  if (/No errors or warnings detected/.test(output)) return { fatals: 0, errors: 0, warnings: 0 };
  return undefined;
}

/**
 * epubcheck on every file. One JVM for all of them when a JDK can run a single-file
 * Java program (the usual case here), else one `java -jar` per file.
 */
export function epubcheck(files: string[]): Map<string, EpubcheckResult> {
  const results = new Map<string, EpubcheckResult>();
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-epubcheck-'));
  const source = path.join(dir, 'EpubcheckBatch.java');
  writeFileSync(source, BATCH_SOURCE);
  const batch = spawnSync('java', ['-cp', EPUBCHECK_JAR, source, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const output = `${batch.stdout ?? ''}\n${batch.stderr ?? ''}`;
  const lines = output.split('\n');
  for (const line of lines) {
    const [tag, file, fatals, errors, warnings] = line.split('\t');
    if (tag !== 'RESULT' || !file) continue;
    results.set(file, {
      fatals: Number(fatals),
      errors: Number(errors),
      warnings: Number(warnings),
      messages: lines.filter((l) => l.includes(file) && !l.startsWith('RESULT')),
    });
  }
  for (const file of files) {
    if (results.has(file)) continue;
    const single = spawnSync('java', ['-jar', EPUBCHECK_JAR, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const out = `${single.stdout}\n${single.stderr}`;
    const summary = parseSummary(out) ?? { fatals: 1, errors: 0, warnings: 0 };
    results.set(file, { ...summary, messages: out.split('\n').filter((l) => /^(FATAL|ERROR|WARNING)/.test(l) || !parseSummary(out)) });
  }
  return results;
}
