/**
 * Local images: resolved against the briefing's folder, confined to the content root,
 * read through `Env` and renamed to a stable content-addressed name so every writer
 * (and every rebuild) refers to the same file. Remote images are an error: a build
 * never touches the network.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { Reporter } from '../diagnostics.js';
import type { Env } from '../env.js';
import type { ImageAsset } from './types.js';

const MAGIC: Array<[string, string, number[]]> = [
  ['image/png', 'png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', 'jpg', [0xff, 0xd8, 0xff]],
];

function sniff(bytes: Uint8Array): [string, string] | undefined {
  const hit = MAGIC.find(([, , sig]) => sig.every((b, i) => bytes[i] === b));
  return hit ? [hit[0], hit[1]] : undefined;
}

export async function loadImages(
  tree: Root,
  sourcePath: string,
  file: string,
  env: Env,
  reporter: Reporter,
): Promise<Map<string, ImageAsset>> {
  const found: Array<{ node: Element; parent: Element | Root; src: string }> = [];
  visit(tree, 'element', (node: Element, _i, parent) => {
    if (node.tagName === 'img') found.push({ node, parent: parent as Element | Root, src: String(node.properties.src ?? '') });
  });
  const images = new Map<string, ImageAsset>();
  const drop: Array<{ node: Element; parent: Element | Root }> = [];
  for (const { node, parent, src } of found) {
    const pos = node.position?.start;
    const where = { file, line: pos?.line, column: pos?.column };
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
      reporter.error({ ...where, code: 'image/remote', message: `remote image ${src} is not allowed: a build never uses the network`, hint: 'download the image into the content folder and refer to it by a relative path' });
      drop.push({ node, parent });
      continue;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(src.split(/[?#]/)[0] ?? '');
    } catch {
      decoded = src;
    }
    const rel = path.posix.normalize(path.posix.join(path.posix.dirname(sourcePath), decoded));
    if (!decoded || rel.startsWith('../') || rel === '..' || path.posix.isAbsolute(decoded)) {
      reporter.error({ ...where, code: 'image/outside-content', message: `image ${src} is outside the content folder` });
      drop.push({ node, parent });
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await env.readContent(rel);
    } catch {
      reporter.error({ ...where, code: 'image/missing', message: `image ${src} not found (looked for ${env.displayPath(rel)})` });
      drop.push({ node, parent });
      continue;
    }
    const kind = sniff(bytes);
    if (!kind) {
      reporter.error({ ...where, code: 'image/format', message: `image ${src} is not a PNG or JPEG file` });
      drop.push({ node, parent });
      continue;
    }
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
    const name = `images/${hash}.${kind[1]}`;
    images.set(name, { src: name, contentPath: rel, mime: kind[0], bytes });
    node.properties.src = name;
    if (node.properties.alt === undefined) {
      reporter.warn({ ...where, code: 'image/no-alt', message: `image ${src} has no alt text`, hint: 'write ![what the image shows](path)' });
      node.properties.alt = '';
    }
  }
  for (const { node, parent } of drop) parent.children.splice(parent.children.indexOf(node), 1);
  return images;
}
