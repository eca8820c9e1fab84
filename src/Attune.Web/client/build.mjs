// Bundles the browser code into ../wwwroot. Run through `npm run build`, which typechecks first;
// Attune.Web.csproj calls it on every `dotnet build` whose inputs changed.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import * as esbuild from "esbuild";

const wwwroot = new URL("../wwwroot/", import.meta.url);
const target = ["chrome109", "edge109", "firefox115", "safari15.6"];

await esbuild.build({
  // insights.js and measures.js carry Chart.js and are loaded only by the pages that draw charts; recordings.js
  // carries uPlot and is loaded by a recording's pages only.
  // live.js carries uPlot and the live engine and is loaded by the pages with a pacer only; together-live.js carries
  // the SignalR client and is loaded by the breathe-together page only; therapy-live.js carries SignalR and uPlot and is
  // loaded by the two in-session pages only.
  entryPoints: {
    app: "src/main.ts",
    insights: "src/insights.ts",
    measures: "src/measures.ts",
    recordings: "src/recordings.ts",
    live: "src/live.ts",
    "together-live": "src/together-live.ts",
    "therapy-live": "src/therapy-live.ts",
  },
  outdir: new URL("dist/", wwwroot).pathname,
  bundle: true,
  format: "iife",
  minify: true,
  sourcemap: true,
  target,
  logLevel: "warning",
});

await esbuild.build({
  entryPoints: { app: "src/styles/app.css" },
  outdir: new URL("dist/", wwwroot).pathname,
  bundle: true,
  minify: true,
  sourcemap: true,
  target,
  logLevel: "warning",
});

// The service worker's cache name carries a hash of the shell it caches, so every change to the
// shell installs a new worker that drops the old cache.
const shell = [
  "dist/app.css",
  "dist/app.js",
  "offline.html",
  "icons/icon.svg",
  "icons/icon-192.png",
  "manifest.webmanifest",
];
const hash = createHash("sha256");
for (const path of shell) hash.update(await readFile(new URL(path, wwwroot)));

await esbuild.build({
  entryPoints: ["src/sw.ts"],
  outfile: new URL("sw.js", wwwroot).pathname,
  bundle: true,
  format: "iife",
  minify: true,
  target,
  define: { __SHELL_VERSION__: JSON.stringify(hash.digest("hex").slice(0, 12)) },
  logLevel: "warning",
});
