// What the kit's live panels need in the browser: Vega's runtime (parse + View), Vega-Lite's
// compiler (each panel's Vega-Lite skeleton is compiled here once, so the kernel never starts
// vl-convert's JavaScript runtime) and Vega's tooltip handler. Built by build.mjs into dist/vega-lib.min.js.
export { View, parse, version } from "vega";
export { compile } from "vega-lite";
export { Handler } from "vega-tooltip";
