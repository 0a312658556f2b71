// For bundlers and browsers that support top-level await: the module is
// ready when the import resolves, as in Node.
import init from "./web/index.js";

await init();

export * from "./web/index.js";
