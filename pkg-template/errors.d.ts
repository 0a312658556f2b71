import type { Issue } from "./web/fbi_sdk.js";

/** The input broke one or more rules; `issues` lists every one. */
export declare class FbiValidationError extends Error {
  readonly name: "FbiValidationError";
  readonly issues: Issue[];
}

/** The platform answered with a non-zero code. Never retried. */
export declare class FbiApiError extends Error {
  readonly name: "FbiApiError";
  readonly code: number;
  readonly desc: string;
  /** The HTTP status of the answer. */
  readonly status: number;
}

/** No usable answer after every attempt. */
export declare class FbiNetworkError extends Error {
  readonly name: "FbiNetworkError";
  readonly attempts: number;
  readonly cause: unknown;
}
