/**
 * Inline runs → the box/glue/penalty items of the line breaker (Knuth & Plass).
 *
 * - Spaces are glue (stretchable when justifying); a no-break space (U+00A0, U+202F)
 *   is part of its word, so French « … » ; : ! ? never start a line.
 * - Soft hyphens and the locale's hyphenation points are flagged penalties that print
 *   a hyphen only when the break is taken.
 * - URLs break after / ? & = and before . , - _ ~ # % + (never before : ; ! ? »);
 *   code breaks at spaces and after punctuation.
 * - Every code point is checked against the theme fonts: a missing glyph falls back to
 *   another theme family, or is reported and printed as U+FFFD (never a silent box).
 * - A word wider than the line is split between graphemes as a last resort.
 */
import { INVISIBLE, type FaceKey, type FontSet } from './fonts.js';
import type { Hyphenator } from './hyphenate.js';
import { RecentMemo } from './recent-memo.js';
import type { InlineRun, RunStyle, SourcePoint } from './types.js';

export const INFINITE_PENALTY = 10000;
/** Stretch of the glue that fills the last line of a paragraph. */
export const FILL = 1e6;

export interface Box {
  type: 'box';
  text: string;
  width: number;
  style: RunStyle;
}
export interface Glue {
  type: 'glue';
  text: string;
  width: number;
  stretch: number;
  shrink: number;
  style: RunStyle;
}
export interface Penalty {
  type: 'penalty';
  width: number;
  penalty: number;
  flagged: boolean;
  style: RunStyle;
  /** Printed at the end of the line when the break is taken. */
  hyphen?: string;
  /** A hard line break inside a paragraph: words on both sides stay separate in the text. */
  separator?: boolean;
}
export type Item = Box | Glue | Penalty;

export interface ItemEnv {
  fonts: FontSet;
  hyphenator: Hyphenator | null;
  justify: boolean;
  /** Widest a word may be before it is split anywhere. */
  maxWidth: number;
  onMissingGlyph(cp: number, at: SourcePoint): void;
}

/** Characters a line of prose must not start with. */
const NO_LINE_START = new Set([...':;!?»),.]}…%', '\u202F', '\u00A0']);
/** In a URL a line may start with . , - and the like (Chicago style), never with these. */
const URL_NO_LINE_START = new Set([...':;!?»']);
const URL_BREAK_BEFORE = '.,-_~#%+';
const URL_BREAK_AFTER = '/?&=@';
const HYPHEN_PENALTY = 150;
const URL_PENALTY = 40;
/** High enough that a line ending at a URL or code break is preferred to splitting a word. */
const EMERGENCY_PENALTY = 5000;
const SEAM_PENALTY = 1000;
const RAGGED_STRETCH_EM = 6;
const URLISH = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"]+/giu;
const LETTERS = /[\p{L}\p{M}’']+/gu;
const escapeCodePoint = (cp: number) => `\\u${cp.toString(16).padStart(4, '0')}`;
/** What is not drawn: the invisible characters of fonts.ts (the soft hyphen excepted, it marks a break), C0 controls, DEL. */
export const NOT_DRAWN = new RegExp(
  `[\\u0000-\\u001F\\u007F${INVISIBLE.filter(([from]) => from !== 0xad).map(([from, to]) => (from === to ? escapeCodePoint(from) : `${escapeCodePoint(from)}-${escapeCodePoint(to)}`)).join('')}]`,
  'g',
);
const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Splits a run where the font changes because of glyph coverage. */
export function splitByFace(text: string, style: RunStyle, env: Pick<ItemEnv, 'fonts' | 'onMissingGlyph'>): Array<{ text: string; style: RunStyle }> {
  const out: Array<{ text: string; style: RunStyle }> = [];
  let cur = '';
  let curFace: FaceKey = style.face;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let face = env.fonts.faceFor(style.face, cp);
    let c = ch;
    if (!face) {
      env.onMissingGlyph(cp, style.at);
      c = '\uFFFD';
      face = env.fonts.faceFor(style.face, 0xfffd) ?? style.face;
    }
    if (face !== curFace && cur) {
      out.push({ text: cur, style: variant(style, curFace) });
      cur = '';
    }
    curFace = face;
    cur += c;
  }
  if (cur) out.push({ text: cur, style: variant(style, curFace) });
  return out;
}

/** The same style in another face; one object per (style, face) so fragments still merge. */
const variants = new WeakMap<RunStyle, Map<FaceKey, RunStyle>>();
function variant(style: RunStyle, face: FaceKey): RunStyle {
  if (face === style.face) return style;
  let byFace = variants.get(style);
  if (!byFace) variants.set(style, (byFace = new Map()));
  let v = byFace.get(face);
  if (!v) byFace.set(face, (v = { ...style, face }));
  return v;
}

function raggedBreakItems(style: RunStyle, penalty: number): Item[] {
  const s = style.size * RAGGED_STRETCH_EM;
  return [
    { type: 'penalty', width: 0, penalty: INFINITE_PENALTY, flagged: false, style },
    { type: 'glue', text: '', width: 0, stretch: s, shrink: 0, style },
    { type: 'penalty', width: 0, penalty, flagged: false, style },
    { type: 'glue', text: '', width: 0, stretch: -s, shrink: 0, style },
  ];
}

class Builder {
  readonly items: Item[] = [];
  private hyphenStyle?: RunStyle;
  private hyphenWidth = 0;
  constructor(private readonly env: ItemEnv) {}

  box(text: string, style: RunStyle): void {
    if (text === '') return;
    this.items.push({ type: 'box', text, width: this.env.fonts.width(style.face, text, style.size), style });
  }

  /** A break opportunity that prints nothing (after a dash). */
  breakHere(style: RunStyle, penalty: number): void {
    this.items.push({ type: 'penalty', width: 0, penalty, flagged: false, style });
  }

  /**
   * A break inside a URL or code: a line ending here is left ragged rather than
   * stretched (it has no spaces to stretch). TeX's idiom: glue that adds stretch
   * only when the break is taken, cancelled by the glue after it otherwise.
   */
  raggedBreak(style: RunStyle, penalty: number): void {
    this.items.push(...raggedBreakItems(style, penalty));
  }

  hyphenPoint(style: RunStyle): void {
    if (style !== this.hyphenStyle) {
      this.hyphenStyle = style;
      this.hyphenWidth = this.env.fonts.width(style.face, '-', style.size);
    }
    this.items.push({ type: 'penalty', width: this.hyphenWidth, penalty: HYPHEN_PENALTY, flagged: true, style, hyphen: '-' });
  }

  space(style: RunStyle, text = ' ', breakable = true): void {
    const last = this.items.at(-1);
    // Collapse runs of spaces; no space at the start of a line.
    if (!last || (last.type === 'glue' && text === ' ') || (last.type === 'penalty' && last.penalty === -INFINITE_PENALTY)) return;
    const width = this.env.fonts.width(style.face, text, style.size);
    if (!breakable) this.items.push({ type: 'penalty', width: 0, penalty: INFINITE_PENALTY, flagged: false, style });
    const stretch = this.env.justify && style.rule === 'prose' ? width / 2 : 0;
    const shrink = this.env.justify && style.rule === 'prose' ? width / 3 : 0;
    this.items.push({ type: 'glue', text, width, stretch, shrink, style });
  }

  /** Ends a line: fill glue and a forced break. */
  forceBreak(style: RunStyle, separator = false): void {
    while (this.items.at(-1)?.type === 'glue') this.items.pop();
    this.items.push({ type: 'penalty', width: 0, penalty: INFINITE_PENALTY, flagged: false, style });
    this.items.push({ type: 'glue', text: '', width: 0, stretch: FILL, shrink: 0, style });
    this.items.push({ type: 'penalty', width: 0, penalty: -INFINITE_PENALTY, flagged: false, style, separator });
  }
}

/**
 * Where a word may break: positive offsets are hyphenation points, negative ones (−offset)
 * a break after a dash glued between words ("well—known"). Kept per hyphenator and word:
 * finding them (two Unicode regular expressions and the patterns) is most of the cost of
 * a word, and words repeat.
 */
const cutMemo = new WeakMap<Hyphenator | typeof NO_HYPHENATOR, RecentMemo<string, number[]>>();
const NO_HYPHENATOR = {};

function cutsOf(part: string, hyphenator: Hyphenator | null): number[] {
  const key = hyphenator ?? NO_HYPHENATOR;
  let memo = cutMemo.get(key);
  if (!memo) cutMemo.set(key, (memo = new RecentMemo()));
  let cuts = memo.get(part);
  if (cuts) return cuts;
  cuts = [];
  if (hyphenator) {
    for (const m of part.matchAll(LETTERS)) {
      for (const off of hyphenator(m[0])) cuts.push((m.index ?? 0) + off);
    }
  }
  if (part.includes('—') || part.includes('–')) {
    for (const m of part.matchAll(/[—–](?=\p{L})/gu)) cuts.push(-((m.index ?? 0) + 1));
  }
  cuts.sort((a, b2) => Math.abs(a) - Math.abs(b2));
  memo.set(part, cuts); // bounded across a corpus (recent-memo.ts)
  return cuts;
}

/** A word of prose (no spaces): hyphenation points, soft hyphens, breaks after dashes. */
function proseWord(b: Builder, word: string, style: RunStyle, env: ItemEnv): void {
  // Explicit soft hyphens first; the text between them may get more from the patterns.
  const parts = word.split('\u00AD');
  parts.forEach((part, i) => {
    if (i > 0) b.hyphenPoint(style);
    let last = 0;
    const cuts = cutsOf(part, env.hyphenator && style.hyphenate && parts.length === 1 ? env.hyphenator : null);
    for (const cut of cuts) {
      const at = Math.abs(cut);
      b.box(part.slice(last, at), style);
      if (cut < 0) b.breakHere(style, 0);
      else b.hyphenPoint(style);
      last = at;
    }
    b.box(part.slice(last), style);
  });
}

function urlText(b: Builder, text: string, style: RunStyle): void {
  const chars = [...text];
  let cur = '';
  chars.forEach((ch, i) => {
    const prev = chars[i - 1] ?? '';
    // Not within two characters of either end, so no line holds a lone character.
    const allowed =
      i >= 2 &&
      chars.length - i >= 2 &&
      !URL_NO_LINE_START.has(ch) &&
      ((URL_BREAK_AFTER.includes(prev) && ch !== '/') || (URL_BREAK_BEFORE.includes(ch) && !URL_BREAK_BEFORE.includes(prev) && prev !== '/'));
    if (allowed && cur) {
      b.box(cur, style);
      b.raggedBreak(style, URL_PENALTY);
      cur = '';
    }
    cur += ch;
  });
  b.box(cur, style);
}

function codeText(b: Builder, text: string, style: RunStyle): void {
  for (const m of text.matchAll(/( +)|([^ ]+)/g)) {
    if (m[1]) {
      // Indentation at the start of a line is kept; elsewhere spaces are break points.
      const last = b.items.at(-1);
      if (!last || (last.type === 'penalty' && last.penalty === -INFINITE_PENALTY)) b.box(m[1], style);
      else b.space(style, m[1]);
      continue;
    }
    // Inside a token, a line may end after punctuation (not at its end: the space
    // that follows is the better break).
    const token = m[2]!;
    let cur = '';
    for (let i = 0; i < token.length; i++) {
      cur += token[i];
      if (i < token.length - 1 && ',;([{=&|'.includes(token[i]!)) {
        b.box(cur, style);
        b.raggedBreak(style, HYPHEN_PENALTY);
        cur = '';
      }
    }
    b.box(cur, style);
  }
}

function proseText(b: Builder, text: string, style: RunStyle, env: ItemEnv): void {
  let last = 0;
  for (const m of text.matchAll(URLISH)) {
    proseSpaces(b, text.slice(last, m.index), style, env);
    urlText(b, m[0], style);
    last = (m.index ?? 0) + m[0].length;
  }
  proseSpaces(b, text.slice(last), style, env);
}

function proseSpaces(b: Builder, text: string, style: RunStyle, env: ItemEnv): void {
  // Only ASCII white space is breakable: \s would also match no-break spaces.
  const tokens = text.split(/([ \t\n\r\f]+)/);
  tokens.forEach((tok, i) => {
    if (tok === '') return;
    if (i % 2 === 1) {
      const next = tokens[i + 1]?.[0];
      const prev = b.items.at(-1);
      const prevText = prev?.type === 'box' ? prev.text : '';
      const breakable = !(next !== undefined && NO_LINE_START.has(next)) && !prevText.endsWith('«');
      b.space(style, ' ', breakable);
      return;
    }
    if (style.rule === 'url') urlText(b, tok, style);
    else proseWord(b, tok, style, env);
  });
}

/** Splits words wider than `maxWidth` between graphemes (with a hyphen between letters in prose). */
function splitOversized(items: Item[], env: ItemEnv): Item[] {
  const out: Item[] = [];
  let group: Item[] = [];
  const flush = (next?: Item) => {
    // A hyphen printed at the break after the group counts too.
    const hyphen = next?.type === 'penalty' && next.flagged ? next.width : 0;
    const width = group.reduce((s, it) => s + (it.type === 'box' ? it.width : 0), hyphen);
    if (width <= env.maxWidth) {
      out.push(...group);
    } else {
      for (const it of group) {
        if (it.type !== 'box') {
          out.push(it);
          continue;
        }
        const graphemes = [...segmenter.segment(it.text)].map((s) => s.segment);
        graphemes.forEach((g, i) => {
          if (i > 0 && !NO_LINE_START.has(g[0]!)) {
            const prev = graphemes[i - 1]!;
            const letters = /\p{L}/u.test(prev) && /\p{L}/u.test(g);
            const hyphen = letters && it.style.rule === 'prose';
            // In code and URLs, prefer a camelCase hump or a separator to an arbitrary cut.
            const seam = it.style.rule !== 'prose' && ((/\p{Ll}/u.test(prev) && /\p{Lu}/u.test(g)) || /[_./-]/.test(prev));
            const penalty = seam ? SEAM_PENALTY : EMERGENCY_PENALTY;
            if (it.style.rule === 'prose') {
              out.push({ type: 'penalty', width: hyphen ? env.fonts.width(it.style.face, '-', it.style.size) : 0, penalty, flagged: hyphen, style: it.style, hyphen: hyphen ? '-' : undefined });
            } else out.push(...raggedBreakItems(it.style, penalty));
          }
          out.push({ type: 'box', text: g, width: env.fonts.width(it.style.face, g, it.style.size), style: it.style });
        });
      }
    }
    group = [];
  };
  // A group is what lies between two break opportunities (glue, or a finite penalty).
  for (const it of items) {
    if (it.type === 'glue' || (it.type === 'penalty' && it.penalty < INFINITE_PENALTY)) {
      flush(it);
      out.push(it);
    } else group.push(it);
  }
  flush();
  return out;
}

/** Runs → items ending with a forced break. `base` styles the final break. */
export function buildItems(runs: InlineRun[], base: RunStyle, env: ItemEnv, endSeparator = false): Item[] {
  const b = new Builder(env);
  for (const run of runs) {
    if (run.kind === 'break') {
      b.forceBreak(run.style, true);
      continue;
    }
    // NFC: a decomposed "é" becomes one glyph instead of a mark positioned over "e"
    // (which text extraction would split from its word).
    // Tabs and line ends are spaces (a title or a link text may hold one); other
    // control and format characters are not drawn.
    const text = run.text.normalize('NFC').replace(/[\t\n\r\f\v]/g, ' ').replace(NOT_DRAWN, '');
    for (const part of splitByFace(text, run.style, env)) {
      if (part.style.rule === 'code') codeText(b, part.text, part.style);
      else proseText(b, part.text, part.style, env);
    }
  }
  b.forceBreak(base, endSeparator);
  return splitOversized(b.items, env);
}
