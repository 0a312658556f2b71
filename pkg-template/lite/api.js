// What fbi-sdk/lite exports; its entries (index.js, node.mjs) load the wasm
// before anything is used.
export {
  FbiClient,
  validateScoreQuery,
  validateDataSync,
  validateProcessFeedback,
  validateEffectFeedback,
  memoryBytes,
} from "./fbi_sdk.js";
export { FbiValidationError } from "./boundary.js";
