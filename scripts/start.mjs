#!/usr/bin/env node
// `npm start`: build the extension, then run the API on the embedded libSQL file and say how to
// load the extension and sign in. One command for a new user; Ctrl+C stops it.
import { spawn, spawnSync } from "node:child_process";
import { apiNodeArgs } from "../apps/api/launch.mjs";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.PORT ?? "8787";
const host = process.env.HOST ?? "127.0.0.1";
const dbUrl = process.env.LEADPANE_DB_URL ?? "file:data/leadpane.db";
const signup = process.env.LEADPANE_SIGNUP ?? "open";
// The address the extension is built to offer, and the banner prints: the one this server listens
// on (a wildcard host is reached as 127.0.0.1, which the extension may call without asking).
const serverUrl = `http://${["0.0.0.0", "::", ""].includes(host) ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host}:${port}`;

console.log("Building the extension (Chrome and Firefox)…");
const build = spawnSync("npm", ["run", "build", "-w", "@leadpane/extension"], {
  cwd: root,
  env: { ...process.env, WXT_LEADPANE_SERVER_URL: serverUrl },
  stdio: ["ignore", "ignore", "inherit"],
});
if (build.status !== 0) {
  console.error("The extension build failed (see above).");
  process.exit(build.status ?? 1);
}
const chromeDir = resolve(root, "apps/extension/.output/chrome-mv3");
const firefoxDir = resolve(root, "apps/extension/.output/firefox-mv3");
if (!existsSync(resolve(chromeDir, "manifest.json"))) {
  console.error(`No built extension at ${chromeDir}`);
  process.exit(1);
}

const api = spawn(process.execPath, apiNodeArgs(resolve(root, "apps/api/src/index.ts")), {
  cwd: root,
  env: { ...process.env, PORT: port, HOST: host, LEADPANE_DB_URL: dbUrl, LEADPANE_SIGNUP: signup },
  stdio: ["ignore", "pipe", "inherit"],
});

let announced = false;
api.stdout.setEncoding("utf8");
api.stdout.on("data", (chunk) => {
  for (const line of chunk.split("\n")) {
    if (!line.trim()) continue;
    let entry = null;
    try {
      entry = JSON.parse(line);
    } catch {
      // a plain line (e.g. the setup token): show it as is
    }
    if (entry?.msg === "listening" && !announced) {
      announced = true;
      announce(entry.url);
    } else if (!entry || entry.level === "error" || process.env.LEADPANE_VERBOSE) {
      console.log(line);
    }
  }
});
api.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => api.kill(sig));

function announce(listening) {
  // The API reports where it actually listens; the extension was built for serverUrl. They agree
  // unless the port was taken over in between, which must not pass silently.
  const url = serverUrl;
  if (new URL(listening).port !== new URL(serverUrl).port)
    console.error(
      `The API listens at ${listening}, but the extension was built for ${serverUrl}: type the former in its settings.`,
    );
  const text = `
Leadpane is running.

  API          ${url}   (database: ${dbUrl}, sign-up: ${signup})
  Extension    ${chromeDir}
               (Firefox build: ${firefoxDir})

Load the extension:
  Chrome/Edge  open chrome://extensions, turn on Developer mode, click "Load unpacked"
               and choose the Extension folder above.
  Firefox      open about:debugging#/runtime/this-firefox → "Load Temporary Add-on…"
               and choose manifest.json in the Firefox build folder.

Sign in:
  Open Leadpane's settings (right-click the toolbar icon → Options), keep Server URL
  ${url}, then "Create a workspace" (you become its owner) — or "Join your team"
  with an invite code a teammate created under Settings → Members.${
    signup === "closed"
      ? "\n  Sign-up is closed: creating the first workspace needs the setup token printed above."
      : ""
  }

Then open any company or profile page and click the Leadpane icon to capture.
Press Ctrl+C to stop.
`;
  console.log(text);
}
