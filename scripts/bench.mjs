#!/usr/bin/env node
// `npm run bench`: runs every `bench/*.bench.ts` of every workspace, one after another (the machine
// has 2 cores; benchmarks in parallel would measure each other). Each prints its own figures and
// ratios against a baseline measured in the same run. `npm run bench -- push` runs only matching files.
import { spawnSync } from "node:child_process";
import { readdirSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const filter = process.argv[2] ?? "";
const roots = ["packages", "apps"]
  .flatMap((dir) => readdirSync(join(root, dir)).map((name) => join(root, dir, name)))
  .concat([join(root, "test")]);
const files = roots
  .map((dir) => join(dir, "bench"))
  .filter((dir) => existsSync(dir))
  .flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".bench.ts"))
      .map((f) => join(dir, f)),
  )
  .filter((file) => relative(root, file).includes(filter))
  .sort();

if (!files.length) {
  console.log("No benchmarks found.");
  process.exit(0);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${relative(root, file)} ===`);
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", file], {
    cwd: dirname(dirname(file)),
    stdio: "inherit",
  });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
