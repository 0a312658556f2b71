// Hundreds of malformed values at every validator and builder: each gets
// issues or a clean FbiValidationError, never a throw from validate, never
// a trap (a trapped module stays dead, so the last check would fail).
import assert from "node:assert/strict";
import { test } from "node:test";
import { approveLoan, esm as api } from "./installed.mjs";

const throwing = Object.defineProperty({}, "boom", { enumerable: true, get: () => { throw new Error("getter"); } });
const cyclic = {};
cyclic.self = cyclic;
const hostileProxy = new Proxy({}, { ownKeys: () => { throw new Error("keys"); } });

const values = [
  undefined, null, true, false, 0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity,
  2 ** 53 + 1, Number.MAX_VALUE, Number.MIN_VALUE, 10n, Symbol("s"), () => 1, class {},
  "", " ", "\0", "\ud800", "a\udfffb", "x".repeat(1 << 20), "张".repeat(100_000),
  [], [null], [[[[]]]], {}, { toJSON: () => { throw new Error("toJSON"); } },
  throwing, cyclic, hostileProxy, new Date(0), /re/, new Map([[1, 2]]), new Uint8Array(4),
  Object.create(null), new String("boxed"), new Number(5),
];

const endpoints = [
  ["validateScoreQuery", "buildScoreQuery", { userid: "u", mobile: "13580211212", os: 1 }],
  ["validateDataSync", "buildDataSync", { userid: "u", mobile: "13580211212", processTime: 1513688850, phoneList: [{ m: "110" }] }],
  ["validateProcessFeedback", "buildProcessFeedback", approveLoan()],
  ["validateEffectFeedback", "buildEffectFeedback", { userid: "u", mobile: "13580211212", flowid: "f", stageId: 1, resultType: 1, processTime: 1513688850 }],
];

function checkOne(fbi, validate, build, input) {
  const issues = api[validate](input);
  assert.ok(Array.isArray(issues));
  for (const issue of issues) {
    assert.equal(typeof issue.path, "string");
    assert.equal(typeof issue.code, "string");
    assert.ok(issue.message.length > 0 && issue.message.length < 400, issue.message.slice(0, 80));
  }
  try {
    fbi[build](input);
    assert.equal(issues.length, 0, `${build} accepted what ${validate} rejected`);
  } catch (e) {
    assert.ok(e instanceof api.FbiValidationError, `${build} threw ${e}`);
    assert.ok(issues.length > 0);
  }
  return issues.length;
}

test("every field of every endpoint, and the input itself, given every bad value", () => {
  const fbi = new api.FbiClient({ appkey: "ak", secret: "s" });
  let tried = 0;
  for (const [validate, build, valid] of endpoints) {
    assert.equal(checkOne(fbi, validate, build, valid), 0, `${validate} fixture`);
    for (const value of values) {
      checkOne(fbi, validate, build, value);
      tried++;
      for (const field of Object.keys(valid)) {
        checkOne(fbi, validate, build, { ...valid, [field]: value });
        tried++;
      }
    }
  }
  assert.ok(tried > 1000, `tried ${tried}`);
  // Still alive and correct after all of that.
  assert.equal(fbi.buildProcessFeedback(approveLoan()).params.length, 12);
});

test("a list of a million bad entries: issues are capped, the module survives", () => {
  const callList = new Array(1_000_000).fill({ m: "1", t: "x" });
  const issues = api.validateDataSync({ userid: "u", mobile: "13580211212", processTime: 1513688850, callList });
  assert.equal(issues.length, 1000);
  assert.deepEqual(issues[0], { path: "callList[0].m", code: "invalid_phone", message: issues[0].message });
  assert.equal(api.validateEffectFeedback({}).length, 6);
});

test("a million valid entries build", () => {
  const fbi = new api.FbiClient({ appkey: "ak", secret: "s" });
  const phoneList = Array.from({ length: 1_000_000 }, (_, i) => ({ m: String(13000000000 + i) }));
  const req = fbi.buildDataSync({ userid: "u", mobile: "13580211212", processTime: 1513688850, phoneList });
  assert.equal(JSON.parse(new URLSearchParams(req.body).get("phoneList")).length, 1_000_000);
});

test("effectSchedule: every bad loan, date and option is an FbiValidationError", () => {
  const loan = { flowid: "f", userid: "u", mobile: "13580211212", repaymentTimes: ["20261130"] };
  assert.equal(api.effectSchedule(loan, "20261201").length, 1);
  let tried = 0;
  for (const value of values) {
    for (const call of [
      () => api.effectSchedule(value, "20261201"),
      () => api.effectSchedule(loan, value),
      () => api.effectSchedule(loan, "20261201", value),
      ...Object.keys(loan).map((k) => () => api.effectSchedule({ ...loan, [k]: value }, "20261201")),
    ]) {
      tried++;
      try {
        call();
      } catch (e) {
        assert.ok(e instanceof api.FbiValidationError, String(e));
      }
    }
  }
  assert.ok(tried > 250, `tried ${tried}`);
  assert.throws(() => api.effectSchedule(loan, "20261201", "20261101"), (e) => e.issues[0].path === "options");
  assert.equal(api.effectSchedule(loan, "20261201").length, 1, "still works");
});
