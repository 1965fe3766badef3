// The SQL worker's entry (worker-client.ts starts it): Node runs a worker's first file without the
// parent's `--import tsx`, so this plain module registers tsx and then loads the TypeScript worker.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
