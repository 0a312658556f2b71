export * from "../index.js";
import type { InitInput } from "./fbi_sdk.js";

/** Loads the wasm module once; later calls return the same promise. */
export default function init(moduleOrPath?: InitInput | Promise<InitInput>): Promise<void>;
