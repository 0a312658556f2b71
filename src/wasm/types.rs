//! The TypeScript shapes of API.md for what crosses the boundary as plain
//! objects. The core reads these inputs from JSON, so they are declared
//! here rather than derived from Rust types.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
export type IssueCode =
  | "required" | "forbidden" | "unknown_field" | "invalid_type"
  | "invalid_date" | "invalid_datetime" | "invalid_mobile" | "invalid_phone"
  | "invalid_amount" | "invalid_id" | "out_of_range" | "too_long"
  | "not_ascending" | "count_mismatch" | "milliseconds" | "empty";

/** One problem of an input: where (JS notation, "" for the input itself), what, and what was expected. */
export interface Issue { path: string; code: IssueCode; message: string }

/** What one request sends; it never holds the secret. */
export interface SignedRequest {
  endpoint: string;
  url: string;
  /** Wire names and values, in wire order. */
  params: [string, string][];
  /** application/x-www-form-urlencoded of params. */
  body: string;
  /** 32 lowercase hex characters. */
  signature: string;
  /** What was signed, before the key is added. */
  stringToSign: string;
}

export interface FbiClientOptions {
  appkey: string;
  /** The platform's dynamic key; required unless `signer` is given. */
  secret?: string;
  /** Default "http://fbi.qq.com". */
  baseUrl?: string;
  /** Default "common". */
  signScope?: "common" | "all";
  /** Default: stringToSign + "&key=" + secret. */
  cipher?: (stringToSign: string, secret: string) => string;
  /** Signs remotely, so the page never holds the secret. */
  signer?: (stringToSign: string) => Promise<string>;
  /** Per attempt; default 10000. */
  timeoutMs?: number;
  /** Extra attempts on network errors, timeouts and HTTP 5xx, 0–20; default 3. */
  retries?: number;
  /** The first retry waits 50–100 % of this, each further one twice as long (at most 10 s); default 250. */
  retryDelayMs?: number;
  /** `true` logs each attempt with console.debug; a function receives each attempt. */
  debug?: boolean | ((attempt: AttemptTrace) => void);
}

/** One attempt, as the debug hook sees it. It never holds the secret. */
export interface AttemptTrace {
  endpoint: string;
  attempt: number;
  stringToSign: string;
  ms: number;
  outcome: "accepted" | "refused" | "retry" | "unusable";
  code?: number;
  desc?: string;
  status?: number;
  error?: string;
}

/** The platform accepted the request. */
export interface FbiResponse { code: 0; desc: string }

export interface ScoreResponse extends FbiResponse {
  flowid: string;
  /** 1–10000. */
  score: number;
  /** `;`-joined risk factors. */
  scoreDesc: string;
  /** high [8000, 10000], medium [4000, 8000), low [1, 4000). */
  risk: "high" | "medium" | "low";
}

/** Every input carries these; `timestamp` (ms) and `random` make a build reproducible. */
export interface CommonInput { userid: string; mobile: string; timestamp?: number; random?: string }

export interface ScoreQueryInput extends CommonInput {
  os: 0 | 1 | 2 | 3; device?: string; idcard?: string; banknos?: string[]; contacts?: string[];
  industry?: string; company?: string; job?: string; address_company?: string;
  emailAddress?: string; QQ?: string; WX?: string;
}

export interface ContactEntry { n?: string; m: string }
export interface CallEntry { n?: string; m: string; t: string }
export interface MessageEntry { n?: string; m: string; t: string; c: string }
export interface PaymentEntry { t: string; j: number | string }
export interface BillEntry { t1: string; t2?: string; j: number | string }

export interface DataSyncInput extends CommonInput {
  processTime: number;
  phoneList?: ContactEntry[]; callList?: CallEntry[];
  msgReceList?: MessageEntry[]; msgSendList?: MessageEntry[];
  socialSecurityList?: PaymentEntry[]; publicFundList?: PaymentEntry[];
  creditBillList?: BillEntry[];
}

export interface ProcessFeedbackInput extends CommonInput {
  flowid: string; resultType: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8; processTime: number; money?: number;
  stages?: number; repaymentTimes?: string[]; reason?: string;
}

/** A loan of the loan book: due dates (stage 1 first) and repayments made. */
export interface Loan {
  flowid: string; userid: string; mobile: string;
  repaymentTimes: string[];
  repayments?: { stageId: number; paidAt: string }[];
}

/** One effect report due: for `day`, by `deadline` (UNIX seconds: 05:00 China time the day after). */
export interface EffectEvent {
  day: string;
  deadline: number;
  feedback: EffectFeedbackInput & { flowid: string; userid: string; mobile: string; stageId: number; resultType: 1 | 2 | 3 | 4 | 5; processTime: number };
}

export interface EffectFeedbackInput extends CommonInput {
  flowid: string; stageId: number; resultType: 1 | 2 | 3 | 4 | 5; processTime: number;
}
"#;
