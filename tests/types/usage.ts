// Compiled with `tsc --noEmit` against the installed package: the types a
// back-office app sees must describe the real API, with no `any`.
import {
  FbiClient,
  FbiValidationError,
  effectSchedule,
  validateProcessFeedback,
  type EffectEvent,
  type Loan,
  type Issue,
  type IssueCode,
  type ProcessFeedbackInput,
  type SignedRequest,
} from "fbi-sdk";
import init, { FbiClient as WebClient } from "fbi-sdk/web";
import { FbiClient as LiteClient, FbiValidationError as LiteValidationError } from "fbi-sdk/lite";

const fbi = new FbiClient({ appkey: "ak", secret: "s", signScope: "all", baseUrl: "http://127.0.0.1:8787" });

const decision: ProcessFeedbackInput = {
  userid: "1530728",
  mobile: "13580211212",
  flowid: "096daf24ba7544b8b738059367678cf4",
  resultType: 2,
  processTime: 1509465600,
  money: 700,
  stages: 1,
  repaymentTimes: ["20171201"],
};

const issues: Issue[] = validateProcessFeedback({ anything: "goes in" });
const codes: IssueCode[] = issues.map((i) => i.code);

try {
  const req: SignedRequest = fbi.buildProcessFeedback(decision);
  const pairs: [string, string][] = req.params;
  const hex: string = req.signature + req.stringToSign + req.body + req.url + req.endpoint + pairs.length;
  void hex;
} catch (e) {
  if (e instanceof FbiValidationError) {
    const first: Issue | undefined = e.issues[0];
    void first;
  }
}

async function inBrowser(): Promise<void> {
  await init();
  await init(new URL("https://cdn.example/fbi_sdk_bg.wasm"));
  const client = new WebClient({ appkey: "ak", secret: "s", cipher: (sts, key) => `${sts}|${key}` });
  client.buildEffectFeedback({ userid: "u", mobile: "13580211212", flowid: "f", stageId: 1, resultType: 5, processTime: 1509465600 });
}

// @ts-expect-error resultType 9 is not a decision
fbi.buildProcessFeedback({ ...decision, resultType: 9 });
// @ts-expect-error signScope is "common" or "all"
new FbiClient({ appkey: "ak", secret: "s", signScope: "everything" });

const loan: Loan = { flowid: "f", userid: "u", mobile: "13580211212", repaymentTimes: ["20261130"], repayments: [{ stageId: 1, paidAt: "20261201093000" }] };
const events: EffectEvent[] = effectSchedule(loan, "20261201", { from: "20261101" });
async function nightly(): Promise<number> {
  let sent = 0;
  for (const e of events) {
    const answer = await fbi.effectFeedback(e.feedback);
    sent += answer.code === 0 ? 1 : 0;
  }
  const score = await fbi.askScore({ userid: "u", mobile: "13580211212", os: 3 });
  const band: "high" | "medium" | "low" = score.risk;
  void band;
  return sent;
}

void codes;
void nightly;
void inBrowser;

// fbi-sdk/lite builds and signs, and has no sending methods.
const lite = new LiteClient({ appkey: "ak", secret: "s" });
const built: SignedRequest = lite.buildProcessFeedback(decision);
// @ts-expect-error the lite client does not send
void lite.processFeedback(decision);
void built;
void LiteValidationError;

