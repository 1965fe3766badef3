import { existsSync } from "node:fs";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/opt/google/chrome/chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/** The Chromium to drive: `CHROME_PATH`, then Debian's, then the usual Chrome places; null if none. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** Whether end-to-end tests must run (CI sets REQUIRE_E2E=1): a missing browser then fails them. */
const E2E_REQUIRED = process.env.REQUIRE_E2E === "1";

/** Why e2e tests are skipped, or null when they run. Throws when they are required but cannot run. */
export function e2eSkipReason(): string | null {
  if (findChromium()) return null;
  const reason = "no Chromium found (set CHROME_PATH, or apt-get install chromium)";
  if (E2E_REQUIRED) throw new Error(`REQUIRE_E2E=1 but ${reason}`);
  console.warn(`[e2e] skipped: ${reason}`);
  return reason;
}
