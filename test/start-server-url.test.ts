import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./support/api-process.ts";
import { SHIPPED_EXTENSION_DIR } from "./support/extension.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Every built script of the shipped Chrome extension, as text. */
function builtScripts(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js")) files.push(readFileSync(path, "utf8"));
    }
  };
  walk(SHIPPED_EXTENSION_DIR);
  return files.join("\n");
}

/**
 * `npm start` on another port builds an extension whose sign-in offers that port, and its banner
 * prints the same address (a new user once saw 8787 in the extension and another port in the banner).
 */
describe("npm start's server address", () => {
  let child: ChildProcess | null = null;
  const dir = mkdtempSync(join(tmpdir(), "leadpane-start-"));
  afterAll(() => {
    child?.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
    // Leave the shipped build as `npm run build` makes it (the documented default address).
    spawnSync("npm", ["run", "build", "-w", "@leadpane/extension"], { cwd: root, stdio: "ignore" });
  });

  it("builds the extension for the port the banner prints", async () => {
    const port = await freePort();
    child = spawn(process.execPath, ["scripts/start.mjs"], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LEADPANE_DB_URL: `file:${join(dir, "l.db")}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (chunk) => (out += chunk));
    child.stderr?.on("data", (chunk) => (out += chunk));
    const deadline = Date.now() + 150_000;
    while (!out.includes("Press Ctrl+C to stop.")) {
      if (child.exitCode !== null) throw new Error(`npm start exited: ${out}`);
      if (Date.now() > deadline) throw new Error(`no banner: ${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const expected = `http://127.0.0.1:${port}`;
    const api = /API\s+(\S+)/.exec(out)?.[1];
    const keep = /keep Server URL\s+(\S+),/.exec(out)?.[1];
    console.log(`npm start on port ${port}: banner API ${api}, sign-in default ${keep}`);
    expect(api).toBe(expected);
    expect(keep).toBe(expected);
    expect((await fetch(`${expected}/healthz`)).ok).toBe(true);
    // The extension it built offers that address, not the documented default.
    const offered = new RegExp(`[\`"']${expected.replaceAll(".", "\\.")}[\`"']`);
    expect(offered.test(builtScripts())).toBe(true);
  });
});
