// Assembles the npm package in pkg/ from pkg-template/ and two builds of the
// crate (wasm-bindgen's `--target web` output and the optimised wasm): the
// full one in web/, the lite one (no sending, no schedule) in lite/.
//
//   node scripts/assemble-pkg.mjs <glue dir> <optimised .wasm> <lite glue dir> <lite optimised .wasm> <pkg dir>
import { build, transformSync } from "esbuild";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";

const [glueDir, wasmFile, liteGlueDir, liteWasmFile, outDir] = process.argv.slice(2).map((p) => resolve(p));
if (!outDir) {
  console.error("usage: assemble-pkg.mjs <glue dir> <optimised .wasm> <lite glue dir> <lite optimised .wasm> <pkg dir>");
  process.exit(2);
}
const template = resolve(import.meta.dirname, "..", "pkg-template");
const web = join(outDir, "web");

rmSync(outDir, { recursive: true, force: true });
cpSync(template, outDir, { recursive: true });

// The browser's copies are minified (names kept, so the error classes still
// say who they are): the glue is generated code, and this halves its gzip.
const minified = (code) => transformSync(code, { format: "esm", minify: true, keepNames: true, target: "es2020" }).code;

/** wasm-bindgen's `--target web` output in `from`, placed in `to`. */
function placeGlue(from, wasm, to) {
  mkdirSync(to, { recursive: true });
  // The glue imports our boundary.js from a hashed snippets/ path; give it
  // a stable name so the entry files can export the same error classes.
  const [snippet, ...others] = readdirSync(join(from, "snippets"))
    .map((crate) => `snippets/${crate}/js/boundary.js`)
    .filter((path) => existsSync(join(from, path)));
  if (!snippet || others.length) throw new Error(`expected one boundary.js snippet, found ${[snippet, ...others]}`);
  const glue = readFileSync(join(from, "fbi_sdk.js"), "utf8");
  // Only the import statements: the wasm's own import table keeps the
  // hashed name, which the glue uses as a key.
  const stable = glue.replaceAll(`from './${snippet}'`, "from './boundary.js'").replaceAll(`from "./${snippet}"`, 'from "./boundary.js"');
  if (stable === glue) throw new Error("the glue does not import the boundary snippet");
  writeFileSync(join(to, "fbi_sdk.js"), minified(stable));
  writeFileSync(join(to, "boundary.js"), minified(readFileSync(join(from, snippet), "utf8")));
  cpSync(join(from, "fbi_sdk.d.ts"), join(to, "fbi_sdk.d.ts"));
  cpSync(wasm, join(to, "fbi_sdk_bg.wasm"));
}
placeGlue(glueDir, wasmFile, web);
placeGlue(liteGlueDir, liteWasmFile, join(outDir, "lite"));

// Node: one CommonJS bundle, initialised synchronously; the ESM entry
// re-exports it, so `import` and `require` share one module instance.
const nodeSource = join(outDir, "node", "index.src.js");
await build({
  entryPoints: [nodeSource],
  outfile: join(outDir, "node", "index.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  // Only the browser init path uses import.meta.url; Node never calls it.
  logOverride: { "empty-import-meta": "silent" },
});
rmSync(nodeSource);
const names = Object.keys(createRequire(import.meta.url)(join(outDir, "node", "index.cjs")));
writeFileSync(
  join(outDir, "node", "index.mjs"),
  `// ESM entry for Node: the CommonJS bundle, so both share one instance.\n` +
    `import api from "./index.cjs";\n\n` +
    `export const { ${names.join(", ")} } = api;\n`,
);
console.log(`assembled ${relative(process.cwd(), outDir)}/ (${names.length} exports: ${names.join(", ")})`);
