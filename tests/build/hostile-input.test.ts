/**
 * Untrusted Markdown through every writer: huge tables, odd bytes, scripts in raw HTML,
 * characters no font has. The build must finish, report what it changed with
 * file:line, and produce files the real validators accept.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { memoryEnv } from '../../src/env.js';
import { pdfInfo } from '../helpers/pdf.js';
import { run, vnuErrors } from '../helpers/tools.js';
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

describe('hostile input', () => {
  it('builds an 800-row table, a 30-column table and odd characters in every format, with warnings not crashes', async () => {
    const env = memoryEnv({ 'en/hostile.md': SOURCE });
    const result = await build({ env });
    const messages = result.diagnostics.map(formatDiagnostic).join('\n');
    expect(result.ok, messages).toBe(true);
    expect(messages).toMatch(/content\/en\/hostile\.md:\d+:\d+: warning: control character replaced by U\+FFFD/);
    expect(messages).toMatch(/content\/en\/hostile\.md:\d+:\d+: warning: no font of the theme has a glyph for U\+6F22/);

    const dir = mkdtempSync(path.join(tmpdir(), 'bp-hostile-'));
    const file = (ext: string) => {
      const f = path.join(dir, `hostile.${ext}`);
      writeFileSync(f, env.outputs.get(`en/hostile.${ext}`)!);
      return f;
    };
    const html = file('html');
    expect(readFileSync(html, 'utf8')).not.toMatch(/<script|onmouseover|javascript:/);
    expect(vnuErrors([html])).toEqual([]);

    const pdf = file('pdf');
    expect(run('qpdf', ['--check', pdf]).status).toBe(0);
    expect(Number(pdfInfo(pdf).Pages)).toBeGreaterThan(15);

    const epub = file('epub');
    const check = epubcheck([epub]).get(epub)!;
    expect(check).toMatchObject({ errors: 0, fatals: 0 });
  });
});
