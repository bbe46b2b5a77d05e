/**
 * Bytes → text a parser can trust: strict UTF-8 (a bad byte is an error naming its line
 * and column), no BOM, LF line endings, and control characters other than tab and
 * newline replaced by U+FFFD with a warning.
 */
import type { Reporter } from '../diagnostics.js';

/** Line and column (in characters) of the first invalid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const lenient = new TextDecoder('utf-8');
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const chunk = bytes.subarray(start, i);
    try {
      strict.decode(chunk);
    } catch {
      return { line, column: lenient.decode(chunk).indexOf('\uFFFD') + 1 || 1 };
    }
    start = i + 1;
    line++;
  }
  return { line: 1, column: 1 };
}

export function decodeSource(bytes: Uint8Array, file: string, reporter: Reporter): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    reporter.error({ code: 'source/encoding', file, ...firstInvalidUtf8(bytes), message: 'the file is not valid UTF-8', hint: 'save the file as UTF-8' });
    return undefined;
  }
  text = text.replace(/\r\n?/g, '\n');
  let warned = false;
  text = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, (_m, offset: number) => {
    if (!warned) {
      warned = true;
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      reporter.warn({ code: 'source/control-character', file, line, column: offset - before.lastIndexOf('\n'), message: 'control character replaced by U+FFFD' });
    }
    return '\uFFFD';
  });
  return text;
}
