import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { apiNodeArgs, freePort } from "../../apps/api/launch.mjs";

export { freePort };

const here = dirname(fileURLToPath(import.meta.url));
const API_DIR = resolve(here, "../../apps/api");

/** The real API, started as `npm start` starts it, on a fresh database file. */
export interface ApiProcess {
  url: string;
  dbUrl: string;
  child: ChildProcess;
  /** Stops the process (SIGKILL when `crash`), keeping the database for a restart. */
  stop(options?: { crash?: boolean }): Promise<void>;
  /** Starts it again on the same port and database. */
  restart(): Promise<void>;
  /** Stops it and deletes its database. */
  dispose(): Promise<void>;
}

/**
 * Starts the API's node entry (tsx src/index.ts) on a temp database and waits until it answers;
 * `nodeFlags` are added to node's own (a bench's `--cpu-prof`, which NODE_OPTIONS may not carry).
 */
export async function startApi(env: Record<string, string> = {}, nodeFlags: string[] = []): Promise<ApiProcess> {
  const dir = mkdtempSync(join(tmpdir(), "leadpane-e2e-db-"));
  const dbUrl = `file:${join(dir, "leadpane.db")}`;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child!: ChildProcess;
  const launch = async () => {
    child = spawn(process.execPath, apiNodeArgs("src/index.ts", nodeFlags), {
      cwd: API_DIR,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        LEADPANE_DB_URL: dbUrl,
        LEADPANE_LOG: "off",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    child.stdout?.resume();
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`API exited (${child.exitCode}): ${stderr}`);
      try {
        if ((await fetch(`${url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`API did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await launch();
  const stop = async ({ crash = false } = {}) => {
    if (child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill(crash ? "SIGKILL" : "SIGTERM");
    await exited;
  };
  return {
    url,
    dbUrl,
    get child() {
      return child;
    },
    stop,
    restart: launch,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
