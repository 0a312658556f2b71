// The fbi CLI from the installed package, against real sandbox processes:
// a generated loan book sent in full, a job killed mid-run and started
// again, and malformed rows.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { appDir, esm as api, SECRET } from "./installed.mjs";
import { startSandbox } from "../../scripts/sandbox.mjs";

const FBI = join(appDir, "node_modules", ".bin", "fbi");
const LOANS = Number(process.env.FBI_CLI_LOANS ?? 2000);
const START = "20260801"; // the book's first day; the sandbox's clock starts there
const DAYS = 120;
const work = mkdtempSync(join(tmpdir(), "fbi-cli-"));

const day = (offset) => {
  const d = new Date(Date.UTC(2026, 7, 1 + offset));
  return d.toISOString().slice(0, 10).replaceAll("-", "");
};
const at = (offset, hhmmss = "100000") => `${day(offset)}${hhmmss}`;
const seconds = (offset) => Math.floor(Date.UTC(2026, 7, 1 + offset, 2) / 1000); // 10:00 China time

/** A seeded generator, so a failing book can be made again. */
function rng(seed) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/** Scores and approves `n` applicants in the sandbox, and returns their loan book. */
async function makeBook(sandbox, n, seed) {
  const fbi = new api.FbiClient({ appkey: "cli", secret: SECRET, baseUrl: sandbox.url, retryDelayMs: 1 });
  const random = rng(seed);
  const loans = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const applicant = { userid: `u${seed}-${i}`, mobile: `139${String(i).padStart(8, "0")}` };
      const { flowid } = await fbi.askScore({ ...applicant, os: 2 });
      const stages = 1 + Math.floor(random() * 3);
      const repaymentTimes = Array.from({ length: stages }, (_, s) => day(30 * (s + 1)));
      await fbi.processFeedback({ ...applicant, flowid, resultType: 2, processTime: seconds(0), money: 1000, stages, repaymentTimes });
      const repayments = [];
      repaymentTimes.forEach((_, s) => {
        const r = random();
        const due = 30 * (s + 1);
        if (r < 0.8) repayments.push({ stageId: s + 1, paidAt: at(due - Math.floor(random() * 5), "093000") });
        else if (r < 0.95) repayments.push({ stageId: s + 1, paidAt: at(due + 1 + Math.floor(random() * 10), "200000") });
        // else never repaid
      });
      loans[i] = { flowid, ...applicant, repaymentTimes, ...(repayments.length ? { repayments } : {}) };
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  return loans;
}

const run = promisify(execFile);
const env = (sandbox) => ({ ...process.env, FBI_APPKEY: "cli", FBI_SECRET: SECRET, FBI_BASE_URL: sandbox.url });
const effectKeys = (rows) => rows.map((r) => `${r.params.flowid}|${r.params.stageId}|${r.params.resultType}|${r.params.processTime}`);

describe(`a ${LOANS}-loan book over ${DAYS} days`, () => {
  let sandbox;
  let book;
  let expected;
  before(async () => {
    sandbox = await startSandbox(["--lender", `cli:${SECRET}`, "--now", at(0)]);
    const loans = await makeBook(sandbox, LOANS, 1);
    book = join(work, "book.jsonl");
    writeFileSync(book, loans.map((l) => JSON.stringify(l)).join("\n") + "\n");
    expected = loans.flatMap((l) => api.effectSchedule(l, day(DAYS - 1), { from: START }));
    await fetch(`${sandbox.url}/sandbox/clock?now=${at(DAYS)}`, { method: "POST" });
  });
  after(() => sandbox.stop());

  test("fbi due lists what effectSchedule gives, marking the late ones", async () => {
    const { stdout } = await run(FBI, ["due", "--loans", book, "--date", day(DAYS - 1), "--from", START, "--json"], { maxBuffer: 1 << 28 });
    const lines = stdout.trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(lines.length, expected.length);
    const key = (e) => `${e.day}|${e.feedback.flowid}|${e.feedback.stageId}|${e.feedback.resultType}`;
    assert.deepEqual(new Set(lines.map(key)), new Set(expected.map(key)));
    assert.ok(lines.every((l) => l.late === Date.now() / 1000 > l.deadline));
  });

  test("fbi send leaves nothing overdue and no report twice", async () => {
    const overdue = await (await fetch(`${sandbox.url}/sandbox/compliance?appkey=cli`)).json();
    assert.ok(overdue.overdue.length > 0, "before sending, reports are overdue");
    const { stdout } = await run(FBI, ["send", "--loans", book, "--date", day(DAYS - 1), "--from", START, "--concurrency", "16"], { env: env(sandbox) });
    assert.match(stdout, new RegExp(`^sent ${expected.length}, skipped 0 already sent, failed 0, invalid 0`, "m"));
    const compliance = await (await fetch(`${sandbox.url}/sandbox/compliance?appkey=cli`)).json();
    assert.deepEqual(compliance.overdue, []);
    const keys = effectKeys(await sandbox.requests("?endpoint=/api/feedback/effect&appkey=cli"));
    assert.equal(keys.length, expected.length);
    assert.equal(new Set(keys).size, keys.length, "no report twice");
    assert.equal(readFileSync(`${book}.journal`, "utf8").indexOf(SECRET), -1, "the journal holds no secret");
    // Run again: everything is in the journal, nothing is sent.
    const again = await run(FBI, ["send", "--loans", book, "--date", day(DAYS - 1), "--from", START], { env: env(sandbox) });
    assert.match(again.stdout, new RegExp(`^sent 0, skipped ${expected.length} already sent`, "m"));
  });
});

describe("a job killed mid-run", () => {
  let sandbox;
  before(async () => (sandbox = await startSandbox(["--lender", `cli:${SECRET}`, "--now", at(0)])));
  after(() => sandbox.stop());

  test("started again, it sends exactly what the journal lacks", async () => {
    const loans = await makeBook(sandbox, 300, 2);
    const book = join(work, "killed.jsonl");
    writeFileSync(book, loans.map((l) => JSON.stringify(l)).join("\n"));
    const total = loans.flatMap((l) => api.effectSchedule(l, day(DAYS - 1), { from: START })).length;
    const args = ["send", "--loans", book, "--date", day(DAYS - 1), "--from", START, "--concurrency", "4"];
    const child = spawn(FBI, args, { env: env(sandbox), stdio: "ignore" });
    const journal = `${book}.journal`;
    const lines = () => {
      try {
        return readFileSync(journal, "utf8").split("\n").filter(Boolean).length;
      } catch {
        return 0;
      }
    };
    while (lines() < total / 3) await new Promise((r) => setTimeout(r, 5));
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));
    const acknowledged = lines();
    assert.ok(acknowledged < total, "killed before the end");

    const { stdout } = await run(FBI, args, { env: env(sandbox) });
    const m = stdout.match(/^sent (\d+), skipped (\d+) already sent, failed 0, invalid 0/m);
    assert.ok(m, stdout);
    assert.equal(Number(m[2]), acknowledged, "every acknowledged report is skipped");
    assert.equal(Number(m[1]), total - acknowledged, "exactly the rest is sent");
    const keys = effectKeys(await sandbox.requests("?endpoint=/api/feedback/effect&appkey=cli"));
    assert.equal(new Set(keys).size, total, "every report arrived");
    assert.ok(keys.length - total <= 4, `only requests in flight at the kill may arrive twice (${keys.length - total})`);
  });
});

describe("a book with malformed rows", () => {
  let sandbox;
  before(async () => (sandbox = await startSandbox(["--lender", `cli:${SECRET}`, "--now", at(0)])));
  after(() => sandbox.stop());

  test("the bad rows are reported by line, the rest is sent", async () => {
    const [good] = await makeBook(sandbox, 1, 3);
    const csv = [
      "flowid,userid,mobile,repaymentTimes,repayments",
      `${good.flowid},${good.userid},${good.mobile},${good.repaymentTimes.join(";")},`,
      `bad flow,u,13580211212,${day(30)},`,
      `f2,u,135,${day(30)};${day(20)},1:${at(31)}`,
      "not,enough",
    ].join("\n");
    const book = join(work, "bad.csv");
    writeFileSync(book, csv);
    const result = await run(FBI, ["send", "--loans", book, "--date", day(40), "--from", START], { env: env(sandbox) }).catch((e) => e);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /bad\.csv:3: flowid invalid_id/);
    assert.match(result.stderr, /bad\.csv:4: mobile invalid_mobile/);
    assert.match(result.stderr, /bad\.csv:4: repaymentTimes\[1\] not_ascending/);
    assert.match(result.stderr, /bad\.csv:5: /);
    const asWritten = { flowid: good.flowid, userid: good.userid, mobile: good.mobile, repaymentTimes: good.repaymentTimes };
    const sent = api.effectSchedule(asWritten, day(40), { from: START }).length;
    assert.match(result.stdout, new RegExp(`^sent ${sent}, skipped 0 already sent, failed 0, invalid 3`, "m"));
    assert.ok(!(result.stdout + result.stderr).includes(SECRET));
  });

  test("fbi process and fbi sync send their files, with credentials from a config file", async () => {
    const fbi = new api.FbiClient({ appkey: "cli", secret: SECRET, baseUrl: sandbox.url });
    const { flowid } = await fbi.askScore({ userid: "p1", mobile: "13580211212", os: 1 });
    const config = join(work, "fbi.json");
    writeFileSync(config, JSON.stringify({ appkey: "cli", secret: SECRET, baseUrl: sandbox.url }));
    const decisions = join(work, "decisions.jsonl");
    writeFileSync(decisions, [
      JSON.stringify({ userid: "p1", mobile: "13580211212", flowid, resultType: 1, processTime: seconds(0), reason: "资料不全" }),
      JSON.stringify({ userid: "p1", mobile: "13580211212", flowid, resultType: 2, processTime: seconds(0) }),
    ].join("\n"));
    const bare = { ...process.env, FBI_APPKEY: "", FBI_SECRET: "", FBI_BASE_URL: "" };
    const processed = await run(FBI, ["process", "--file", decisions, "--config", config], { env: bare }).catch((e) => e);
    assert.equal(processed.code, 1, "the second decision is invalid");
    assert.match(processed.stderr, /decisions\.jsonl:2: money required/);
    assert.match(processed.stdout, /^sent 1, skipped 0 already sent, failed 0, invalid 1/m);
    const data = join(work, "data.json");
    writeFileSync(data, JSON.stringify({ userid: "p1", mobile: "13580211212", processTime: seconds(0), phoneList: [{ n: "张三", m: "15611111111" }] }));
    const synced = await run(FBI, ["sync", "--file", data, "--config", config], { env: bare });
    assert.match(synced.stdout, /^sent 1, skipped 0 already sent, failed 0, invalid 0/m);
    const rows = await sandbox.requests(`?appkey=cli&flowid=${flowid}&endpoint=/api/feedback/process`);
    assert.equal(rows.length, 1);
    assert.equal((await sandbox.requests("?appkey=cli&endpoint=/api/data/synch")).length, 1);
  });

  test("bad flags are usage errors, checked before anything is read or sent", async () => {
    const book = join(work, "empty.jsonl");
    writeFileSync(book, "");
    for (const args of [
      ["due", "--loans", book, "--date", "20261301"],
      ["due", "--loans", book, "--date", "20261201", "--from", "2026"],
      ["send", "--loans", book, "--date", "20261201", "--concurrency", "many"],
      ["send", "--loans", book, "--date", "20261201", "--concurrency", "0"],
    ]) {
      const result = await run(FBI, args, { env: env(sandbox) }).catch((e) => e);
      assert.equal(result.code, 2, args.join(" "));
      assert.match(result.stderr, /^fbi: /);
    }
  });

  test("fbi sync takes a pretty-printed JSON file", async () => {
    const data = join(work, "pretty.json");
    const input = { userid: "pretty", mobile: "13580211212", processTime: seconds(0), phoneList: [{ m: "15611111111" }] };
    writeFileSync(data, JSON.stringify(input, null, 2));
    const synced = await run(FBI, ["sync", "--file", data], { env: env(sandbox) });
    assert.match(synced.stdout, /^sent 1, skipped 0 already sent, failed 0, invalid 0/m);
  });

  test("--dry-run sends nothing and never prints the secret", async () => {
    const [loan] = await makeBook(sandbox, 1, 4);
    const book = join(work, "dry.jsonl");
    writeFileSync(book, JSON.stringify(loan));
    const before = (await sandbox.requests("?endpoint=/api/feedback/effect")).length;
    const { stdout, stderr } = await run(FBI, ["send", "--loans", book, "--date", day(DAYS), "--from", START, "--dry-run", "--secret", SECRET], { env: env(sandbox) });
    assert.ok(stdout.trim().split("\n").length > 0);
    assert.match(stderr, /dry run: \d+ to send, nothing sent/);
    assert.ok(!(stdout + stderr).includes(SECRET));
    assert.equal((await sandbox.requests("?endpoint=/api/feedback/effect")).length, before);
  });
});
