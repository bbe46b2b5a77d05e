/**
 * The PDF's faces for characters no theme face has (theme/fallback-fonts.ts): before
 * layout, `prepare` reads the text of the whole edition and loads, as TrueType, each
 * fallback slice it needs; layout then asks `faceFor` synchronously. A slice is a face
 * of its own (`fallback:noto-sans-sc-119`), registered with pdfkit on first use and
 * embedded as a subset like the theme faces.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fallbackNeeds, fallbackSlice, sliceSfnt, type FallbackSlice } from '../../theme/fallback-fonts.js';
import type { Theme } from '../../theme/theme.js';

export type FallbackFaceKey = `fallback:${string}`;

const PREFIX = 'fallback:';

export function isFallbackFace(face: string): face is FallbackFaceKey {
  return face.startsWith(PREFIX);
}

/** Slices loaded in this process: their TrueType bytes and family, by face key. */
const loaded = new Map<FallbackFaceKey, { bytes: Uint8Array; slice: FallbackSlice }>();

/** TrueType bytes of a prepared fallback face. */
export function fallbackBytes(face: FallbackFaceKey): Uint8Array {
  const hit = loaded.get(face);
  if (!hit) throw new Error(`fallback face ${face} was not prepared`);
  return hit.bytes;
}

/**
 * The PostScript name the PDF gives the face: the family at the weight it is drawn in.
 * (A variable slice's own name is that of its first named instance, e.g. "-Thin", while
 * its default outlines, the ones drawn, are the regular weight.)
 */
export function fallbackPostscriptName(face: FallbackFaceKey): string {
  const hit = loaded.get(face);
  return `${(hit?.slice.family ?? face.slice(PREFIX.length)).replace(/[^A-Za-z0-9]/g, '')}-Regular`;
}

export class FallbackFaces {
  private readonly ready = new Set<string>();

  constructor(private readonly theme: Theme) {}

  /** Loads the slices `text` needs; returns the code points no font covers. */
  async prepare(text: string): Promise<number[]> {
    const { bySlice, uncovered } = fallbackNeeds(this.theme, text);
    await Promise.all(
      [...bySlice.keys()].map(async (slice) => {
        const key: FallbackFaceKey = `${PREFIX}${slice.id}`;
        if (!loaded.has(key)) loaded.set(key, { bytes: await sliceSfnt(slice), slice });
        this.ready.add(slice.id);
      }),
    );
    return uncovered;
  }

  /** The prepared fallback face that covers `cp`, if any. */
  faceFor(cp: number): FallbackFaceKey | undefined {
    const slice = fallbackSlice(this.theme, cp);
    return slice && this.ready.has(slice.id) ? `${PREFIX}${slice.id}` : undefined;
  }
}

/**
 * Everything an edition may draw, for `prepare`: the text and attribute values of the
 * tree (alt texts, titles) and of the strings around it (metadata, resources, UI strings,
 * other editions' names). Too much costs nothing: only the characters the theme fonts
 * lack are looked up.
 */
export function editionText(tree: Root, extra: unknown[]): string {
  const parts: string[] = [];
  const walk = (node: Root | RootContent | ElementContent) => {
    if (node.type === 'text') parts.push(node.value);
    else if (node.type === 'element' || node.type === 'root') {
      if (node.type === 'element') {
        for (const v of Object.values((node as Element).properties)) if (typeof v === 'string') parts.push(v);
      }
      for (const child of node.children) walk(child);
    }
  };
  walk(tree);
  // JSON keeps every non-ASCII character as it is.
  parts.push(JSON.stringify(extra));
  return parts.join('\n');
}
