// Builds dist/vega-lib.min.js: Vega, the Vega-Lite compiler and vega-tooltip in one minified ES module that the
// kit's live panels load with no network (see widgets/panels/live.py). Run `npm ci && npm run build`
// after changing a version in package.json, then commit package-lock.json and dist/.
import { build } from "esbuild";

await build({
  entryPoints: ["src/vega-lib.js"],
  outfile: "dist/vega-lib.min.js",
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  legalComments: "eof",   // keep the packages' licence notices
  logLevel: "info",
});
