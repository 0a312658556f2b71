// The fault soak: 10,000 effect reports sent with the CLI to a sandbox that
// answers 20 % of requests 500, lets 10 % time out and drops 5 % of answers
// after storing the request. Nothing may be lost, every duplicate must be a
// dropped answer's, and the journal must agree with the sandbox.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { appDir, esm as api, SECRET } from "./installed.mjs";
import { startSandbox } from "../../scripts/sandbox.mjs";

const FBI = join(appDir, "node_modules", ".bin", "fbi");
const REPORTS = Number(process.env.FBI_SOAK_REPORTS ?? 10000);
const run = promisify(execFile);
let sandbox;

before(async () => {
  sandbox = await startSandbox([
    "--lender", `soak:${SECRET}`, "--now", "20261201100000",
    "--fail-rate", "0.2", "--delay-rate", "0.1", "--delay-ms", "1000", "--drop-rate", "0.05", "--fault-seed", "11",
  ]);
});
after(() => sandbox.stop());

test(`${REPORTS} reports through faults: none lost, duplicates explained, journal equal to the sandbox`, async () => {
  const fbi = new api.FbiClient({ appkey: "soak", secret: SECRET, baseUrl: sandbox.url, retries: 20, retryDelayMs: 1, timeoutMs: 300 });
  const applicant = { userid: "soak", mobile: "13580211212" };
  const { flowid } = await fbi.askScore({ ...applicant, os: 1 });
  await fbi.processFeedback({ ...applicant, flowid, resultType: 1, processTime: 1796090400 });

  // Distinct reports: 360 stages a day, one day after another.
  const day0 = Date.UTC(2026, 0, 1) / 1000 - 8 * 3600;
  const reports = Array.from({ length: REPORTS }, (_, i) => ({
    ...applicant, flowid, stageId: 1 + (i % 360), resultType: 5, processTime: day0 + 86400 * Math.floor(i / 360),
  }));
  const work = mkdtempSync(join(tmpdir(), "fbi-soak-"));
  const file = join(work, "reports.jsonl");
  writeFileSync(file, reports.map((r) => JSON.stringify(r)).join("\n"));
  const env = { ...process.env, FBI_APPKEY: "soak", FBI_SECRET: SECRET, FBI_BASE_URL: sandbox.url };
  const args = ["send", "--file", file, "--concurrency", "32", "--timeout-ms", "300", "--retries", "20", "--retry-delay-ms", "1"];
  const { stdout } = await run(FBI, args, { env, maxBuffer: 1 << 24 });
  assert.match(stdout, new RegExp(`^sent ${REPORTS}, skipped 0 already sent, failed 0, invalid 0`, "m"));

  const key = (p) => [p.flowid, p.stageId, p.resultType, p.processTime].join("|");
  const rows = (await sandbox.requests("?endpoint=/api/feedback/effect&appkey=soak")).filter((r) => r.params.flowid === flowid);
  const byKey = new Map();
  for (const r of rows) byKey.set(key(r.params), [...(byKey.get(key(r.params)) ?? []), r]);
  assert.equal(byKey.size, REPORTS, "every report stored at least once");
  let duplicates = 0;
  for (const [k, stored] of byKey) {
    duplicates += stored.length - 1;
    const dropped = stored.filter((r) => r.dropped).length;
    assert.ok(dropped >= stored.length - 1, `${k}: ${stored.length} rows, ${dropped} of them dropped answers`);
  }
  const journal = readFileSync(`${file}.journal`, "utf8").trim().split("\n").map((l) => JSON.parse(l).key);
  const wanted = new Set(reports.map((r) => `effect|${r.flowid}|${r.stageId}|${r.resultType}|${new Date((r.processTime + 8 * 3600) * 1000).toISOString().slice(0, 10).replaceAll("-", "")}`));
  assert.deepEqual(new Set(journal), wanted, "the journal's view is the sandbox's");
  assert.equal(journal.length, REPORTS, "each report journalled once");
  const dropped = rows.filter((r) => r.dropped).length;
  console.log(`# soak: ${REPORTS} reports, ${rows.length} rows stored, ${duplicates} duplicates, ${dropped} dropped answers`);
});
