import { describe, expect, it } from 'vitest';
import { isInvisible } from '../../src/writers/pdf/fonts.js';
import { NOT_DRAWN } from '../../src/writers/pdf/items.js';

describe('characters the PDF does not draw', () => {
  it('are the invisible ones of fonts.ts (the soft hyphen excepted), C0 controls and DEL', () => {
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCharCode(cp);
      const expected = cp !== 0xad && (isInvisible(cp) || cp < 0x20 || cp === 0x7f);
      NOT_DRAWN.lastIndex = 0;
      expect([cp, NOT_DRAWN.test(ch)]).toEqual([cp, expected]);
    }
  });
});
