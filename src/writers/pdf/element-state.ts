/**
 * A row of the element-style table (`theme/element-styles.ts`) applied to the PDF's
 * drawing state: the same rows `theme/css.ts` turns into CSS, so the PDF takes the same
 * font, weight, slant, size, colour and background as the HTML and EPUB editions.
 */
import { ELEMENT_STYLES, type ElementName, type ElementStyle } from '../../theme/element-styles.js';
import type { Theme } from '../../theme/theme.js';
import type { InlineState } from './inline.js';

/**
 * `base` styled as element `style`. Shares (relative sizes, scripts, toggled italic) are
 * taken of `base`, so applying several rows to the same base never compounds them.
 */
export function applyStyle(base: InlineState, style: ElementStyle | ElementName, theme: Theme, into: InlineState = { ...base }): InlineState {
  const st = typeof style === 'string' ? (ELEMENT_STYLES[style] as ElementStyle) : style;
  const s = theme.sizes;
  const out = into;
  if (st.role) out.role = st.role;
  if (st.bold) out.bold = true;
  if (st.italic) out.italic = st.italic === 'toggle' ? !base.italic : true;
  if (st.size) out.size = st.relative ? base.size * (s[st.size] / s.body) : s[st.size];
  if (st.script) {
    out.size = base.size * s.script;
    out.rise = (st.script === 'super' ? s.scriptRise : -s.scriptDrop) * base.size;
  }
  if (st.color) out.color = theme.colors[st.color];
  if (st.background) out.background = theme.colors[st.background];
  if (st.decoration === 'underline') out.underline = true;
  if (st.decoration === 'line-through') out.strike = true;
  return out;
}
