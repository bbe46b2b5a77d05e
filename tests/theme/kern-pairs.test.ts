/**
 * The simple shaper reads `kern` tables from their bytes (a cold start saving); its pairs
 * must be fontkit's, pair for pair, for every face a theme ships.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { decodedKernPairs, kernPairsFromBytes } from '../../src/theme/simple-shaper.js';

const require = createRequire(import.meta.url);
const dejavu = path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
const plex = ['ibm-plex-serif', 'ibm-plex-sans', 'ibm-plex-mono'].map((p) => path.dirname(require.resolve(`@expo-google-fonts/${p}/package.json`)));
const files = [
  ...readdirSync(dejavu).filter((f) => f.endsWith('.ttf')).map((f) => path.join(dejavu, f)),
  ...plex.flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /_(400Regular|700Bold)\.ttf$/.test(f)).map((f) => path.join(dir, f))),
];

describe('kern pairs read from bytes', () => {
  it('covers the theme faces', () => expect(files.length).toBeGreaterThan(10));
  it.each(files.map((f) => [path.basename(f), f]))('%s: the same pairs as fontkit', (_name, file) => {
    const font = fontkit.openSync(file) as unknown as fontkit.FontkitFont;
    const fromBytes = kernPairsFromBytes(font);
    expect(fromBytes).not.toBeNull();
    const decoded = decodedKernPairs(fontkit.openSync(file) as unknown as fontkit.FontkitFont);
    expect(fromBytes === undefined ? undefined : [...fromBytes!].sort()).toEqual(decoded === undefined ? undefined : [...decoded].sort());
  });
});
