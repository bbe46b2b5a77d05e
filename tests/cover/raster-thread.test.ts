/**
 * The cover raster thread (cover/raster-thread.ts), as the built CLI runs it: the compiled
 * module draws on its own thread, the TypeScript sources in this one. Both must give the
 * same PNG, and a bad SVG must come back as an error, not hang the build.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rasterize as rasterizeHere } from '../../src/cover/raster-thread.js';

const compiled = path.resolve('dist/cover/raster-thread.js');
type Rasterize = typeof rasterizeHere;

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="85" viewBox="0 0 60 85"><rect width="60" height="85" fill="#0b4f8a"/><rect y="20" width="60" height="6" fill="#f2b705"/><path d="M10 40 L50 40 L30 70 Z" fill="#fff"/></svg>`;
const OPTIONS = { font: { loadSystemFonts: false, fontFiles: [] }, languages: ['fr'] };

describe.skipIf(!existsSync(compiled))('cover raster thread', () => {
  it('draws the same PNG on its thread as in this one, for covers sent together', async () => {
    const { rasterize } = (await import(pathToFileURL(compiled).href)) as { rasterize: Rasterize };
    const expected = Buffer.from(await rasterizeHere(SVG, OPTIONS));
    expect(expected.subarray(1, 4).toString('latin1')).toBe('PNG');
    const drawn = await Promise.all([rasterize(SVG, OPTIONS), rasterize(SVG.replace('#0b4f8a', '#8a0b0b'), OPTIONS), rasterize(SVG, OPTIONS)]);
    expect(Buffer.from(drawn[0]!).equals(expected)).toBe(true);
    expect(Buffer.from(drawn[2]!).equals(expected)).toBe(true);
    expect(Buffer.from(drawn[1]!).equals(expected)).toBe(false);
  });

  it('reports an SVG resvg cannot read as an error, and draws the next one', async () => {
    const { rasterize } = (await import(pathToFileURL(compiled).href)) as { rasterize: Rasterize };
    await expect(rasterize('<svg not closed', OPTIONS)).rejects.toThrow();
    expect((await rasterize(SVG, OPTIONS)).byteLength).toBeGreaterThan(100);
  });
});
