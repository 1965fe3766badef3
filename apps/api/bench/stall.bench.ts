/**
 * Event-loop stall under a large push (`npm run bench -- stall`): `/healthz` latency while a 1.3 MB
 * push of 500 creates is applied, against its latency on the idle server, measured in the same run
 * on the same server (issue 14: the push once stalled every other request for seconds). The server
 * runs in a child process so the measuring loop does not share its event loop. Prints the idle and
 * during-push p50 and max, and how many health checks were answered while the push was in flight.
 *
 * BENCH_PUSHES (default 3) sets how many such pushes are measured.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { newId } from "@leadpane/domain";
import { PROTOCOL_VERSION } from "@leadpane/domain/sync";

const PUSHES = Number(process.env.BENCH_PUSHES ?? 3);

async function serveForBench(): Promise<void> {
  const { startTestServer } = await import("../src/testing/server.ts");
  const server = await startTestServer({
    LEADPANE_RATE_LIMIT_PER_IP: 0,
    LEADPANE_RATE_LIMIT_PER_TOKEN: 0,
    LEADPANE_AUTH_FAILURES_PER_IP: 0,
  });
  console.log(JSON.stringify({ url: server.url }));
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, LEADPANE_BENCH_ROLE: "server" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (line.startsWith("{")) return { url: (JSON.parse(line) as { url: string }).url, child };
  }
  throw new Error("the bench server exited before listening");
}

/** A push of 500 lead creates, about 1.3 MB. */
function bigPush(run: number): string {
  return JSON.stringify({
    protocolVersion: PROTOCOL_VERSION,
    clientId: newId(),
    mutations: Array.from({ length: 500 }, (_, i) => ({
      id: i + 1,
      name: "create",
      args: {
        type: "lead",
        id: newId(),
        fields: {
          name: `Stall Lead ${run}-${i}`,
          emails: [`stall${run}-${i}@stall.test`],
          title: "t".repeat(250),
          companyName: "c".repeat(250),
          location: "l".repeat(250),
          urls: [`https://stall.test/${run}/${i}/${"u".repeat(1600)}`],
        },
      },
      hlc: `${String(Date.now()).padStart(15, "0")}-${String(i).padStart(5, "0")}-bench`,
    })),
  });
}

async function health(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}/healthz`);
  await res.text();
  return performance.now() - started;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

async function main(): Promise<void> {
  const { url, child } = await startServer();
  try {
    const signup = await fetch(`${url}/v1/workspaces`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Stall", owner: { name: "Owner", email: "owner@stall.test" } }),
    });
    const { token } = (await signup.json()) as { token: string };
    const idle: number[] = [];
    for (let i = 0; i < 200; i++) idle.push(await health(url));
    const during: number[] = [];
    let answered = 0;
    let pushMs = 0;
    for (let run = 0; run < PUSHES; run++) {
      const body = bigPush(run);
      let done = false;
      const started = performance.now();
      const push = fetch(`${url}/v1/sync/push`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body,
      }).then(async (res) => {
        done = true;
        if (!res.ok) throw new Error(`push: ${res.status} ${await res.text()}`);
      });
      // Every check sent while the push is in flight counts, also one that waited the push out.
      while (!done) {
        during.push(await health(url));
        if (!done) answered++;
      }
      await push;
      pushMs += performance.now() - started;
    }
    const f = (n: number) => n.toFixed(1);
    console.log(`/healthz during a 1.3 MB push of 500 creates (${PUSHES} pushes, ${f(pushMs / PUSHES)} ms each):`);
    console.log(`  idle:        p50 ${f(quantile(idle, 0.5))} ms, max ${f(Math.max(...idle))} ms`);
    console.log(
      `  during push: p50 ${f(quantile(during, 0.5))} ms, max ${f(Math.max(0, ...during))} ms, ` +
        `${answered} answered while pushes were in flight`,
    );
  } finally {
    child.kill("SIGTERM");
  }
}

// Last, so every declaration above is initialized before either role runs.
if (process.env.LEADPANE_BENCH_ROLE === "server") {
  await serveForBench();
} else {
  await main();
}
