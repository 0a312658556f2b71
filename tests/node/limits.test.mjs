// The sandbox under more than it takes: requests past the in-flight limit
// are refused at once with 503, and a client that stalls, in its headers or
// its body, loses its connection instead of holding it for ever.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { test } from "node:test";
import { startSandbox } from "../../scripts/sandbox.mjs";

test("past the in-flight limit, requests are refused cleanly and at once", async () => {
  const sandbox = await startSandbox(["--max-inflight", "2", "--delay-rate", "1", "--delay-ms", "1500"]);
  try {
    const post = async () => {
      const started = Date.now();
      const res = await fetch(`${sandbox.url}/api/ask/score`, { method: "POST", body: "x=1" });
      return { status: res.status, body: await res.json(), ms: Date.now() - started };
    };
    const answers = await Promise.all([post(), post(), post()]);
    const refused = answers.filter((a) => a.status === 503);
    assert.equal(refused.length, 1, JSON.stringify(answers));
    assert.equal(refused[0].body.code, 5000);
    assert.match(refused[0].body.desc, /overloaded/);
    assert.ok(refused[0].ms < 1000, `refused after ${refused[0].ms} ms`);
    assert.deepEqual(answers.filter((a) => a.status !== 503).map((a) => a.status), [504, 504]);
  } finally {
    await sandbox.stop();
  }
});

test("a client that stalls mid-body gets 408 and its connection closed", async () => {
  const sandbox = await startSandbox(["--request-timeout-ms", "300"]);
  try {
    const { hostname, port } = new URL(sandbox.url);
    const started = Date.now();
    const answer = await new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write("POST /api/ask/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nappkey=");
      });
      let data = "";
      socket.on("data", (c) => (data += c));
      socket.on("close", () => resolve(data));
      socket.on("error", reject);
      setTimeout(() => socket.destroy(), 5000);
    });
    assert.match(answer, /^HTTP\/1\.1 408/);
    assert.ok(Date.now() - started < 3000, "answered within the timeout, not at the test's own");
  } finally {
    await sandbox.stop();
  }
});

test("a client that stalls before its headers end loses the connection", async () => {
  const sandbox = await startSandbox(["--request-timeout-ms", "300"]);
  try {
    const { hostname, port } = new URL(sandbox.url);
    const started = Date.now();
    await new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write("POST /api/ask/score HTTP/1.1\r\nHost: x\r\n"));
      socket.on("close", resolve);
      socket.on("error", resolve);
      setTimeout(() => reject(new Error("still open after 5 s")), 5000);
    });
    assert.ok(Date.now() - started < 3000, `closed after ${Date.now() - started} ms`);
  } finally {
    await sandbox.stop();
  }
});
