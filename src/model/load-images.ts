/**
 * Local images: resolved against the briefing's folder, confined to the content root,
 * read through `Env` and keyed by their output site path `assets/<hash>.<ext>` so every
 * writer, every edition and every rebuild refers to the same file. An image that cannot
 * be used (remote: a build never touches the network; missing; outside the content
 * folder; not PNG or JPEG) becomes a visible placeholder with its alt text, and a warning.
 */
import path from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { visit } from './visit-tree.js';
import { uiString } from '../content/locales.js';
import type { Reporter } from '../diagnostics.js';
import type { Env } from '../env.js';
import { assetKey, contentTarget } from './content-files.js';
import type { ImageAsset, UiStrings } from './types.js';

const MAGIC: Array<[string, string, number[]]> = [
  ['image/png', 'png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', 'jpg', [0xff, 0xd8, 0xff]],
];

function sniff(bytes: Uint8Array): [string, string] | undefined {
  const hit = MAGIC.find(([, , sig]) => sig.every((b, i) => bytes[i] === b));
  return hit ? [hit[0], hit[1]] : undefined;
}

export interface LoadImagesOptions {
  sourcePath: string;
  file: string;
  env: Env;
  reporter: Reporter;
  strings: UiStrings;
}

/** `[Image not available: alt]`: what a reader sees in every format instead of a lost image. */
function placeholder(node: Element, strings: UiStrings): Element {
  const alt = typeof node.properties.alt === 'string' ? node.properties.alt.trim() : '';
  const src = String(node.properties.src ?? '');
  const value = uiString(strings, 'imageUnavailable', { alt: alt || path.posix.basename(src.split(/[?#]/)[0] ?? '') || '?' });
  return { type: 'element', tagName: 'span', properties: { className: ['image-placeholder'] }, children: [{ type: 'text', value }], position: node.position };
}

export async function loadImages(tree: Root, options: LoadImagesOptions): Promise<Map<string, ImageAsset>> {
  const { file, env, reporter, strings } = options;
  const found: Array<{ node: Element; parent: Element | Root }> = [];
  visit(tree, 'element', (node: Element, _i, parent) => {
    if (node.tagName === 'img') found.push({ node, parent: parent as Element | Root });
  });
  const images = new Map<string, ImageAsset>();
  const replace: Array<{ node: Element; parent: Element | Root }> = [];
  for (const { node, parent } of found) {
    const src = String(node.properties.src ?? '');
    const pos = node.position?.start;
    const where = { file, line: pos?.line, column: pos?.column };
    const lost = (code: string, message: string, hint?: string) => {
      reporter.warn({ ...where, code, message: `${message}; a placeholder with its alt text is shown instead`, hint });
      replace.push({ node, parent });
    };
    if (node.properties.alt === undefined) {
      // `<img alt="">` in raw HTML marks a decorative image; `![](x.png)` is reported by the loss pass.
      reporter.warn({ ...where, code: 'image/no-alt', message: `image ${src} has no alt text`, hint: 'write ![what the image shows](path), or alt="" on a decorative <img>' });
      node.properties.alt = '';
    }
    const target = contentTarget(src, options.sourcePath);
    if (target.kind === 'remote') {
      lost('image/remote', `remote image ${src} is not fetched: a build never uses the network`, 'download the image into the content folder and refer to it by a relative path');
      continue;
    }
    if (target.kind !== 'relative') {
      lost('image/outside-content', `image ${src || '(empty)'} is not a path inside the content folder`, 'refer to images by a path relative to the briefing, e.g. img/chart.png');
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await env.readContent(target.path);
    } catch {
      lost('image/missing', `image ${src} not found (looked for ${env.displayPath(target.path)})`);
      continue;
    }
    const kind = sniff(bytes);
    if (!kind) {
      lost('image/format', `image ${src} is not a PNG or JPEG file`);
      continue;
    }
    const name = assetKey(bytes, kind[1]);
    images.set(name, { src: name, contentPath: target.path, mime: kind[0], bytes });
    node.properties.src = name;
  }
  for (const { node, parent } of replace) parent.children.splice(parent.children.indexOf(node), 1, placeholder(node, strings) as ElementContent);
  return images;
}
