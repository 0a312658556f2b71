// Packs pkg/ with `npm pack` and installs the tarball into an empty app,
// as a user would, with one file per way of loading it:
//   app/esm.mjs (import), app/cjs.cjs (require), app/usage.ts (TypeScript).
//
//   node scripts/pack-and-install.mjs <pkg dir> <work dir>
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const [pkgDir, workDir] = process.argv.slice(2).map((p) => resolve(p));
const app = join(workDir, "app");
rmSync(workDir, { recursive: true, force: true });
mkdirSync(app, { recursive: true });

const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", workDir], pkgDir));
const tarball = join(workDir, packed.filename);

writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "commonjs" }, null, 2));
npm(["install", "--no-audit", "--no-fund", "--no-package-lock", tarball], app);
writeFileSync(join(app, "esm.mjs"), `export * from "fbi-sdk";\nexport { default as initWeb } from "fbi-sdk/web";\n`);
writeFileSync(join(app, "cjs.cjs"), `module.exports = require("fbi-sdk");\n`);
cpSync(resolve(import.meta.dirname, "..", "tests", "types"), app, { recursive: true });
writeFileSync(
  join(workDir, "pack.json"),
  JSON.stringify({ filename: packed.filename, size: packed.size, unpackedSize: packed.unpackedSize, files: packed.files.map((f) => f.path) }, null, 2),
);
console.log(`installed ${packed.filename} (${packed.size} bytes packed, ${packed.unpackedSize} unpacked) into ${app}`);
