// Starts a real fbi-sandbox process on a free loopback port (for tests),
// and stops it afterwards. As a script it runs a command beside one:
//
//   node scripts/sandbox.mjs [sandbox flags…] -- command args…
//
// with FBI_SANDBOX_URL set for the command.
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";

export const SANDBOX_BIN = resolve(import.meta.dirname, "..", "target", "release", "fbi-sandbox");

/** Resolves once the sandbox prints its URL; `stop()` ends it. The
 *  database is in memory unless `args` name one with `--db`. */
export function startSandbox(args = []) {
  const db = args.includes("--db") ? [] : ["--db", ":memory:"];
  const child = spawn(SANDBOX_BIN, ["--port", "0", ...db, "--quiet", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolvePromise, reject) => {
    let out = "";
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`fbi-sandbox exited with ${code} before listening`)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        child.removeAllListeners("exit");
        resolvePromise({
          url: m[1],
          child,
          async requests(query = "") {
            return (await fetch(`${m[1]}/sandbox/requests${query}`)).json();
          },
          stop() {
            child.kill("SIGTERM");
            return new Promise((done) => (child.exitCode !== null ? done() : child.on("exit", done)));
          },
        });
      }
    });
  });
}

/** Posts a built request's body as it is, with no re-signing. */
export async function postRaw(req, body = req.body) {
  const res = await fetch(req.url, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  return res.json();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const split = process.argv.indexOf("--");
  if (split < 0) {
    console.error("usage: node scripts/sandbox.mjs [sandbox flags…] -- command args…");
    process.exit(2);
  }
  const sandbox = await startSandbox(process.argv.slice(2, split));
  const [command, ...args] = process.argv.slice(split + 1);
  const run = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, FBI_SANDBOX_URL: sandbox.url } });
  await sandbox.stop();
  process.exit(run.status ?? 1);
}
