// Node entry, bundled to CommonJS by esbuild: the wasm is compiled
// synchronously at require time, so the API is usable right after import.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync } from "../web/fbi_sdk.js";

initSync({ module: readFileSync(join(__dirname, "..", "web", "fbi_sdk_bg.wasm")) });

export * from "../web/index.js";
