// The installed package in a real Chromium page: the plain `fbi-sdk/web`
// entry with init(), and the main entry through an import map, as a page
// without a bundler would use them.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { after, before, test } from "node:test";
import { build } from "esbuild";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";
import { appDir, approveLoan } from "./installed.mjs";

const pkgRoot = join(appDir, "node_modules", "fbi-sdk");
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

const pages = {
  "/web.html": `<script type="module">
    import init, { FbiClient, FbiValidationError, validateProcessFeedback } from "/fbi-sdk/web/index.js";
    await Promise.all([init(), init()]);
    await init();
    const fbi = new FbiClient({ appkey: "ak", secret: "s3cret" });
    const req = fbi.buildProcessFeedback(${JSON.stringify(approveLoan())});
    let error;
    try { fbi.buildProcessFeedback({}); } catch (e) { error = { isClass: e instanceof FbiValidationError, name: e.name, n: e.issues.length }; }
    window.result = { signature: req.signature, body: req.body, same: req.body === new URLSearchParams(req.params).toString(),
                      error, issues: validateProcessFeedback({ money: NaN }).map((i) => i.path + ":" + i.code) };
  </script>`,
  "/lite.html": `<script type="importmap">{"imports": {"fbi-sdk/lite": "/fbi-sdk/lite/index.js"}}</script>
  <script type="module">
    import { FbiClient } from "fbi-sdk/lite";
    const fbi = new FbiClient({ appkey: "ak", secret: "s3cret" });
    window.result = { signature: fbi.buildProcessFeedback(${JSON.stringify(approveLoan())}).signature, sends: typeof fbi.send };
  </script>`,
  "/bundler.html": `<script type="importmap">{"imports": {"fbi-sdk": "/fbi-sdk/bundler.js"}}</script>
  <script type="module">
    import { FbiClient } from "fbi-sdk";
    window.result = { signature: new FbiClient({ appkey: "ak", secret: "s3cret" }).buildProcessFeedback(${JSON.stringify(approveLoan())}).signature };
  </script>`,
};

// An app bundled by esbuild for browsers, as a back-office UI would be: it
// resolves `fbi-sdk` through the `browser` condition. esbuild does not copy
// assets named by `new URL(…, import.meta.url)`, so the wasm is copied beside
// the bundle, as a build step would.
const bundleDir = mkdtempSync(join(tmpdir(), "fbi-bundle-"));
async function bundleApp() {
  const entry = join(appDir, "bundled-app.mjs");
  writeFileSync(entry, `import { FbiClient } from "fbi-sdk";
    window.result = { signature: new FbiClient({ appkey: "ak", secret: "s3cret" }).buildProcessFeedback(${JSON.stringify(approveLoan())}).signature };`);
  await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "browser", target: "es2022", outfile: join(bundleDir, "app.js"), logLevel: "error" });
  copyFileSync(join(pkgRoot, "web", "fbi_sdk_bg.wasm"), join(bundleDir, "fbi_sdk_bg.wasm"));
  pages["/bundled.html"] = `<script type="module" src="/bundle/app.js"></script>`;
}

let server;
let browser;
let origin;

before(async () => {
  await bundleApp();
  server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    if (pages[path]) return res.writeHead(200, { "content-type": "text/html" }).end(pages[path]);
    if (path.startsWith("/bundle/")) {
      const file = join(bundleDir, normalize(path.slice("/bundle/".length)));
      if (!file.startsWith(bundleDir)) return res.writeHead(403).end();
      return res.writeHead(200, { "content-type": TYPES[extname(file)] }).end(await readFile(file));
    }
    if (!path.startsWith("/fbi-sdk/")) return res.writeHead(404).end();
    const file = join(pkgRoot, normalize(path.slice("/fbi-sdk/".length)));
    if (!file.startsWith(pkgRoot)) return res.writeHead(403).end();
    try {
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function resultOf(path) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(origin + path);
  await page.waitForFunction(() => window.result, null, { timeout: 10_000 }).catch(() => {});
  const result = await page.evaluate(() => window.result);
  await page.close();
  assert.deepEqual(errors, []);
  return result;
}

test("a plain page: fbi-sdk/web, init() called three times", async () => {
  const r = await resultOf("/web.html");
  assert.equal(r.signature, "0eda07d833ef5c22bc14b8b5f64beeee");
  assert.ok(r.same, "body equals the browser's URLSearchParams");
  assert.deepEqual(r.error, { isClass: true, name: "FbiValidationError", n: 5 });
  assert.ok(r.issues.includes("money:invalid_type"), r.issues);
});

test("fbi-sdk/lite in a browser: ready on import, the same signature, no sending", async () => {
  const r = await resultOf("/lite.html");
  assert.deepEqual(r, { signature: "0eda07d833ef5c22bc14b8b5f64beeee", sends: "undefined" });
});

test("the main entry in a browser: ready on import (top-level await)", async () => {
  const r = await resultOf("/bundler.html");
  assert.equal(r.signature, "0eda07d833ef5c22bc14b8b5f64beeee");
});

test("an app bundled by esbuild for browsers", async () => {
  const r = await resultOf("/bundled.html");
  assert.equal(r.signature, "0eda07d833ef5c22bc14b8b5f64beeee");
});
