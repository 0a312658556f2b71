// Sending through the packed package to a real sandbox process: every
// endpoint end to end, the platform's refusals, and retries under faults.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { esm as api, SECRET } from "./installed.mjs";
import { postRaw, startSandbox } from "../../scripts/sandbox.mjs";

const LENDER = `lender1:${SECRET}`;
const now = () => Math.floor(Date.now() / 1000);
// Plans are checked against the decision's day and the sandbox's clock, so
// both are fixed: the tests pass on any real date.
const DECIDED = 1796090400; // 2026-12-01 10:00 China time
const applicant = { userid: "u-1530728", mobile: "13580211212" };
const client = (sandbox, options = {}) =>
  new api.FbiClient({ appkey: "lender1", secret: SECRET, baseUrl: sandbox.url, retryDelayMs: 1, ...options });

describe("a sandbox without faults", () => {
  let sandbox;
  before(async () => (sandbox = await startSandbox(["--lender", LENDER, "--now", "20261201100000"])));
  after(() => sandbox.stop());

  test("score, decide, repay and sync, end to end", async () => {
    const fbi = client(sandbox);
    const score = await fbi.askScore({ ...applicant, os: 2, idcard: "11010519491231002X" });
    assert.match(score.flowid, /^[0-9a-f]{32}$/);
    assert.equal(score.code, 0);
    assert.equal(score.risk, score.score >= 8000 ? "high" : score.score >= 4000 ? "medium" : "low");
    const again = await fbi.askScore({ ...applicant, os: 2, idcard: "11010519491231002X" });
    assert.equal(again.score, score.score, "the sandbox's score is deterministic");

    const decided = await fbi.processFeedback({
      ...applicant, flowid: score.flowid, resultType: 2, processTime: DECIDED, money: 3000, stages: 2,
      repaymentTimes: ["20270105", "20270205"],
    });
    assert.deepEqual(decided, { code: 0, desc: "success" });
    await fbi.processFeedback({ ...applicant, flowid: again.flowid, resultType: 1, processTime: now(), reason: "重复申请" });
    assert.equal((await fbi.effectFeedback({ ...applicant, flowid: score.flowid, stageId: 1, resultType: 1, processTime: now() })).code, 0);
    const sync = await fbi.dataSync({
      ...applicant, processTime: now(),
      phoneList: [{ n: "张三", m: "156-1111-1111" }],
      creditBillList: [{ t1: "20261123", j: 2602.5 }],
    });
    assert.equal(sync.code, 0);

    const rows = await sandbox.requests(`?flowid=${score.flowid}`);
    assert.deepEqual(rows.map((r) => r.endpoint), ["/api/ask/score", "/api/feedback/process", "/api/feedback/effect"]);
    assert.equal(rows[1].params.repaymentTimes, "[20270105;20270205]");
  });

  test("send() re-signs a built request, so an old build is not stale", async () => {
    const fbi = client(sandbox);
    const req = fbi.buildScoreQuery({ ...applicant, os: 1, timestamp: Date.now() - 3_600_000, random: "42" });
    assert.equal((await postRaw(req)).code, 2003, "sent as built, it is an hour old");
    const answer = await fbi.send(req);
    assert.equal(answer.code, 0);
  });

  test("the platform's refusals: tampering, stale time, replay, unknown appkey", async () => {
    const fbi = client(sandbox);
    const req = fbi.buildScoreQuery({ ...applicant, os: 1 });
    assert.equal((await postRaw(req, req.body.replace("userid=u-1530728", "userid=u-9"))).code, 2001);
    assert.equal((await postRaw(req)).code, 0);
    assert.equal((await postRaw(req)).code, 2004);
    const stranger = new api.FbiClient({ appkey: "nobody", secret: "x", baseUrl: sandbox.url });
    await assert.rejects(stranger.askScore({ ...applicant, os: 1 }), (e) => e instanceof api.FbiApiError && e.code === 2002);
  });

  test("a refusal is an FbiApiError and is never retried", async () => {
    const attempts = [];
    const fbi = client(sandbox, { retries: 5, debug: (a) => attempts.push(a) });
    await assert.rejects(
      fbi.effectFeedback({ ...applicant, flowid: "0000", stageId: 1, resultType: 5, processTime: now() }),
      (e) => e instanceof api.FbiApiError && e.name === "FbiApiError" && e.code === 3001 && e.desc === "unknown flowid" && e.status === 200,
    );
    assert.equal(attempts.length, 1);
    assert.equal(attempts[0].outcome, "refused");
  });

  test("a signer signs each attempt in place of a secret", async () => {
    const { createHash } = await import("node:crypto");
    const asked = [];
    // The lender's backend would hold the secret; here a function stands in for it.
    const signer = async (stringToSign) => {
      asked.push(stringToSign);
      return createHash("md5").update(`${stringToSign}&key=${SECRET}`).digest("hex");
    };
    const fbi = new api.FbiClient({ appkey: "lender1", signer, baseUrl: sandbox.url });
    const score = await fbi.askScore({ ...applicant, os: 3 });
    assert.equal(score.code, 0);
    assert.equal(asked.length, 1);
    assert.match(asked[0], /^appkey=lender1&mobile=13580211212&random=\d+&timestamp=\d+&userid=u-1530728$/);
    assert.throws(() => fbi.buildScoreQuery({ ...applicant, os: 3 }), (e) => e instanceof api.FbiValidationError && e.issues[0].path === "secret");
    const wrong = new api.FbiClient({ appkey: "lender1", signer: async () => "0".repeat(32), baseUrl: sandbox.url });
    await assert.rejects(wrong.askScore({ ...applicant, os: 3 }), (e) => e instanceof api.FbiApiError && e.code === 2001);
    const broken = new api.FbiClient({ appkey: "lender1", signer: async () => "not hex", baseUrl: sandbox.url });
    await assert.rejects(broken.askScore({ ...applicant, os: 3 }), TypeError);
    const failing = new api.FbiClient({ appkey: "lender1", signer: async () => { throw new RangeError("backend down"); }, baseUrl: sandbox.url });
    await assert.rejects(failing.askScore({ ...applicant, os: 3 }), (e) => e instanceof RangeError && e.message === "backend down");
  });

  test("invalid input is refused before anything is sent", async () => {
    const before = (await sandbox.requests()).length;
    const fbi = client(sandbox);
    await assert.rejects(fbi.processFeedback({ ...applicant, flowid: "f", resultType: 2, processTime: now() }), api.FbiValidationError);
    await assert.rejects(fbi.send({ endpoint: "/api/other", params: [] }), api.FbiValidationError);
    await assert.rejects(fbi.send({ endpoint: "/api/ask/score", params: [["os", "9"]] }), api.FbiValidationError);
    // One pair that is not two texts, even of an optional field: none of
    // the params is read, rather than the rest being sent without it.
    const built = fbi.buildScoreQuery({ ...applicant, os: 1, industry: "finance" });
    const tampered = built.params.map(([n, v]) => (n === "industry" ? [n, 1] : [n, v]));
    await assert.rejects(fbi.send({ ...built, params: tampered }), api.FbiValidationError);
    assert.equal((await sandbox.requests()).length, before);
  });
});

describe("a sandbox that fails, stalls and drops", () => {
  let sandbox;
  before(async () => {
    sandbox = await startSandbox([
      "--lender", LENDER, "--fail-rate", "0.2", "--delay-rate", "0.05", "--delay-ms", "1500",
      "--drop-rate", "0.05", "--fault-seed", "7",
    ]);
  });
  after(() => sandbox.stop());

  test("every report lands; each attempt is signed afresh", async () => {
    const attempts = [];
    const fbi = client(sandbox, { retries: 10, timeoutMs: 300, debug: (a) => attempts.push(a) });
    const score = await fbi.askScore({ ...applicant, os: 1 });
    await fbi.processFeedback({ ...applicant, flowid: score.flowid, resultType: 1, processTime: now() });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fbi.effectFeedback({ ...applicant, flowid: score.flowid, stageId: i + 1, resultType: 5, processTime: now() }),
      ),
    );
    assert.ok(results.every((r) => r.code === 0));
    const outcomes = attempts.map((a) => a.outcome);
    assert.ok(outcomes.includes("retry"), "faults were injected");
    assert.ok(attempts.some((a) => a.error?.includes("no answer within 300 ms")), "a timeout was retried");
    const signed = attempts.map((a) => a.stringToSign);
    assert.equal(new Set(signed).size, signed.length, "no two attempts signed the same");

    const rows = await sandbox.requests(`?endpoint=/api/feedback/effect&flowid=${score.flowid}`);
    const stages = new Set(rows.map((r) => r.params.stageId));
    assert.equal(stages.size, 40, "every stage stored");
    const randoms = rows.map((r) => r.params.random);
    assert.equal(new Set(randoms).size, rows.length, "stored rows carry distinct nonces");
    assert.ok(rows.length > 40, "drops after store show up as extra rows, each signed afresh");
  });
});

describe("answers that are not the platform's", () => {
  let server;
  let url;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url.startsWith("/html/")) return res.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>");
      if (req.url.startsWith("/cut/")) {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"code":0,');
        return setTimeout(() => res.destroy(), 5);
      }
      res.writeHead(503).end("busy");
    });
    await new Promise((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => server.close());

  const score = (baseUrl, attempts) =>
    new api.FbiClient({ appkey: "ak", secret: SECRET, baseUrl, retries: 2, retryDelayMs: 1, debug: (a) => attempts.push(a) })
      .askScore({ ...applicant, os: 1 });

  test("a non-JSON answer is a clear error, not retried", async () => {
    const attempts = [];
    await assert.rejects(score(`${url}/html`, attempts), (e) => e instanceof api.FbiNetworkError && e.attempts === 1 && /not the platform's JSON/.test(e.message));
    assert.equal(attempts.length, 1);
  });

  test("a truncated answer and HTTP 5xx are retried, then an FbiNetworkError", async () => {
    for (const path of ["/cut", "/busy"]) {
      const attempts = [];
      await assert.rejects(score(`${url}${path}`, attempts), (e) => e instanceof api.FbiNetworkError && e.attempts === 3 && e.cause instanceof Error);
      assert.equal(attempts.length, 3);
    }
  });

  test("the debug hook never sees the secret", async () => {
    const attempts = [];
    await assert.rejects(score(`${url}/busy`, attempts));
    assert.equal(attempts.length, 3);
    assert.ok(!JSON.stringify(attempts).includes(SECRET));
  });
});
