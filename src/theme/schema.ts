/**
 * The shape of a theme file (`templates/themes/<name>.yaml`), as a zod schema: every
 * key the writers read, with its type. Unknown keys are errors (a typo must not fall
 * back to `undefined` and print `font-size: undefinedpt`). `Theme` is inferred from it.
 *
 * zod's tree-shakable `zod/mini` API: the full `zod` build was 570 KB of the bundle, and
 * compiling it cost about 70 ms at every start (CLI, `check`, each render thread).
 * Same validator, same issues; English messages are switched on below.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

const colour = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'a colour is written #rrggbb'));
const points = z.number().check(z.nonnegative());
const share = z.number().check(z.positive(), z.maximum(1));

const fontFamily = z.strictObject({
  /** npm package (and folder inside it) holding the files; default dejavu-fonts-ttf/ttf. */
  package: z.optional(z.string().check(z.regex(/^(@[a-z0-9-]+\/)?[a-z0-9.-]+(\/[\w.-]+)*$/, 'an npm package name, optionally followed by a folder'))),
  family: z.string().check(z.minLength(1)),
  fallback: z.string(),
  regular: z.string().check(z.regex(/\.(ttf|otf)$/i, 'a .ttf or .otf file')),
  bold: z.string().check(z.regex(/\.(ttf|otf)$/i, 'a .ttf or .otf file')),
  italic: z.string().check(z.regex(/\.(ttf|otf)$/i, 'a .ttf or .otf file')),
  boldItalic: z.string().check(z.regex(/\.(ttf|otf)$/i, 'a .ttf or .otf file')),
});

export const PAGE_SIZES = ['A3', 'A4', 'A5', 'B5', 'Letter', 'Legal'] as const;

export const themeSchema = z.strictObject({
  colors: z.strictObject({
    text: colour,
    muted: colour,
    accent: colour,
    rule: colour,
    paper: colour,
    codeBackground: colour,
    tableHeaderBackground: colour,
    noticeBackground: colour,
    markBackground: colour,
  }),
  fonts: z.strictObject({ body: fontFamily, heading: fontFamily, mono: fontFamily }),
  /**
   * Faces for characters the theme's families lack (other scripts, emoji), tried in order
   * in all three formats: npm @fontsource packages (fallback-fonts.ts). Optional: none, no fallback.
   */
  fallbackFonts: z.optional(z.array(z.strictObject({ family: z.string().check(z.minLength(1)), package: z.string().check(z.regex(/^@?[a-z0-9][\w.-]*(?:\/[\w.-]+)?$/)) }))),
  sizes: z.strictObject({
    body: points,
    small: points,
    note: points,
    code: points,
    title: points,
    subtitle: points,
    h1: points,
    h2: points,
    h3: points,
    h4: points,
    h5: points,
    h6: points,
    script: share,
    scriptRise: share,
    scriptDrop: share,
  }),
  lineHeight: z.number().check(z.minimum(1), z.maximum(3)),
  headingLineHeight: z.number().check(z.minimum(1), z.maximum(3)),
  spacing: z.strictObject({
    paragraph: points,
    headingBefore: points,
    headingAfter: points,
    listIndent: points,
    blockquoteIndent: points,
    codePaddingY: points,
    codePaddingX: points,
    cellPaddingY: points,
    cellPaddingX: points,
  }),
  rules: z.strictObject({ hair: points, thin: points, heavy: points, quoteBar: points }),
  table: z.strictObject({ style: z.enum(['rules', 'grid']) }),
  cover: z.strictObject({ band: points, color: z.enum(['text', 'muted', 'accent', 'rule', 'paper', 'codeBackground', 'tableHeaderBackground', 'noticeBackground', 'markBackground']) }),
  page: z.strictObject({
    size: z.enum(PAGE_SIZES),
    margins: z.strictObject({ top: points, bottom: points, left: points, right: points }),
    maxWidth: z.number().check(z.positive()),
  }),
});

export type ThemeTokens = z.infer<typeof themeSchema>;
