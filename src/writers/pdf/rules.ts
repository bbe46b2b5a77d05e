/**
 * Line weights of rules and borders, derived from the theme's body size so that a
 * theme change scales them too. At the default 10.5 pt body they are the CSS values
 * of theme/css.ts: 0.5 pt (table rows, running header), 0.75 pt (rules, table
 * header) and 2 pt (the title block's closing rule).
 */
import type { Theme } from '../../theme/theme.js';

export interface RuleWeights {
  hair: number;
  thin: number;
  heavy: number;
}

export function ruleWeights(theme: Theme): RuleWeights {
  const b = theme.sizes.body;
  return { hair: b / 21, thin: b / 14, heavy: b / 5.25 };
}
