/**
 * Loads `templates/theme.yaml`, the one place styling is defined, and resolves the
 * font files it names inside the npm package `dejavu-fonts-ttf` (never system folders).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { templatesDir } from '../install/paths.js';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';
export const FONT_STYLES: FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];
export type FontRole = 'body' | 'heading' | 'mono';
export const FONT_ROLES: FontRole[] = ['body', 'heading', 'mono'];

export interface FontFamily {
  family: string;
  fallback: string;
  /** File names inside dejavu-fonts-ttf/ttf/. */
  regular: string;
  bold: string;
  italic: string;
  boldItalic: string;
}

/** A face for characters the theme's families lack: an npm @fontsource package (fallback-fonts.ts). */
export interface FallbackFamily {
  family: string;
  package: string;
}

export interface Theme {
  colors: {
    text: string;
    muted: string;
    accent: string;
    rule: string;
    codeBackground: string;
    tableHeaderBackground: string;
    noticeBackground: string;
  };
  fonts: Record<FontRole, FontFamily>;
  /** Tried in order for a character no theme face has (optional: none, no fallback). */
  fallbackFonts?: FallbackFamily[];
  sizes: Record<'body' | 'small' | 'code' | 'title' | 'subtitle' | 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6', number>;
  lineHeight: number;
  spacing: { paragraph: number; headingBefore: number; headingAfter: number; listIndent: number; blockquoteIndent: number };
  page: { size: string; margins: { top: number; bottom: number; left: number; right: number }; maxWidth: number };
}

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));

export function loadTheme(dir = templatesDir()): Theme {
  return parseYaml(readFileSync(path.join(dir, 'theme.yaml'), 'utf8')) as Theme;
}

/** Path of a theme font file inside the npm package (for tools that load fonts by path). */
export function fontPath(file: string): string {
  if (file.includes('/') || file.includes('\\')) throw new Error(`font file must be a bare name: ${file}`);
  return path.join(fontDir, file);
}

const fontCache = new Map<string, Uint8Array>();

/** Bytes of a theme font file; cached, since every writer of every locale embeds them. */
export function fontBytes(file: string): Uint8Array {
  let bytes = fontCache.get(file);
  if (!bytes) {
    if (file.includes('/') || file.includes('\\')) throw new Error(`font file must be a bare name: ${file}`);
    bytes = new Uint8Array(readFileSync(path.join(fontDir, file)));
    fontCache.set(file, bytes);
  }
  return bytes;
}
