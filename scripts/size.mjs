// Prints the package's size: the wasm, the JS a browser loads with it, and
// the packed tarball (from the last `make test-node`), raw and gzip -9.
//
//   node scripts/size.mjs [pkg dir]
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const pkg = resolve(process.argv[2] ?? "pkg");
const read = (...files) => Buffer.concat(files.map((f) => readFileSync(join(pkg, f))));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const row = (name, bytes) => `| ${name} | ${kb(bytes.length)} | ${kb(gzipSync(bytes, { level: 9 }).length)} |`;

const wasm = read("web/fbi_sdk_bg.wasm");
const glue = read("web/fbi_sdk.js", "web/boundary.js", "web/index.js");
console.log("| part | raw | gzip -9 |\n|---|---|---|");
console.log(row("wasm (`web/fbi_sdk_bg.wasm`)", wasm));
console.log(row("JS glue (`web/fbi_sdk.js`, `boundary.js`, `index.js`)", glue));
console.log(row("wasm + JS glue", Buffer.concat([wasm, glue])));
const packJson = resolve("target/npm-test/pack.json");
if (existsSync(packJson)) {
  const packed = JSON.parse(readFileSync(packJson, "utf8"));
  console.log(`| whole package (\`npm pack\`, ${packed.files.length} files) | ${kb(packed.unpackedSize)} | ${kb(packed.size)} (tgz) |`);
}
