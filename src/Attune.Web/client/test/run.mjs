// Runs the client's unit tests (test/*.test.ts) under node's own test runner: each file is bundled by esbuild (the
// bundler the client already uses) into a temporary folder, then `node --test` runs them. `npm run test:unit`;
// Attune.Web.Tests runs it too (ClientUnitTests), so `./test.sh` covers it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as esbuild from "esbuild";

const here = new URL(".", import.meta.url).pathname;
const files = readdirSync(here).filter((f) => f.endsWith(".test.ts"));
const out = mkdtempSync(join(tmpdir(), "attune-client-tests-"));
try {
  await esbuild.build({
    entryPoints: files.map((f) => join(here, f)),
    outdir: out,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    define: { "import.meta.dirname": JSON.stringify(here) },
    logLevel: "warning",
  });
  const run = spawnSync(process.execPath, ["--test", ...files.map((f) => join(out, f.replace(/\.ts$/, ".mjs")))], { stdio: "inherit" });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
