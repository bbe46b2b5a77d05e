/**
 * The writer table: one line per format. The order is the default build order.
 */
import { renderEpub } from './epub/index.js';
import { renderHtml } from './html.js';
import { renderPdf } from './pdf/index.js';
import type { WriterEntry } from './types.js';

export const WRITERS: readonly WriterEntry[] = [
  { format: 'html', extension: 'html', mediaType: 'text/html', render: renderHtml },
  { format: 'epub', extension: 'epub', mediaType: 'application/epub+zip', render: renderEpub },
  { format: 'pdf', extension: 'pdf', mediaType: 'application/pdf', render: renderPdf },
];

export function writerFor(format: string): WriterEntry | undefined {
  return WRITERS.find((w) => w.format === format);
}
