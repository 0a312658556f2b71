// The sandbox killed with SIGKILL under load keeps every request it
// acknowledged; and neither its database nor its log ever holds a secret.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { esm as api, SECRET } from "./installed.mjs";
import { SANDBOX_BIN, startSandbox } from "../../scripts/sandbox.mjs";
import { spawn } from "node:child_process";

const applicant = { userid: "durable", mobile: "13580211212" };

test("killed under load, the sandbox keeps every request it acknowledged", async () => {
  const dir = mkdtempSync(join(tmpdir(), "fbi-durable-"));
  const db = join(dir, "fbi.sqlite");
  const first = await startSandbox(["--lender", `dur:${SECRET}`, "--now", "20261201100000", "--db", db]);
  const fbi = new api.FbiClient({ appkey: "dur", secret: SECRET, baseUrl: first.url, retries: 0, timeoutMs: 2000 });
  const { flowid } = await fbi.askScore({ ...applicant, os: 1 });
  await fbi.processFeedback({ ...applicant, flowid, resultType: 1, processTime: 1796090400 });

  const acknowledged = new Set();
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (!killed) {
      const stageId = 1 + (next % 360);
      const processTime = 1796090400 + 86400 * Math.floor(next++ / 360);
      try {
        await fbi.effectFeedback({ ...applicant, flowid, stageId, resultType: 5, processTime });
        acknowledged.add(`${stageId}|${processTime}`);
      } catch {
        // in flight at the kill: not acknowledged, may or may not be stored
      }
    }
  };
  const load = Array.from({ length: 16 }, worker);
  while (acknowledged.size < 1500) await new Promise((r) => setTimeout(r, 5));
  first.child.kill("SIGKILL");
  killed = true;
  await Promise.all(load);
  await new Promise((r) => (first.child.exitCode !== null || first.child.signalCode ? r() : first.child.on("exit", r)));

  const second = await startSandbox(["--lender", `dur:${SECRET}`, "--db", db]);
  try {
    const rows = await second.requests(`?endpoint=/api/feedback/effect&flowid=${flowid}`);
    const stored = new Set(rows.map((r) => `${r.params.stageId}|${r.params.processTime}`));
    const lost = [...acknowledged].filter((k) => !stored.has(k));
    assert.deepEqual(lost, [], `${acknowledged.size} acknowledged, ${stored.size} stored`);
  } finally {
    await second.stop();
  }
});

test("the secret is in neither the sandbox's database nor its log", async () => {
  const dir = mkdtempSync(join(tmpdir(), "fbi-scan-"));
  const child = spawn(SANDBOX_BIN, ["--port", "0", "--db", join(dir, "fbi.sqlite"), "--lender", `scan:${SECRET}:all`], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (c) => (log += c));
  child.stderr.on("data", (c) => (log += c));
  while (!/listening on/.test(log)) await new Promise((r) => setTimeout(r, 10));
  const url = log.match(/http:\/\/127\.0\.0\.1:\d+/)[0];
  const fbi = new api.FbiClient({ appkey: "scan", secret: SECRET, baseUrl: url, signScope: "all" });
  const { flowid } = await fbi.askScore({ ...applicant, os: 1 });
  await fbi.processFeedback({ ...applicant, flowid, resultType: 1, processTime: Math.floor(Date.now() / 1000) });
  await assert.rejects(new api.FbiClient({ appkey: "scan", secret: "wrong", baseUrl: url }).askScore({ ...applicant, os: 1 }));
  await fetch(`${url}/sandbox/sign?appkey=scan`, { method: "POST", body: "appkey=scan" });
  child.kill("SIGTERM");
  await new Promise((r) => child.on("exit", r));
  assert.match(log, /POST \/api\/ask\/score -> 0/, "the log was written");
  const files = readdirSync(dir).map((f) => readFileSync(join(dir, f)));
  assert.ok(files.length >= 1);
  for (const bytes of [...files, Buffer.from(log)]) assert.equal(bytes.indexOf(SECRET), -1);
});
