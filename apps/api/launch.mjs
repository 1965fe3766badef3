import { createServer } from "node:net";

// How the API process is started, shared by `npm start`, the benchmarks and the e2e tests so they
// all measure and test the server as it runs. (apps/api's own `npm start` repeats the flag: JSON
// has no imports.)

/**
 * A 32 MB young generation (semi-space) instead of V8's default 16 MB: a push allocates a lot of
 * short-lived JSON, and fewer scavenges measured 4–8% more push throughput.
 */
export const API_NODE_FLAGS = ["--max-semi-space-size=32"];

/** `node` arguments that run the API's TypeScript entry (through tsx). */
export function apiNodeArgs(entry, extraFlags = []) {
  return [...API_NODE_FLAGS, ...extraFlags, "--import", "tsx", entry];
}

/** A free loopback port to start an API process on. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}
