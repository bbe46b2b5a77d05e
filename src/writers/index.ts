/**
 * The writer table: one line per format. The order is the default build order.
 */
import { renderHtml } from './html.js';
import type { WriterEntry } from './types.js';

export const WRITERS: readonly WriterEntry[] = [
  { format: 'html', extension: 'html', mediaType: 'text/html', render: renderHtml },
];

export function writerFor(format: string): WriterEntry | undefined {
  return WRITERS.find((w) => w.format === format);
}
