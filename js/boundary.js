// The JavaScript half of the wasm boundary: the error classes the package
// exports, and the one conversion of caller input into JSON for the core.
// Rust imports this file; wasm-bindgen ships it beside the glue.

/** The input broke one or more rules; `issues` lists every one. */
export class FbiValidationError extends Error {
  constructor(message, issues) {
    super(message);
    this.name = "FbiValidationError";
    this.issues = issues;
  }
}

/** The platform answered with a non-zero code. Never retried. */
export class FbiApiError extends Error {
  constructor(message, code, desc, status) {
    super(message);
    this.name = "FbiApiError";
    this.code = code;
    this.desc = desc;
    this.status = status;
  }
}

/** No usable answer after every attempt. */
export class FbiNetworkError extends Error {
  constructor(message, attempts, cause) {
    super(message, { cause });
    this.name = "FbiNetworkError";
    this.attempts = attempts;
  }
}

// Values JSON cannot carry are sent as {"\u0000fbi": "<kind>"}, so the core
// reports them at their field instead of seeing them vanish or turn to null.
const MARK = "\u0000fbi";
const mark = (kind) => ({ [MARK]: kind });
const UNREADABLE = JSON.stringify(mark("unreadable"));

function faithful(_key, value) {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? value : mark(String(value));
    case "string":
      return value.isWellFormed?.() === false ? mark("lone-surrogate") : value;
    case "bigint":
    case "function":
    case "symbol":
      return mark(typeof value);
    default:
      return value;
  }
}

// Plain JSON.stringify first (fast for big lists); its output can only hide a
// non-finite number as `null` or a lone surrogate as `\ud…`, so when neither
// text appears it is exact, and otherwise the careful replacer runs.
function encodeValue(value) {
  try {
    const fast = JSON.stringify(value);
    if (fast !== undefined && !fast.includes("null") && !fast.includes("\\ud")) {
      return fast;
    }
  } catch {
    // A BigInt, a cycle or a throwing getter: the careful pass tells which.
  }
  try {
    return JSON.stringify(value, faithful);
  } catch {
    return UNREADABLE;
  }
}

/**
 * The caller's input as JSON text; never throws. Each top-level field is
 * encoded on its own, so one unreadable field does not hide the others.
 */
export function encodeInput(input) {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return encodeValue(input) ?? "null";
  }
  let keys;
  try {
    keys = Object.keys(input);
  } catch {
    return UNREADABLE;
  }
  const parts = [];
  for (const key of keys) {
    let json;
    try {
      json = encodeValue(input[key]);
    } catch {
      json = UNREADABLE;
    }
    if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${parts.join(",")}}`;
}

/** A fresh request nonce: 16 decimal digits from the platform's CSPRNG. */
export function nonce() {
  const words = crypto.getRandomValues(new Uint32Array(2));
  const high = String(words[0] % 100000000).padStart(8, "0");
  const low = String(words[1] % 100000000).padStart(8, "0");
  return high + low;
}
