// Types of fbi-sdk/lite: the main entry's builders and validators, without
// sending (`send`, `askScore`, …) or `effectSchedule`.
export {
  FbiClient,
  validateScoreQuery,
  validateDataSync,
  validateProcessFeedback,
  validateEffectFeedback,
  memoryBytes,
} from "./fbi_sdk.js";
export type {
  Issue,
  IssueCode,
  SignedRequest,
  FbiClientOptions,
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
} from "./fbi_sdk.js";
export { FbiValidationError } from "../errors.js";
