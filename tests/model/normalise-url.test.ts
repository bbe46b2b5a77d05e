import { describe, expect, it } from 'vitest';
import { loadLinkRules, normaliseUrl, trimTrailingPunctuation } from '../../src/model/normalise-url.js';

const rules = loadLinkRules();
const clean = (raw: string) => {
  const r = normaliseUrl(raw, rules);
  if (!r.ok) throw new Error(r.reason);
  return r;
};

describe('normaliseUrl', () => {
  it('cleans the customer links: tracking code and trailing punctuation', () => {
    expect(clean('https://www.jdsupra.com/legalnews/ai-action-paris-summit-2025-key-4010493/?form=MG0AV3,').url).toBe(
      'https://www.jdsupra.com/legalnews/ai-action-paris-summit-2025-key-4010493/',
    );
    expect(clean('https://aimagazine.com/ai-strategy/global-ai-leaders-key-take-aways-from-the-ai-summit?form=MG0AV3.').url).toBe(
      'https://aimagazine.com/ai-strategy/global-ai-leaders-key-take-aways-from-the-ai-summit',
    );
  });

  it('removes every listed tracking parameter and keeps the others in order and encoding', () => {
    expect(clean('https://ex.org/p?utm_source=a&b=1&fbclid=x&gclid=y&c=%C3%A9&msclkid=z&mc_cid=1&mc_eid=2&igshid=3&utm_campaign=q').url).toBe(
      'https://ex.org/p?b=1&c=%C3%A9',
    );
  });

  it('keeps a real form parameter that is not a tracking code', () => {
    expect(clean('https://ex.org/contact?form=contact').url).toBe('https://ex.org/contact?form=contact');
  });

  it('keeps fragments and puts them after the cleaned query', () => {
    expect(clean('https://ex.org/a?utm_medium=x#section-2').url).toBe('https://ex.org/a#section-2');
    expect(clean('https://ex.org/a?id=4&utm_medium=x#top').url).toBe('https://ex.org/a?id=4#top');
  });

  it('drops copy-paste punctuation but keeps a balanced closing parenthesis', () => {
    expect(clean('https://en.wikipedia.org/wiki/Paris_(disambiguation)').url).toBe('https://en.wikipedia.org/wiki/Paris_(disambiguation)');
    expect(clean('https://ex.org/x);').url).toBe('https://ex.org/x');
    expect(trimTrailingPunctuation('https://ex.org/a.,;', ',.;')).toBe('https://ex.org/a');
  });

  it('keeps an internationalised host as written and compares it by its punycode form', () => {
    const a = clean('https://bücher.example/katalog?utm_source=x');
    const b = clean('https://xn--bcher-kva.example/katalog');
    expect(a.url).toBe('https://bücher.example/katalog');
    expect(a.key).toBe(b.key);
  });

  it('gives the same key to URLs that differ only by tracking parameters or host case', () => {
    expect(clean('https://EX.org/a?utm_source=1').key).toBe(clean('https://ex.org/a?fbclid=2,').key);
  });

  it('accepts mailto and refuses other schemes and relative links', () => {
    expect(clean('mailto:press@example.org').url).toBe('mailto:press@example.org');
    expect(normaliseUrl('ftp://ex.org/file', rules).ok).toBe(false);
    expect(normaliseUrl('javascript:alert(1)', rules).ok).toBe(false);
    expect(normaliseUrl('../other.md', rules).ok).toBe(false);
  });
});
