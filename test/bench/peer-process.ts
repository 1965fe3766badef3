/**
 * The peer's server (peer-server.ts: express-pouchdb on LevelDB) in its own process, for the peers
 * benches (Node and Chromium), and the CPU time and peak memory of a process.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/** A running peer server. */
export interface PeerProcess {
  url: string;
  pid: number;
  kill(): void;
}

/** Starts peer-server.ts on databases under `dataDir` and waits for its port. Run from `test/`. */
export async function startPeer(dataDir: string): Promise<PeerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/peer-server.ts", dataDir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", (code) => reject(new Error(`peer server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, kill: () => child.kill("SIGKILL") };
}

/** CPU time (user + system, ms) used so far by this process and the server process `pid`. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  const own = process.cpuUsage();
  // /proc counts in clock ticks of 10 ms (USER_HZ = 100 on Linux).
  return ticks * 10 + (own.user + own.system) / 1000;
}

/** Peak resident set of a process (VmHWM), in MiB. */
export function peakRssMiB(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return (Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024).toFixed(0);
}
