/**
 * Untrusted Markdown through every writer: huge tables, odd bytes, scripts in raw HTML,
 * characters no font has. The build must finish, report what it changed with
 * file:line, and produce files the real validators accept.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { memoryEnv } from '../../src/env.js';
import { pdfInfo } from '../helpers/pdf.js';
import { lacking, run, vnuErrors } from '../helpers/tools.js';
import { epubcheck } from '../writers/epub-support.js';

const rows = Array.from({ length: 800 }, (_, i) => `| ${i} | Country ${i} | ${'word '.repeat(8)}| ${i * 7} |`).join('\n');
const wide = `| ${Array.from({ length: 30 }, (_, i) => `c${i}`).join(' | ')} |\n|${'---|'.repeat(30)}\n| ${Array.from({ length: 30 }, () => 'x'.repeat(40)).join(' | ')} |`;
const SOURCE = `---
title: "Hostile <input> & odd bytes"
date: 2025-01-01
---

| n | name | text | v |
|---|---|---|--:|
${rows}

${wide}

Odd bytes: \u0007 bell, zero\u200bwidth, emoji 🎉, Arabic مرحبا, CJK 漢字, combining e\u0301.

<div onmouseover="steal()"><script>steal()</script><a href="javascript:steal()">click</a></div>
`;

// One build in memory, shared; each format then meets its own validator in its own test,
// so no test carries the build and three validators (two JVMs) at once.
describe('hostile input', () => {
  let messages: string;
  let ok: boolean;
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-hostile-'));
  const file = (ext: string) => path.join(dir, `hostile.${ext}`);

  beforeAll(async () => {
    const env = memoryEnv({ 'en/hostile.md': SOURCE });
    const result = await build({ env });
    messages = result.diagnostics.map(formatDiagnostic).join('\n');
    ok = result.ok;
    for (const ext of ['html', 'pdf', 'epub']) {
      const bytes = env.outputs.get(`en/hostile.${ext}`);
      if (bytes) writeFileSync(file(ext), bytes);
    }
  });

  it('builds an 800-row table, a 30-column table and odd characters in every format, with warnings not crashes', () => {
    expect(ok, messages).toBe(true);
    expect(messages).toMatch(/content\/en\/hostile\.md:\d+:\d+: warning: control character replaced by U\+FFFD/);
    // 漢 is drawn by a fallback face (Noto Sans SC): no warning.
    expect(messages).not.toMatch(/glyph for U\+6F22/);
    expect(readFileSync(file('html'), 'utf8')).not.toMatch(/<script|onmouseover|javascript:/);
  });

  it.skipIf(lacking('hostile input through the Nu HTML checker', 'default-jre-headless'))('the HTML page passes the Nu HTML checker', () => {
    expect(vnuErrors([file('html')])).toEqual([]);
  });

  it.skipIf(lacking('hostile input through qpdf and pdfinfo', 'qpdf', 'poppler-utils'))('the PDF passes qpdf --check and runs to many pages', () => {
    expect(run('qpdf', ['--check', file('pdf')]).status).toBe(0);
    expect(Number(pdfInfo(file('pdf')).Pages)).toBeGreaterThan(15);
  });

  it.skipIf(lacking('hostile input through epubcheck', 'epubcheck'))('the EPUB passes epubcheck', () => {
    const check = epubcheck([file('epub')]).get(file('epub'))!;
    expect(check).toMatchObject({ errors: 0, fatals: 0 });
  });
});
