// Compiled with `tsc --noEmit` against the installed package: the types a
// back-office app sees must describe the real API, with no `any`.
import {
  FbiClient,
  FbiValidationError,
  validateProcessFeedback,
  type Issue,
  type IssueCode,
  type ProcessFeedbackInput,
  type SignedRequest,
} from "fbi-sdk";
import init, { FbiClient as WebClient } from "fbi-sdk/web";

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

void codes;
void inBrowser;
