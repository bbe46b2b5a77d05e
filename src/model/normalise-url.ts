/**
 * URL normalisation for the resource appendix: strip tracking parameters and the
 * punctuation a copy-paste drags along, keep everything else of the URL exactly.
 * Pure functions; the rules are data (`templates/links.yaml`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { templatesDir } from '../install/paths.js';

export interface LinkRules {
  trackingParameters: Array<{ name: string; value?: string }>;
  trailingPunctuation: string;
  schemes: string[];
}

export function loadLinkRules(dir = templatesDir()): LinkRules {
  return parseYaml(readFileSync(path.join(dir, 'links.yaml'), 'utf8')) as LinkRules;
}

export type NormalisedUrl =
  | { ok: true; url: string; key: string; scheme: string }
  | { ok: false; reason: string };

function isTracking(name: string, value: string, rules: LinkRules): boolean {
  return rules.trackingParameters.some((p) => {
    const nameHit = p.name.endsWith('*') ? name.startsWith(p.name.slice(0, -1)) : name === p.name;
    return nameHit && (p.value === undefined || new RegExp(p.value).test(value));
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replaceAll('+', ' '));
  } catch {
    return s;
  }
}

/** Drops trailing copy-paste punctuation; a `)` stays when it closes a `(` inside the URL. */
export function trimTrailingPunctuation(raw: string, chars: string): string {
  let s = raw;
  for (;;) {
    const last = s.at(-1);
    if (!last || !chars.includes(last)) return s;
    if (last === ')' && (s.match(/\(/g)?.length ?? 0) >= (s.match(/\)/g)?.length ?? 0)) return s;
    s = s.slice(0, -1);
  }
}

/**
 * Normalises one link target. `url` is what readers see and click; `key` is the
 * comparison form (WHATWG-parsed: lower-case host, punycode) used to deduplicate.
 */
export function normaliseUrl(raw: string, rules: LinkRules): NormalisedUrl {
  const trimmed = trimTrailingPunctuation(raw.trim(), rules.trailingPunctuation);
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return { ok: false, reason: `not an absolute URL: ${raw}` };
  }
  const scheme = parsed.protocol.slice(0, -1);
  if (!rules.schemes.includes(scheme)) return { ok: false, reason: `links with the ${scheme}: scheme are not published` };
  if (scheme === 'mailto') return { ok: true, url: trimmed, key: parsed.href, scheme };

  const hashAt = trimmed.indexOf('#');
  const beforeHash = hashAt === -1 ? trimmed : trimmed.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : trimmed.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt === -1 ? '' : beforeHash.slice(queryAt + 1);
  const kept = query
    .split('&')
    .filter((part) => {
      if (part === '') return false;
      const eq = part.indexOf('=');
      const name = safeDecode(eq === -1 ? part : part.slice(0, eq));
      const value = eq === -1 ? '' : safeDecode(part.slice(eq + 1));
      return !isTracking(name, value, rules);
    });
  const url = base + (kept.length ? `?${kept.join('&')}` : '') + fragment;
  return { ok: true, url, key: new URL(url).href, scheme };
}
