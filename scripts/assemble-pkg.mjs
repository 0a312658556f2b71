// Assembles the npm package in pkg/ from wasm-bindgen's `--target web`
// output, the optimised wasm and pkg-template/.
//
//   node scripts/assemble-pkg.mjs <wasm-bindgen out dir> <optimised .wasm> <pkg dir>
import { build, transformSync } from "esbuild";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";

const [glueDir, wasmFile, outDir] = process.argv.slice(2).map((p) => resolve(p));
if (!outDir) {
  console.error("usage: assemble-pkg.mjs <wasm-bindgen out dir> <optimised .wasm> <pkg dir>");
  process.exit(2);
}
const template = resolve(import.meta.dirname, "..", "pkg-template");
const web = join(outDir, "web");

rmSync(outDir, { recursive: true, force: true });
cpSync(template, outDir, { recursive: true });
mkdirSync(web, { recursive: true });

// The glue imports our boundary.js from a hashed snippets/ path; give it a
// stable name so the entry files can export the same error classes.
const [snippet, ...others] = readdirSync(join(glueDir, "snippets"))
  .map((crate) => `snippets/${crate}/js/boundary.js`)
  .filter((path) => existsSync(join(glueDir, path)));
if (!snippet || others.length) throw new Error(`expected one boundary.js snippet, found ${[snippet, ...others]}`);
const glue = readFileSync(join(glueDir, "fbi_sdk.js"), "utf8");
// Only the import statements: the wasm's own import table keeps the
// hashed name, which the glue uses as a key.
const stable = glue.replaceAll(`from './${snippet}'`, "from './boundary.js'").replaceAll(`from "./${snippet}"`, 'from "./boundary.js"');
if (stable === glue) throw new Error("the glue does not import the boundary snippet");
// The browser's copies are minified (names kept, so the error classes still
// say who they are): the glue is generated code, and this halves its gzip.
const minified = (code) => transformSync(code, { format: "esm", minify: true, keepNames: true, target: "es2020" }).code;
writeFileSync(join(web, "fbi_sdk.js"), minified(stable));
writeFileSync(join(web, "boundary.js"), minified(readFileSync(join(glueDir, snippet), "utf8")));
cpSync(join(glueDir, "fbi_sdk.d.ts"), join(web, "fbi_sdk.d.ts"));
cpSync(wasmFile, join(web, "fbi_sdk_bg.wasm"));

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
