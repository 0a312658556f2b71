// `make bench`: the package against what a lender would write by hand, in
// one process, contenders taking turns each round; medians of the rounds.
// Prints a table and writes bench/results.json.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import md5js from "js-md5";
import * as sdk from "../pkg/node/index.mjs";
import { startSandbox } from "../scripts/sandbox.mjs";
import { sizes } from "../scripts/size.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const root = resolve(import.meta.dirname, "..");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = { machine: `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, Node ${process.version}`, rounds: ROUNDS };

// ---- inputs: a seeded generator --------------------------------------
function rng(seed) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}
const random = rng(42);
const han = () => String.fromCharCode(0x4e00 + Math.floor(random() * 20000));
const name = () => han() + han() + han();
const phone = () => `1${3 + Math.floor(random() * 7)}${String(Math.floor(random() * 1e9)).padStart(9, "0")}`;
const datetime = () => `201711${String(1 + Math.floor(random() * 28)).padStart(2, "0")}${String(Math.floor(random() * 24)).padStart(2, "0")}${String(Math.floor(random() * 60)).padStart(2, "0")}00`;
const bigSync = {
  userid: "1530728",
  mobile: "13580211212",
  processTime: 1513688850,
  phoneList: Array.from({ length: 2000 }, () => ({ n: name(), m: phone() })),
  callList: Array.from({ length: 20000 }, () => ({ n: name(), m: phone(), t: datetime() })),
  msgReceList: Array.from({ length: 5000 }, () => ({ n: name(), m: phone(), t: datetime(), c: Array.from({ length: 40 }, han).join("") })),
};
const approveLoan = {
  userid: "1530728", mobile: "13580211212", flowid: "096daf24ba7544b8b738059367678cf4", resultType: 2,
  processTime: 1509465600, money: 700, stages: 3, repaymentTimes: ["20171101", "20171201", "20180101"],
};

// ---- the plain-JS baseline: same wire format, rules as far as regexes go --
const MOBILE = /^1[3-9]\d{9}$/;
const DATETIME = /^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])[0-5]\d[0-5]\d$/;
const DATE = /^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;
const listPhone = (m) => {
  const d = m.replace(/[\s\-().]/g, "").replace(/^(\+86|0086)/, "");
  if (!/^\d{3,20}$/.test(d)) throw new Error("phone");
  return d;
};
function baselineSign(params, secret, md5, scope) {
  const covered = params.filter(([n, v]) => v !== "" && (scope === "all" || ["appkey", "mobile", "random", "timestamp", "userid"].includes(n)));
  covered.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const sts = covered.map(([n, v]) => `${n}=${v}`).join("&");
  return { sts, signature: md5(`${sts}&key=${secret}`) };
}
function baselineRequest(common, own, md5, scope) {
  if (!MOBILE.test(common.mobile) || !common.userid) throw new Error("common");
  const params = [["appkey", "ak"], ["timestamp", String(Date.now())], ["random", "1234567890123456"], ["userid", common.userid], ["mobile", common.mobile], ...own];
  const { sts, signature } = baselineSign(params, "s3cret", md5, scope);
  params.splice(3, 0, ["signature", signature]);
  return { params, body: new URLSearchParams(params).toString(), signature, stringToSign: sts };
}
function baselineDataSync(input, md5) {
  const contact = (e) => (e.n ? { n: e.n, m: listPhone(e.m) } : { m: listPhone(e.m) });
  const call = (e) => {
    if (!DATETIME.test(e.t)) throw new Error("t");
    return { ...contact(e), t: e.t };
  };
  const message = (e) => {
    if (!e.c || e.c.length > 2000) throw new Error("c");
    return { ...call(e), c: e.c };
  };
  const own = [
    ["processTime", String(input.processTime)],
    ["phoneList", JSON.stringify(input.phoneList.map(contact))],
    ["callLIst", JSON.stringify(input.callList.map(call))],
    ["msgReceList", JSON.stringify(input.msgReceList.map(message))],
  ];
  return baselineRequest(input, own, md5, "all");
}
function baselineProcess(input, md5) {
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(input.flowid) || !(input.resultType >= 1 && input.resultType <= 8)) throw new Error("form");
  if (input.repaymentTimes.length !== input.stages || !input.repaymentTimes.every((d) => DATE.test(d))) throw new Error("plan");
  const own = [
    ["flowid", input.flowid], ["resultType", String(input.resultType)], ["processTime", String(input.processTime)],
    ["money", String(input.money)], ["stages", String(input.stages)], ["repaymentTimes", `[${input.repaymentTimes.join(";")}]`],
  ];
  return baselineRequest(input, own, md5, "common");
}
const nodeMd5 = (s) => createHash("md5").update(s, "utf8").digest("hex");
const pureMd5 = (s) => md5js(s);

// ---- the package -----------------------------------------------------
const fbi = new sdk.FbiClient({ appkey: "ak", secret: "s3cret", signScope: "all" });
const fbiCommon = new sdk.FbiClient({ appkey: "ak", secret: "s3cret" });

/** Times each contender once per round, in turn; returns medians (ms). */
function race(contenders, warmup = 2) {
  const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let r = -warmup; r < ROUNDS; r++) {
    for (const [k, f] of Object.entries(contenders)) {
      const t = performance.now();
      f();
      if (r >= 0) times[k].push(performance.now() - t);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

// Same output, before timing anything.
const ours = fbi.buildDataSync({ ...bigSync, timestamp: 1513688850127, random: "1" });
const theirs = baselineDataSync(bigSync, nodeMd5);
if (new URLSearchParams(ours.body).get("callLIst") !== new URLSearchParams(theirs.body).get("callLIst")) throw new Error("the baseline encodes differently");
results.bodyBytes = ours.body.length;

// 1. big data sync
const big = race({
  package: () => fbi.buildDataSync(bigSync),
  "plain JS + node:crypto": () => baselineDataSync(bigSync, nodeMd5),
  "plain JS + js-md5": () => baselineDataSync(bigSync, pureMd5),
});
results.bigSync = { ms: big, ratio: big.package / big["plain JS + node:crypto"] };

// 2. small feedback, operations per second
const N = 2000;
const small = race({
  package: () => { for (let i = 0; i < N; i++) fbiCommon.buildProcessFeedback(approveLoan); },
  "plain JS + node:crypto": () => { for (let i = 0; i < N; i++) baselineProcess(approveLoan, nodeMd5); },
  "plain JS + js-md5": () => { for (let i = 0; i < N; i++) baselineProcess(approveLoan, pureMd5); },
});
const perSecond = Object.fromEntries(Object.entries(small).map(([k, ms]) => [k, (N / ms) * 1000]));
results.smallFeedback = { perSecond, ratio: perSecond.package / perSecond["plain JS + node:crypto"] };

// 5. memory: after one big sync, and after 100 more (after a full garbage
// collection each time when run with --expose-gc, as `make bench` does)
globalThis.gc?.();
results.memory = { afterOne: { wasm: sdk.memoryBytes(), rss: process.memoryUsage().rss } };
for (let i = 0; i < 100; i++) fbi.buildDataSync(bigSync);
globalThis.gc?.();
results.memory.afterHundred = { wasm: sdk.memoryBytes(), rss: process.memoryUsage().rss };
results.memory.wasmPerBody = results.memory.afterHundred.wasm / results.bodyBytes;

// 4. start-up: import to the first built request, in fresh processes
const startup = [];
for (let i = 0; i < 5; i++) {
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", `
    const t = performance.now();
    const { FbiClient } = await import(${JSON.stringify(join(root, "pkg/node/index.mjs"))});
    new FbiClient({ appkey: "ak", secret: "s" }).buildProcessFeedback(${JSON.stringify(approveLoan)});
    console.log(performance.now() - t);`], { encoding: "utf8" });
  startup.push(Number(child.stdout));
}
results.startupMs = median(startup);

// 3. sending: effect feedbacks to a sandbox on loopback, concurrency 32
// A file database, as in use: an in-memory one would grow with every row.
const sandbox = await startSandbox(["--lender", "bench:bench-secret", "--db", join(mkdtempSync(join(tmpdir(), "fbi-bench-")), "bench.sqlite")]);
try {
  const client = new sdk.FbiClient({ appkey: "bench", secret: "bench-secret", baseUrl: sandbox.url });
  const applicant = { userid: "bench", mobile: "13580211212" };
  const { flowid } = await client.askScore({ ...applicant, os: 1 });
  await client.processFeedback({ ...applicant, flowid, resultType: 1, processTime: Math.floor(Date.now() / 1000) });
  const total = Number(process.env.BENCH_SENDS ?? 20000);
  const rss = () => Number(readFileSync(`/proc/${sandbox.child.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1]) * 1024;
  const latencies = [];
  let errors = 0;
  const rssBefore = rss();
  let rssHalfway = 0;
  let next = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (next < total) {
      next++;
      const started = performance.now();
      try {
        await client.effectFeedback({ ...applicant, flowid, stageId: 1 + (next % 360), resultType: 5, processTime: Math.floor(Date.now() / 1000) });
      } catch {
        errors++;
      }
      latencies.push(performance.now() - started);
      if (latencies.length === total / 2) rssHalfway = rss();
    }
  }));
  latencies.sort((a, b) => a - b);
  results.sending = {
    requests: total,
    errors,
    perSecond: total / ((performance.now() - t) / 1000),
    p50Ms: latencies[Math.floor(latencies.length * 0.5)],
    p99Ms: latencies[Math.floor(latencies.length * 0.99)],
    sandboxRss: { before: rssBefore, halfway: rssHalfway, after: rss() },
  };
} finally {
  await sandbox.stop();
}

// 6. size
results.size = sizes("pkg");

// ---- report ---------------------------------------------------------------
const f = (x, d = 1) => x.toFixed(d);
const lines = [
  `machine: ${results.machine}; ${ROUNDS} rounds, medians`,
  "",
  "| measure | package | plain JS + node:crypto | plain JS + js-md5 | ratio (package / node:crypto) | target |",
  "|---|---|---|---|---|---|",
  `| big data sync (${f(results.bodyBytes / 1e6)} MB body), ms | ${f(big.package)} | ${f(big["plain JS + node:crypto"])} | ${f(big["plain JS + js-md5"])} | ${f(results.bigSync.ratio, 2)}× | ≤ 0.6× |`,
  `| small feedback, builds/s | ${f(perSecond.package, 0)} | ${f(perSecond["plain JS + node:crypto"], 0)} | ${f(perSecond["plain JS + js-md5"], 0)} | ${f(results.smallFeedback.ratio, 2)}× | ≥ 1.0× |`,
  "",
  `| measure | value | target |`,
  `|---|---|---|`,
  `| sending ${results.sending.requests} effect feedbacks, concurrency 32 (client + sandbox) | ${f(results.sending.perSecond, 0)} req/s, p50 ${f(results.sending.p50Ms)} ms, p99 ${f(results.sending.p99Ms)} ms, ${results.sending.errors} errors | ≥ 2,000 req/s |`,
  `| sandbox RSS before / halfway / after the sending | ${[results.sending.sandboxRss.before, results.sending.sandboxRss.halfway, results.sending.sandboxRss.after].map((b) => f(b / 2 ** 20)).join(" / ")} MiB | flat |`,
  `| start-up: import to first request | ${f(results.startupMs)} ms | < 30 ms |`,
  `| wasm memory after 1 / 101 big syncs | ${f(results.memory.afterOne.wasm / 2 ** 20)} / ${f(results.memory.afterHundred.wasm / 2 ** 20)} MiB (${f(results.memory.wasmPerBody, 2)}× the body) | flat; < 4× the body |`,
  `| process RSS after 1 / 101 big syncs | ${f(results.memory.afterOne.rss / 2 ** 20)} / ${f(results.memory.afterHundred.rss / 2 ** 20)} MiB | flat |`,
  ...results.size.map((s) => `| size: ${s.part} | ${f(s.raw / 1024)} KB raw, ${f(s.gzip / 1024)} KB ${s.tgz ? "tgz" : "gzip -9"} | ${s.part.includes("wasm + JS glue") ? "< 64 KB gzip" : ""} |`),
];
console.log(lines.join("\n"));
writeFileSync(join(root, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
