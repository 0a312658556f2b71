// fbi-sdk/lite in Node: the wasm beside this file, compiled at import.
import { readFileSync } from "node:fs";
import { initSync } from "./fbi_sdk.js";

initSync({ module: readFileSync(new URL("fbi_sdk_bg.wasm", import.meta.url)) });

export * from "./api.js";
