/**
 * Every theme in `templates/themes/` must load: a wrong key or type is an error at its
 * file:line:column (`theme/theme.ts` reports it), for `check` and `build` alike. The
 * build's `--theme` must name one of them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Reporter } from '../diagnostics.js';
import { templatesDir } from '../install/paths.js';
import { DEFAULT_THEME, readTheme, themeNames } from '../theme/theme.js';

export function checkThemes(folder: string, chosen: string | undefined, reporter: Reporter): void {
  // A templates folder of UI strings alone (tests) leaves the themes to the default folder.
  const templates = existsSync(path.join(folder, 'themes')) ? folder : templatesDir();
  const names = new Set(themeNames(templates));
  if (chosen !== undefined && !names.has(chosen)) {
    reporter.error({ code: 'theme/unknown', message: `no theme named ${JSON.stringify(chosen)}`, hint: `themes: ${[...names].join(', ') || 'none'}` });
  }
  if (!names.has(DEFAULT_THEME)) names.add(DEFAULT_THEME); // reported as missing if it is
  for (const name of [...names].sort()) {
    for (const d of readTheme(name, templates).diagnostics) reporter.report(d);
  }
}
