// fbi-sdk/lite, for bundlers and browsers with top-level await: building,
// validating and signing as in the main entry, without sending or the
// schedule, in a wasm module a quarter smaller. Ready when the import
// resolves; the wasm is fetched from beside this file.
import init from "./fbi_sdk.js";

await init();

export * from "./api.js";
