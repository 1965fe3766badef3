import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { findChromium } from "../support/chromium.ts";
import { EXTENSION_DIR } from "../support/extension.ts";

/**
 * What every Chromium bench does first: without a Chromium it says so and ends as skipped; without
 * the e2e build of the extension it builds it.
 */
export function prepareChromiumBench(name: string): void {
  if (!findChromium()) {
    console.log(`${name} skipped: no Chromium (set CHROME_PATH)`);
    process.exit(0);
  }
  if (!existsSync(resolve(EXTENSION_DIR, "manifest.json")))
    spawnSync("npm", ["run", "build:e2e", "-w", "@leadpane/extension"], {
      cwd: resolve(dirname(fileURLToPath(import.meta.url)), "../.."),
      stdio: "inherit",
    });
}

// tsx compiles with keepNames, which wraps named functions in a `__name` helper the browser does
// not have: define it (as source text, so it is not itself compiled) wherever code is evaluated.
export const NAME_SHIM = "globalThis.__name = (f) => f";
