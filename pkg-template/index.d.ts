// Types of the package's main entry (Node and bundlers alike).
export {
  FbiClient,
  validateScoreQuery,
  validateDataSync,
  validateProcessFeedback,
  validateEffectFeedback,
  effectSchedule,
  memoryBytes,
} from "./web/fbi_sdk.js";
export type {
  Issue,
  IssueCode,
  SignedRequest,
  FbiClientOptions,
  AttemptTrace,
  FbiResponse,
  ScoreResponse,
  CommonInput,
  ScoreQueryInput,
  DataSyncInput,
  ProcessFeedbackInput,
  EffectFeedbackInput,
  ContactEntry,
  CallEntry,
  MessageEntry,
  PaymentEntry,
  BillEntry,
  Loan,
  EffectEvent,
} from "./web/fbi_sdk.js";
export { FbiValidationError, FbiApiError, FbiNetworkError } from "./errors.js";
