// The packed package loads the ways users load it, with no init call.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { appDir, approveLoan, cjs, esm } from "./installed.mjs";

const API = [
  "FbiClient",
  "FbiValidationError",
  "FbiApiError",
  "FbiNetworkError",
  "validateScoreQuery",
  "validateDataSync",
  "validateProcessFeedback",
  "validateEffectFeedback",
  "effectSchedule",
  "memoryBytes",
];

test("import and require give the whole API, ready to use", () => {
  for (const api of [esm, cjs]) {
    for (const name of API) assert.equal(typeof api[name], "function", name);
    const fbi = new api.FbiClient({ appkey: "ak", secret: "s3cret" });
    assert.equal(fbi.buildProcessFeedback(approveLoan()).signature, "0eda07d833ef5c22bc14b8b5f64beeee");
    assert.ok(api.memoryBytes() >= 65536 && api.memoryBytes() % 65536 === 0, "whole wasm pages");
  }
});

test("import and require share one instance, so instanceof works across them", () => {
  assert.equal(esm.FbiValidationError, cjs.FbiValidationError);
  assert.equal(esm.FbiClient, cjs.FbiClient);
  const fbi = new cjs.FbiClient({ appkey: "ak", secret: "s" });
  assert.throws(() => fbi.buildProcessFeedback({}), esm.FbiValidationError);
});

test("the errors are real Error subclasses with a name", () => {
  for (const [Class, name] of [
    [esm.FbiValidationError, "FbiValidationError"],
    [esm.FbiApiError, "FbiApiError"],
    [esm.FbiNetworkError, "FbiNetworkError"],
  ]) {
    const e = new Class("m");
    assert.ok(e instanceof Error);
    assert.equal(e.name, name);
    assert.ok(e.stack.includes(name));
  }
});

test("the exports map names types first, node, browser, ./web and the wasm", () => {
  const pkg = JSON.parse(readFileSync(join(appDir, "node_modules", "fbi-sdk", "package.json"), "utf8"));
  const main = pkg.exports["."];
  assert.equal(Object.keys(main)[0], "types");
  assert.deepEqual(main.node, { import: "./node/index.mjs", require: "./node/index.cjs" });
  assert.equal(main.browser, "./bundler.js");
  assert.equal(pkg.exports["./web"].default, "./web/index.js");
  assert.equal(pkg.exports["./fbi_sdk_bg.wasm"], "./web/fbi_sdk_bg.wasm");
});

test("the fbi command is installed as a bin", async () => {
  const { execFileSync } = await import("node:child_process");
  const out = execFileSync(join(appDir, "node_modules", ".bin", "fbi"), ["help"], { encoding: "utf8" });
  assert.match(out, /fbi send --loans BOOK --date yyyyMMdd/);
});

test("fbi-sdk/web resolves to an init() that may be called again", async () => {
  // In Node the web entry loads the wasm from bytes; a browser fetches it.
  const wasm = readFileSync(join(appDir, "node_modules", "fbi-sdk", "web", "fbi_sdk_bg.wasm"));
  const first = esm.initWeb(wasm);
  assert.equal(esm.initWeb(wasm), first, "a second call returns the same promise");
  await first;
  await esm.initWeb();
});

test("fbi-sdk/lite builds, validates and signs as the main entry does, and sends nothing", async () => {
  // Resolved from the app, by the exports map's `node` condition.
  const path = createRequire(join(appDir, "package.json")).resolve("fbi-sdk/lite");
  assert.ok(path.endsWith(join("lite", "node.mjs")), path);
  const lite = await import(pathToFileURL(path).href);
  const { FbiClient } = esm;
  const options = { appkey: "ak", secret: "s3cret", signScope: "all" };
  const full = new FbiClient(options).buildProcessFeedback(approveLoan());
  assert.deepEqual(new lite.FbiClient(options).buildProcessFeedback(approveLoan()), full);
  assert.deepEqual(lite.validateProcessFeedback({ money: NaN }), esm.validateProcessFeedback({ money: NaN }));
  assert.throws(() => new lite.FbiClient(options).buildProcessFeedback({}), lite.FbiValidationError);
  for (const method of ["send", "askScore", "dataSync", "processFeedback", "effectFeedback"]) {
    assert.equal(typeof lite.FbiClient.prototype[method], "undefined", method);
  }
  assert.equal(lite.effectSchedule, undefined);
  const pkg = JSON.parse(readFileSync(join(appDir, "node_modules", "fbi-sdk", "package.json"), "utf8"));
  assert.deepEqual(Object.keys(pkg.exports["./lite"]), ["types", "node", "default"]);
});

