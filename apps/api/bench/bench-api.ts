import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnApi } from "../src/testing/child-api.ts";

/**
 * The real API process an API bench measures, on a fresh database file in its own folder (the
 * caller removes `dir`), started and answering, with one workspace signed up.
 */
export async function startBenchApi(
  name: string,
  nodeArgs: string[] = [],
): Promise<{
  url: string;
  dir: string;
  dbUrl: string;
  server: ChildProcess;
  signup: { token: string; workspace: { id: string }; member: { id: string } };
}> {
  const dir = mkdtempSync(join(tmpdir(), `leadpane-${name}-bench-`));
  const dbUrl = `file:${join(dir, "api.db")}`;
  const { url, child: server } = await spawnApi(dbUrl, {}, nodeArgs);
  server.on("exit", (code, signal) => {
    if (signal !== "SIGKILL" && signal !== "SIGINT") console.error(`API exited early: ${code ?? signal}`);
  });
  const signup = (await (
    await fetch(`${url}/v1/workspaces`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Bench", owner: { name: "Bench Owner", email: "owner@bench.test" } }),
    })
  ).json()) as { token: string; workspace: { id: string }; member: { id: string } };
  return { url, dir, dbUrl, server, signup };
}

/** Peak resident set of a process (VmHWM), in MiB. */
export function peakRssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}
