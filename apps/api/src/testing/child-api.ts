import { type ChildProcess, spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { apiNodeArgs, freePort } from "../../launch.mjs";

const API_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * A real API process (`src/index.ts`) on a free port over `dbUrl`, resolved once `/healthz` answers:
 * for tests that run several processes on one file or kill one mid-work, and for the API benches.
 * `env` adds settings, `nodeArgs` Node switches (a bench's `--cpu-prof`).
 */
export async function spawnApi(
  dbUrl: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, apiNodeArgs("src/index.ts", nodeArgs), {
    cwd: API_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LEADPANE_DB_URL: dbUrl,
      LEADPANE_LOG: "off",
      LEADPANE_RATE_LIMIT_PER_TOKEN: "0",
      LEADPANE_RATE_LIMIT_PER_IP: "0",
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 30_000; ; ) {
    if (child.exitCode !== null) throw new Error(`API exited: ${stderr}`);
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, child };
    if (Date.now() > deadline) throw new Error(`API did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
