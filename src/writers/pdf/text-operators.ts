/**
 * Draws a run of text as the content-stream operators pdfkit's `text(…, { lineBreak:
 * false, baseline: 'alphabetic' })` writes for it, byte for byte, without its per-call
 * work: option merging, a second measuring of the run (to advance `doc.x`), array
 * concatenation per chunk, and nine separate writes (each one a small Uint8Array kept
 * until the page ends). A large document draws ~300,000 runs; most are words met
 * before, so the TJ operator of each (face, text) is kept for the document.
 *
 * Glyphs still go through pdfkit's embedded font (`encode` bookkeeping: subset glyph
 * ids, widths, ToUnicode code points), so subsetting and text extraction are unchanged.
 */

/** pdfkit 0.20's EmbeddedFont, as far as drawing text uses it. */
interface EmbeddedFont {
  id: string;
  ref(): unknown;
  layout(text: string): { glyphs: Array<{ id: number; advanceWidth: number; codePoints: number[] }>; positions: Array<Record<string, number>> };
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  scale: number;
}

interface TextDoc {
  _font: EmbeddedFont | undefined;
  _fontSize: number;
  x: number;
  y: number;
  page: { height: number; fonts: Record<string, unknown> };
  addContent(operators: string): unknown;
}

/** pdfkit's PDFObject.number: six decimals, as a JavaScript number prints. */
function num(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}

/** The TJ operators of runs without glyph offsets, per font (so per document). */
const operatorCache = new WeakMap<EmbeddedFont, Map<string, string>>();

/**
 * Draws `text` with the document's current font, size and fill at (x, baseline), as
 * pdfkit's `_fragment` would. Returns false when the run is not one it handles (a line
 * break in the text, a font pdfkit does not embed): the caller then uses `doc.text`.
 */
export function drawTextRun(pdf: unknown, text: string, x: number, baseline: number): boolean {
  const doc = pdf as TextDoc;
  const font = doc._font;
  if (!font || !font.subset || text.includes('\n')) return false;
  // What _initOptions leaves behind (pdfkit would then also advance x by the width).
  doc.x = x;
  doc.y = baseline;
  if (text.length === 0) return true;
  if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
  const y = doc.page.height - baseline;
  let byText = operatorCache.get(font);
  if (!byText) operatorCache.set(font, (byText = new Map()));
  const head = `q\n1 0 0 -1 0 ${num(doc.page.height)} cm\nBT\n1 0 0 1 ${num(x)} ${num(y)} Tm\n/${font.id} ${num(doc._fontSize)} Tf\n`;
  const cached = byText.get(text);
  if (cached !== undefined) {
    doc.addContent(`${head}${cached}ET\nQ`);
    return true;
  }
  const { operators, offsets } = textOperators(font, text, x, y, doc._fontSize);
  if (!offsets) byText.set(text, operators);
  doc.addContent(`${head}${operators}ET\nQ`);
  return true;
}

/**
 * The operators between Tf and ET, each line ending in "\n": TJ arrays split where a
 * glyph's advance differs from its width (kerning), and a Tm of its own for a glyph
 * with an offset (a mark). `offsets` says whether the text depends on x and y.
 */
function textOperators(font: EmbeddedFont, text: string, x: number, y: number, size: number): { operators: string; offsets: boolean } {
  const { glyphs, positions } = font.layout(text);
  const encoded: string[] = [];
  for (const glyph of glyphs) {
    const gid = font.subset.includeGlyph(glyph.id);
    encoded.push(`0000${gid.toString(16)}`.slice(-4));
    if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
    if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
  }
  const scale = size / 1000;
  let out = '';
  const commands: string[] = [];
  let last = 0;
  let hadOffset = false;
  let offsets = false;
  const addSegment = (cur: number) => {
    if (last < cur) {
      const hex = encoded.slice(last, cur).join('');
      const advance = positions[cur - 1]!.xAdvance! - positions[cur - 1]!.advanceWidth!;
      commands.push(`<${hex}> ${num(-advance)}`);
    }
    last = cur;
  };
  const flush = (i: number) => {
    addSegment(i);
    if (commands.length > 0) {
      out += `[${commands.join(' ')}] TJ\n`;
      commands.length = 0;
    }
  };
  let i: number;
  for (i = 0; i < positions.length; i++) {
    const pos = positions[i]!;
    if (pos.xOffset || pos.yOffset) {
      flush(i);
      out += `1 0 0 1 ${num(x + pos.xOffset! * scale)} ${num(y + pos.yOffset! * scale)} Tm\n`;
      flush(i + 1);
      hadOffset = true;
      offsets = true;
    } else {
      if (hadOffset) {
        out += `1 0 0 1 ${num(x)} ${num(y)} Tm\n`;
        hadOffset = false;
      }
      if (pos.xAdvance! - pos.advanceWidth! !== 0) addSegment(i + 1);
    }
    x += pos.xAdvance! * scale;
  }
  flush(i);
  return { operators: out, offsets };
}
