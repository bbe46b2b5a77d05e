const D = '/work/main/dist';
const { nodeEnv } = await import(D + '/env.js');
const { loadCatalogue } = await import(D + '/content/locales.js');
const { loadLinkRules } = await import(D + '/model/normalise-url.js');
const { discoverBriefings } = await import(D + '/content/discover.js');
const { Reporter } = await import(D + '/diagnostics.js');
const { loadTheme, fontPath } = await import(D + '/theme/theme.js');
const { buildDocument } = await import(D + '/model/build-document.js');
const { coverSvg, coverFontFiles } = await import(D + '/cover/cover-svg.js');
const { localeStrings } = await import(D + '/content/locale-strings.js');
const { Resvg } = await import('@resvg/resvg-js');
const env = nodeEnv({ contentRoot: '/work/main/content' });
const catalogue = loadCatalogue(); const linkRules = loadLinkRules(); const theme = loadTheme();
const reporter = new Reporter();
const refs = await discoverBriefings(env, catalogue, reporter);
for (const ref of refs) {
  const doc = await buildDocument(ref, { env, catalogue, linkRules, reporter, briefings: refs });
  let t = performance.now();
  const svg = coverSvg(doc, theme, localeStrings(doc.locale));
  const t1 = performance.now();
  const r = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: coverFontFiles(theme).map(fontPath), defaultFontFamily: theme.fonts.body.family }, languages: [doc.locale.code] });
  const t2 = performance.now();
  const img = r.render();
  const t3 = performance.now();
  const png = img.asPng();
  const t4 = performance.now();
  console.log(ref.locale, 'svg', (t1-t).toFixed(0), 'new', (t2-t1).toFixed(0), 'render', (t3-t2).toFixed(0), 'png', (t4-t3).toFixed(0), png.length);
}
