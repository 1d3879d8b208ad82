// What the kit's live panels need in the browser: Vega's runtime (parse + View) and its tooltip
// handler. Vega-Lite is not bundled: the kernel compiles each panel's Vega-Lite spec to Vega once
// (vl-convert, Vega-Lite 5.20 as Altair 5.5 writes it). Built by build.mjs into dist/vega-lib.min.js.
export { View, parse, version } from "vega";
export { Handler } from "vega-tooltip";
