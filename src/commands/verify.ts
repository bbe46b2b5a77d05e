/**
 * `briefpress verify SITE`: exit 0 when every file `manifest.json` lists matches its sha256
 * and size and nothing unlisted is there; exit 1 with one line per problem. The check a CI
 * runs before deploying a site, and anyone can run on a downloaded copy.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkSite } from '../site/check-site.js';
import { usageError, type CommandResult } from './command.js';

export async function verifyCommand(args: string[], cwd: string): Promise<CommandResult> {
  const { positionals } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
  if (positionals.length !== 1) return usageError('verify takes one site folder: briefpress verify SITE');
  const site = positionals[0]!;
  const { manifest, problems } = await checkSite(path.resolve(cwd, site), site);
  if (problems.length) return { exit: 1, out: [], diagnostics: problems };
  const files = manifest!.artifacts.length + manifest!.assets.length + manifest!.pages.length + 1;
  return { exit: 0, out: [`${site}: ${files} files match manifest.json, nothing unlisted`], diagnostics: [] };
}
