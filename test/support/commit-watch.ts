import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * SIGKILLs a process the moment another connection commits to a SQLite database file: a worker
 * thread polls `PRAGMA data_version` (which changes when any other connection commits; no schema
 * knowledge needed) on a read-only connection, without pause, and kills from the worker itself, so
 * the kill follows the commit by microseconds and the server gets no time for a next step (a
 * second transaction, an answer). A server that splits what must be one transaction is caught
 * between the two, where random kills land only by luck.
 *
 * Uses `libsql`, the SQLite binding under `@libsql/client` (the API's database client), which
 * reads synchronously.
 */
export function killAfterNextCommit(
  dbUrl: string,
  pid: number,
  timeoutMs = 30_000,
): Promise<{ killed: boolean; waitedMs: number }> {
  const file = dbUrl.replace(/^file:/, "");
  // Resolved from the API package, whose database client depends on it.
  const libsql = createRequire(new URL("../../apps/api/package.json", import.meta.url)).resolve("libsql");
  const worker = new Worker(WORKER, { eval: true, workerData: { libsql, file, pid, timeoutMs } });
  return new Promise((resolve, reject) => {
    worker.once("message", (result: { killed: boolean; waitedMs: number }) => resolve(result));
    worker.once("error", reject);
    worker.once("exit", (code) => (code ? reject(new Error(`commit watcher exited with ${code}`)) : undefined));
  });
}

const WORKER = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require(workerData.libsql);
const db = new Database(workerData.file, { readonly: true });
const version = db.prepare("PRAGMA data_version");
const read = () => version.get().data_version;
const started = Date.now();
const before = read();
let now = before;
while (now === before && Date.now() - started < workerData.timeoutMs) now = read();
let killed = false;
if (now !== before) {
  try {
    process.kill(workerData.pid, "SIGKILL");
    killed = true;
  } catch {}
}
db.close();
parentPort.postMessage({ killed, waitedMs: Date.now() - started });
`;
