/**
 * Types shared by the PDF writer's stages: inline runs → line items → lines → vertical
 * units → pages, and the logical structure every drawn thing belongs to.
 */
import type { FaceKey } from './fonts.js';

/** Where in the source a piece of text comes from (for warnings). */
export interface SourcePoint {
  line?: number;
  column?: number;
}

/** Structure types the writer emits (PDF 1.7 standard structure types). */
export type StructType =
  | 'Document' | 'Sect' | 'Div' | 'Art' | 'TOC' | 'TOCI'
  | 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6' | 'P' | 'Span' | 'Quote' | 'BlockQuote' | 'Caption'
  | 'L' | 'LI' | 'Lbl' | 'LBody'
  | 'Table' | 'THead' | 'TBody' | 'TR' | 'TH' | 'TD'
  | 'Figure' | 'Link' | 'Note' | 'Reference' | 'Code';

/**
 * A node of the logical structure. Layout refers to nodes; the painter creates the
 * pdfkit structure element of a node when its first content is drawn, so the
 * structure tree follows the reading order.
 */
export interface StructNode {
  type: StructType;
  parent?: StructNode;
  alt?: string;
  lang?: string;
  /** Replacement text for assistive technology (the cover label is drawn in capitals). */
  actual?: string;
  /** Table header scope. */
  scope?: 'Column' | 'Row';
  /** Element identifier (PDF/UA: every Note has a unique one). */
  id?: string;
}

export function structNode(type: StructType, parent: StructNode | undefined, extra: Partial<StructNode> = {}): StructNode {
  return { type, parent, ...extra };
}

export type LinkTarget = { kind: 'uri'; uri: string } | { kind: 'dest'; name: string };

/** One `<a>`: every fragment of its text shares this object (and its Link node). */
export interface InlineLink {
  target: LinkTarget;
  node: StructNode;
  /** Text of the link, for the annotation's Contents. */
  label: string;
}

/** How a run may be broken across lines. */
export type BreakRule = 'prose' | 'url' | 'code';

/** What text looks like and belongs to, whatever its face: shared by `InlineState` and `RunStyle`. */
export interface TextLook {
  size: number;
  color: string;
  /** Baseline shift in pt (superscripts are positive). */
  rise: number;
  strike: boolean;
  underline: boolean;
  /** Background behind the text (inline code). */
  background?: string;
  link?: InlineLink;
  /** Structure node the text belongs to (the paragraph, or the link). */
  node: StructNode;
  rule: BreakRule;
  hyphenate: boolean;
  /** Named destination set where this text is drawn (footnote references). */
  anchor?: string;
}

/** The look of a piece of text. Shared by reference between the items of one run. */
export interface RunStyle extends TextLook {
  face: FaceKey;
  at: SourcePoint;
}

export type InlineRun = { kind: 'text'; text: string; style: RunStyle } | { kind: 'break'; style: RunStyle };

/** A positioned piece of text on a line. */
export interface Fragment {
  x: number;
  text: string;
  width: number;
  style: RunStyle;
  /** What assistive technology and text extraction read instead of `text` (whole-words.ts). */
  actual?: string;
}

export interface Line {
  fragments: Fragment[];
  /** Natural width of the content (without trailing spaces). */
  width: number;
  height: number;
  /** Distance from the line top to its baseline. */
  baseline: number;
  /** The line ends at a hyphenation point: its last hyphen is not part of the text. */
  hyphenated?: boolean;
}

/** Things the painter draws, positioned relative to their unit's top-left (x is absolute). */
export type Drawable =
  | { kind: 'text'; x: number; y: number; text: string; width: number; style: RunStyle; actual?: string }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; color: string; width: number; dash?: [number, number] }
  /** A decorative image (empty alt) is an artifact; any other is its Figure's content. */
  | { kind: 'image'; x: number; y: number; w: number; h: number; bytes: Uint8Array; node: StructNode; decorative: boolean }
  | { kind: 'dest'; x: number; y: number; name: string }
  /** Artifact text (running headers, repeated table headers): drawn, not tagged. */
  | { kind: 'artifact-text'; x: number; y: number; text: string; style: RunStyle };

/** A decorated container (block quote bar, code background, notice box) around a run of units. */
export interface Frame {
  id: number;
  kind: 'bar' | 'background';
  color: string;
  /** Left and right edges of the decoration. */
  x1: number;
  x2: number;
  /** Extra space drawn above the first and below the last unit of the frame on a page. */
  padTop: number;
  padBottom: number;
}

/** Entry of the outline and the table of contents. */
export interface OutlineEntry {
  title: string;
  depth: number;
  dest: string;
}

/** A slice of the vertical list: the page breaker never splits a unit. */
export interface Unit {
  height: number;
  /** Space above, dropped at the top of a page. */
  spaceBefore: number;
  /** The next unit must sit on the same page (headings, orphan and widow control). */
  keepWithNext: boolean;
  /** Start a new page before this unit. */
  pageBreakBefore?: boolean;
  frames: Frame[];
  items: Drawable[];
  /** Heading here (outline, table of contents). */
  heading?: OutlineEntry;
  /** Table header units repeated (as artifacts) when this row starts a page. */
  repeatHeader?: Unit[];
}

export interface PlacedUnit {
  unit: Unit;
  y: number;
  /** A repeated table header: drawn as an artifact. */
  artifact?: boolean;
}

export interface Page {
  units: PlacedUnit[];
  /** The cover carries no running header or footer. */
  cover: boolean;
}
