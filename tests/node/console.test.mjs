// The console in real headless Chromium against a sandbox serving it: the
// flows a lender's staff use, found by labels and button texts as people
// find them. Screenshots of each state go to target/screenshots/.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import { esm as api } from "./installed.mjs";
import { startSandbox } from "../../scripts/sandbox.mjs";

const root = resolve(import.meta.dirname, "..", "..");
const shots = join(root, "target", "screenshots");
mkdirSync(shots, { recursive: true });
let sandbox;
let browser;
let page;

before(async () => {
  // A fixed business clock, so plans in 2027 are never overdue, whatever the real date.
  sandbox = await startSandbox(["--www", join(root, "www"), "--pkg", join(root, "pkg"), "--now", "20261204100000"]);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(sandbox.url);
  await page.waitForSelector("body[data-ready=true]");
  await page.getByRole("button", { name: /demo lender/ }).click();
});

after(async () => {
  await browser?.close();
  await sandbox?.stop();
});

const shot = (name, locator) => (locator ?? page).screenshot({ path: join(shots, `${name}.png`) });
const button = (name) => page.getByRole("button", { name });

test("score an applicant and carry the flowid into the feedback forms", async () => {
  await page.getByLabel("userid 用户标识").first().fill("1530728");
  await page.locator("#score-mobile").fill("13580211212");
  await page.locator("#score-os").selectOption("2");
  await button(/Send Score inquiry/).click();
  await page.waitForSelector("#score-flowid");
  const flowid = await page.textContent("#score-flowid");
  assert.match(flowid, /^[0-9a-f]{32}$/);
  assert.match(await page.textContent("#score .badge"), /high|medium|low/);
  await shot("score-result", page.locator("#score"));
  await button(/Use this flowid/).click();
  assert.equal(await page.inputValue("#process-flowid"), flowid);
  assert.equal(await page.inputValue("#effect-flowid"), flowid);
});

test("a mistake is shown at its field and blocks sending; fixed, it is sent", async () => {
  const plan = page.getByLabel(/repaymentTimes/);
  await page.locator("#process-processTime").fill("1796349600"); // 2026-12-04 10:00 China time
  await page.getByLabel(/^money/).fill("3000");
  await page.getByLabel(/^stages/).fill("3");
  await plan.fill("20270105;20270205");
  assert.match(await page.textContent("#process-repaymentTimes-issue"), /one date per instalment/);
  assert.equal(await page.getAttribute("#process-repaymentTimes", "aria-invalid"), "true");
  assert.ok(await button(/Send Process feedback/).isDisabled());
  await shot("process-issue", page.locator("#process"));
  // The reason field only applies to other decisions.
  assert.ok(await page.locator("#process-reason").isHidden());
  await plan.fill("20270105;20270205;20270305");
  assert.equal(await page.textContent("#process-repaymentTimes-issue"), "");
  await page.locator("#process-preview summary").click();
  // The preview is built when it opens (its toggle event comes a task later).
  await page.waitForFunction(() => document.querySelector("#process-preview-body").textContent.includes("repaymentTimes"));
  assert.match(await page.textContent("#process-preview-body"), /\[20270105;20270205;20270305\]/);
  await button(/Send Process feedback/).click();
  await page.waitForFunction(() => document.querySelector("#process-result").textContent.includes("success"));
  const flowid = await page.inputValue("#process-flowid");
  assert.match(await page.textContent("#history-table tbody"), new RegExp(`/api/feedback/process${flowid}0 success1`));
  const rows = await sandbox.requests(`?endpoint=/api/feedback/process&flowid=${flowid}`);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].params.repaymentTimes, "[20270105;20270205;20270305]");
  await shot("process-sent", page.locator("#process"));
});

test("sign on the server: requests go out with no secret in the page", async () => {
  await page.locator("#sign-on-server").check();
  assert.equal(await page.inputValue("#secret"), "");
  assert.ok(await page.locator("#secret").isDisabled());
  await page.locator("#score-userid").fill("server-signed");
  await page.locator("#score-mobile").fill("13580211212");
  await button(/Send Score inquiry/).click();
  await page.waitForFunction(() => document.querySelector("#score-result").textContent.includes("flowid"));
  const flowid = await page.textContent("#score-flowid");
  assert.equal((await sandbox.requests(`?flowid=${flowid}`)).length, 1);
  await page.locator("#sign-on-server").uncheck();
  await page.getByRole("button", { name: /demo lender/ }).click();
});

test("importing a CSV reports its bad row by line", async () => {
  await page.locator("#sync-userid").fill("1530728");
  await page.locator("#sync-mobile").fill("13580211212");
  const csv = join(tmpdir(), "calls.csv");
  writeFileSync(csv, "n,m,t\n张三,15611111111,20261120120000\n李四,15611111112,20261131120000\n王五,110,20261120130000\n");
  await page.locator("#import-callList").setInputFiles(csv);
  await page.waitForFunction(() => document.querySelector("#import-callList-summary").textContent.includes("3 rows"));
  assert.match(await page.textContent("#sync-issues"), /callList line 3: callList\[1\]\.t must be a real date and time/);
  assert.ok(await button(/Send Data sync/).isDisabled());
  await shot("import-bad-row", page.locator("#sync"));
  // Fixed, the import is sent as the callLIst parameter.
  const fixed = join(tmpdir(), "calls-fixed.csv");
  writeFileSync(fixed, "n,m,t\n张三,15611111111,20261120120000\n李四,15611111112,20261130120000\n王五,110,20261120130000\n");
  await page.locator("#import-callList").setInputFiles(fixed);
  await page.waitForFunction(() => document.querySelector("#sync-issues").textContent === "");
  await button(/Send Data sync/).click();
  await page.waitForFunction(() => document.querySelector("#sync-result").textContent.includes("success"));
  const [row] = await sandbox.requests("?endpoint=/api/data/synch");
  assert.equal(JSON.parse(row.params.callLIst).length, 3);
  assert.equal(JSON.parse(row.params.callLIst)[0].n, "张三");
});

test("due today matches effectSchedule, and sending them all stores every report", async () => {
  const fbi = new api.FbiClient({ appkey: "demo", secret: "demo-secret", baseUrl: sandbox.url });
  // Score all first: once a plan's reports fall overdue, the sandbox stops scoring.
  const loans = [];
  for (let i = 0; i < 3; i++) {
    const applicant = { userid: `due-${i}`, mobile: "13580211212" };
    const { flowid } = await fbi.askScore({ ...applicant, os: 1 });
    loans.push({ flowid, ...applicant, repaymentTimes: ["20261120", "20261204"], ...(i === 0 ? { repayments: [{ stageId: 2, paidAt: "20261204093000" }] } : {}) });
  }
  for (const { flowid, userid, mobile } of loans) {
    await fbi.processFeedback({ userid, mobile, flowid, resultType: 2, processTime: 1793498400, money: 100, stages: 2, repaymentTimes: ["20261120", "20261204"] });
  }
  const book = join(tmpdir(), "book.jsonl");
  writeFileSync(book, `${loans.map((l) => JSON.stringify(l)).join("\n")}\nnot json\n`);
  await page.getByLabel(/asOf/).fill("20261204");
  await page.locator("#loanbook").setInputFiles(book);
  const expected = loans.flatMap((l) => api.effectSchedule(l, "20261204"));
  await page.waitForFunction((n) => document.querySelectorAll("#due-table tbody tr").length === n, expected.length);
  assert.match(await page.textContent("#due-errors"), /line 4: not JSON/);
  const shown = await page.$$eval("#due-table tbody tr", (trs) => trs.map((tr) => [...tr.cells].slice(0, 5).map((c) => c.textContent).join("|")));
  const want = expected.map((e) => [e.day, e.feedback.flowid, e.feedback.stageId, e.feedback.resultType].join("|"));
  assert.deepEqual(shown.map((s) => s.split("|").filter((_, i) => i !== 1).join("|")), want);
  await shot("due-today", page.locator("#due"));
  await button(/Send all due reports/).click();
  await page.waitForFunction(() => [...document.querySelectorAll("#due-table tbody tr td:nth-child(6)")].every((td) => td.textContent === "sent"));
  await shot("due-sent", page.locator("#due"));
  const stored = await sandbox.requests("?endpoint=/api/feedback/effect");
  for (const e of expected) {
    assert.ok(stored.some((r) => r.params.flowid === e.feedback.flowid && r.params.stageId === String(e.feedback.stageId) && r.params.resultType === String(e.feedback.resultType)), JSON.stringify(e));
  }
  assert.deepEqual(page.errors, []);
});

test("due today works from the loans approved in this session, with no file", async () => {
  const flowid = await page.inputValue("#process-flowid");
  await page.getByLabel(/asOf/).fill("20270106");
  await button(/loans approved in this session/).click();
  await page.waitForFunction((f) => document.querySelector("#due-table tbody").textContent.includes(f), flowid);
  const rows = await page.$$eval("#due-table tbody tr", (trs) => trs.map((tr) => [...tr.cells].slice(0, 5).map((c) => c.textContent)));
  assert.deepEqual(rows.filter((r) => r[2] === flowid).map((r) => [r[0], r[3], r[4]]), [["20270106", "1", "5"]]);
});

test("the Content-Security-Policy stops an injected inline script; names are text, not HTML", async () => {
  const ran = await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.__injected = true";
    document.body.append(s);
    return window.__injected === true;
  });
  assert.equal(ran, false);
  const csv = join(tmpdir(), "contacts.csv");
  writeFileSync(csv, 'n,m\n"<img src=x id=xss>",15611111111\n');
  await page.locator("#import-phoneList").setInputFiles(csv);
  await page.waitForFunction(() => document.querySelector("#import-phoneList-summary").textContent.includes("1 rows"));
  assert.equal(await page.locator("#xss").count(), 0);
  assert.match(await page.textContent("#import-phoneList-summary"), /<img src=x id=xss>/);
});

test("the secret stays out of the page, the history and localStorage", async () => {
  const text = await page.evaluate(() => document.body.innerText + JSON.stringify(localStorage) + document.querySelector("#history").innerHTML);
  assert.ok(!text.includes("demo-secret"));
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, "not kept unless the user opts in");
  await shot("console", page);
});
