// The package as installed from its tarball by scripts/pack-and-install.mjs:
// once through `import`, once through `require`.
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const appDir = resolve(import.meta.dirname, "..", "..", "target", "npm-test", "app");
export const esm = await import(pathToFileURL(join(appDir, "esm.mjs")).href);
export const cjs = createRequire(join(appDir, "package.json"))("./cjs.cjs");

/** Both ways of loading, to run one suite against each. */
export const builds = [
  ["import", esm],
  ["require", cjs],
];

/** A valid approve-loan decision (PROTOCOL.md §6). */
export const approveLoan = () => ({
  userid: "1530728",
  mobile: "13580211212",
  timestamp: 1513688850127,
  random: "111",
  flowid: "096daf24ba7544b8b738059367678cf4",
  resultType: 2,
  processTime: 1509465600,
  money: 700,
  stages: 3,
  repaymentTimes: ["20171101", "20171201", "20180101"],
});

export const SECRET = "TOP-SECRET-4242";
