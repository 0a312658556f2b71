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
const DROPPED = new Set(["function", "symbol"]);

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

// Plain JSON.stringify (fast for big lists), when it is exact: its output
// can only hide a non-finite number as `null` or a lone surrogate as `\ud…`,
// so when neither text appears it is. Otherwise undefined; it may throw.
function exactJson(value) {
  const fast = JSON.stringify(value);
  return fast !== undefined && !fast.includes("null") && !fast.includes("\\ud") ? fast : undefined;
}

// A value as JSON: exact, or through the careful replacer.
function encodeValue(value) {
  try {
    const fast = exactJson(value);
    if (fast !== undefined) return fast;
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
 * The caller's input as JSON text; never throws. Plain data goes in one
 * pass; otherwise each top-level field is encoded on its own, so one
 * unreadable field does not hide the others.
 */
export function encodeInput(input) {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return encodeValue(input) ?? "null";
  }
  let keys;
  try {
    keys = Object.keys(input);
    // Unless a field is of a kind JSON.stringify would silently leave out.
    if (keys.every((key) => !DROPPED.has(typeof input[key]))) {
      const fast = exactJson(input);
      if (fast !== undefined) return fast;
    }
  } catch {
    // Field by field below, so one unreadable field does not hide the others.
  }
  if (keys === undefined) return UNREADABLE;
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

/**
 * A built request from the core's two texts: `packed` holds the endpoint,
 * url, signature, the signed parameters' order and each parameter name and
 * value as `<length>:<text>`, or as `<length>@<offset>;` for a value that
 * is a slice of `input` (the JSON text the core read); `body` is the
 * form-encoded body.
 */
export function signedRequest(input, packed, body) {
  let at = 0;
  const number = () => {
    let n = 0;
    for (let c = packed.charCodeAt(at); c >= 48 && c <= 57; c = packed.charCodeAt(++at)) n = n * 10 + c - 48;
    return n;
  };
  const next = () => {
    const length = number();
    if (packed.charCodeAt(at) === 64 /* @ */) {
      at++;
      const offset = number();
      at++; // ";"
      return input.slice(offset, offset + length);
    }
    at += 1 + length;
    return packed.slice(at - length, at);
  };
  const endpoint = next();
  const url = next();
  const signature = next();
  const order = next();
  const params = [];
  while (at < packed.length) params.push([next(), next()]);
  let stringToSign = "";
  for (const i of order.split(",")) {
    const [name, value] = params[i] ?? [];
    if (name !== undefined) stringToSign += `${stringToSign === "" ? "" : "&"}${name}=${value}`;
  }
  return { endpoint, url, params, body, signature, stringToSign };
}
