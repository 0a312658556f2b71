// Browsers without a bundler: `await init()` once, then the same API as in
// Node. init() may be called again (and concurrently): it loads once.
import glueInit from "./fbi_sdk.js";

export {
  FbiClient,
  validateScoreQuery,
  validateDataSync,
  validateProcessFeedback,
  validateEffectFeedback,
  effectSchedule,
  memoryBytes,
} from "./fbi_sdk.js";
export { FbiValidationError, FbiApiError, FbiNetworkError } from "./boundary.js";

let ready;

/**
 * Loads the wasm module: from `fbi_sdk_bg.wasm` beside this file, or from
 * what is given (a URL, a Response, bytes or a WebAssembly.Module).
 */
export default function init(moduleOrPath) {
  ready ??= glueInit(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath })
    .then(() => undefined)
    .catch((error) => {
      ready = undefined; // a failed load (offline, say) may be retried
      throw error;
    });
  return ready;
}
