/**
 * The writer table: one line per format, in the default build order. Writer modules load
 * on first use, so `briefpress --help`, `status` and `check` never pay for pdfkit or
 * epub-gen-memory at start-up.
 */
import type { Writer, WriterEntry } from './types.js';

function lazy(load: () => Promise<Writer>): Pick<WriterEntry, 'render' | 'preload'> {
  let writer: Promise<Writer> | undefined;
  return {
    render: async (doc, ctx) => (await (writer ??= load()))(doc, ctx),
    // A failed load is reported by the render that awaits it.
    preload: () => void (writer ??= load()).catch(() => undefined),
  };
}

export const WRITERS: readonly WriterEntry[] = [
  { format: 'html', extension: 'html', mediaType: 'text/html', ...lazy(async () => (await import('./html.js')).renderHtml) },
  { format: 'pdf', extension: 'pdf', mediaType: 'application/pdf', ...lazy(async () => (await import('./pdf/index.js')).renderPdf) },
  { format: 'epub', extension: 'epub', mediaType: 'application/epub+zip', ...lazy(async () => (await import('./epub/index.js')).renderEpub) },
];

export function writerFor(format: string): WriterEntry | undefined {
  return WRITERS.find((w) => w.format === format);
}
