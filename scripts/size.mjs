// Prints the package's size: the wasm, the JS a browser loads with it, and
// the packed tarball (from the last `make test-node`), raw and gzip -9.
//
//   node scripts/size.mjs [pkg dir]
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Sizes in bytes: [{ part, raw, gzip }]. */
export function sizes(pkgDir = "pkg", packJson = "target/npm-test/pack.json") {
  const pkg = resolve(pkgDir);
  const read = (...files) => Buffer.concat(files.map((f) => readFileSync(join(pkg, f))));
  const entry = (part, bytes) => ({ part, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  const wasm = read("web/fbi_sdk_bg.wasm");
  const glue = read("web/fbi_sdk.js", "web/boundary.js", "web/index.js");
  const liteWasm = read("lite/fbi_sdk_bg.wasm");
  const liteGlue = read("lite/fbi_sdk.js", "lite/boundary.js", "lite/index.js", "lite/api.js");
  const out = [
    entry("wasm (`web/fbi_sdk_bg.wasm`)", wasm),
    entry("JS glue (`web/fbi_sdk.js`, `boundary.js`, `index.js`)", glue),
    entry("wasm + JS glue", Buffer.concat([wasm, glue])),
    entry("`fbi-sdk/lite` (no sending, no schedule): wasm + JS glue", Buffer.concat([liteWasm, liteGlue])),
  ];
  if (existsSync(resolve(packJson))) {
    const packed = JSON.parse(readFileSync(resolve(packJson), "utf8"));
    out.push({ part: `whole package (\`npm pack\`, ${packed.files.length} files)`, raw: packed.unpackedSize, gzip: packed.size, tgz: true });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log("| part | raw | gzip -9 |\n|---|---|---|");
  for (const s of sizes(process.argv[2])) console.log(`| ${s.part} | ${kb(s.raw)} | ${kb(s.gzip)}${s.tgz ? " (tgz)" : ""} |`);
}
