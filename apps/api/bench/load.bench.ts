/**
 * Load test of the API on loopback (`npm run bench`, or `npm run bench -- load`): lookup and push
 * under mixed valid and invalid traffic, against a baseline (`GET /healthz`) measured in the same
 * run on the same server. Prints requests/s, p50/p99 latency and the ratio to the baseline, and
 * fails when any valid request got an error response. The server runs in a child process so the
 * load generator does not steal its event loop. Rate limits are off here (all traffic comes from
 * one loopback address); the limiters themselves are tested in src/middleware/rate-limit.test.ts.
 *
 * BENCH_SECONDS (default 10) sets each scenario's duration, BENCH_CONNECTIONS (default 10) the
 * number of concurrent connections.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannonModule from "autocannon";
import { newId } from "@leadpane/domain";
import { PROTOCOL_VERSION } from "@leadpane/domain/sync";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SEED_LEADS = 2000;

/** The part of autocannon's API this file uses (it ships no types). */
interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
  onResponse?: (status: number) => void;
}
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
const autocannon = autocannonModule as unknown as (options: {
  url: string;
  connections: number;
  duration: number;
  requests?: CannonRequest[];
  headers?: Record<string, string>;
}) => Promise<CannonResult>;

/** Child process: the real app on a fresh database file, announcing its URL on stdout. */
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

async function json<T = unknown>(
  url: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const hlc = (n: number) => `${String(Date.now()).padStart(15, "0")}-${String(n % 100000).padStart(5, "0")}-bench`;

/** Tallies answers by kind of request: a valid request must get `expected`, anything else counts. */
function tally() {
  const counts = { valid: 0, validErrors: 0, invalid: 0, invalidNot4xx: 0, statuses: new Map<number, number>() };
  return {
    counts,
    valid(expected: number) {
      return (status: number) => {
        counts.valid++;
        counts.statuses.set(status, (counts.statuses.get(status) ?? 0) + 1);
        if (status !== expected) counts.validErrors++;
      };
    },
    invalid() {
      return (status: number) => {
        counts.invalid++;
        counts.statuses.set(status, (counts.statuses.get(status) ?? 0) + 1);
        if (status < 400 || status >= 500) counts.invalidNot4xx++;
      };
    },
  };
}

interface Row {
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  valid: number;
  validErrors: number;
  invalid: number;
  invalidNot4xx: number;
  statuses: string;
}

async function main(): Promise<void> {
  const { url, child } = await startServer();
  const rows: Row[] = [];
  try {
    const owner = await json<{ token: string }>(url, "POST", "/v1/workspaces", null, {
      name: "Bench",
      owner: { name: "Bench Owner", email: "owner@bench.test" },
    });
    const token = owner.token;
    const viewerCode = (await json<{ code: string }>(url, "POST", "/v1/invites", token, { role: "viewer" })).code;
    const viewer = (
      await json<{ token: string }>(url, "POST", "/v1/invites/accept", null, {
        code: viewerCode,
        name: "Viewer",
        email: "viewer@bench.test",
      })
    ).token;

    // Seed: leads spread over 50 company domains, with a capture activity for every tenth.
    const seedClient = newId();
    let mutationId = 0;
    for (let start = 0; start < SEED_LEADS; start += 250) {
      const mutations = [];
      for (let i = start; i < start + 250; i++) {
        const leadId = newId();
        mutations.push({
          id: ++mutationId,
          name: "create",
          args: {
            type: "lead",
            id: leadId,
            fields: { name: `Lead ${i}`, emails: [`lead${i}@corp${i % 50}.test`], companyName: `Corp ${i % 50}` },
          },
          hlc: hlc(mutationId),
        });
        if (i % 10 === 0) {
          mutations.push({
            id: ++mutationId,
            name: "create",
            args: {
              type: "activity",
              id: newId(),
              fields: {
                type: "capture",
                subject: { type: "lead", id: leadId },
                occurredAt: new Date().toISOString(),
                data: { url: `https://corp${i % 50}.test/team` },
              },
            },
            hlc: hlc(mutationId),
          });
        }
      }
      await json(url, "POST", "/v1/sync/push", token, {
        protocolVersion: PROTOCOL_VERSION,
        clientId: seedClient,
        mutations,
      });
    }
    const auth = { authorization: `Bearer ${token}` };
    console.log(`server ${url}; seeded ${SEED_LEADS} leads; ${SECONDS} s per scenario, ${CONNECTIONS} connections\n`);

    // Baseline: the cheapest route, on the same server in the same run.
    const base = tally();
    const baseline = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [{ method: "GET", path: "/healthz", onResponse: base.valid(200) }],
    });
    rows.push(row("GET /healthz (baseline)", baseline, base.counts));

    // A second reference: the cheapest authenticated route (token lookup, no other work).
    const me = tally();
    const authBaseline = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [{ method: "GET", path: "/v1/me", headers: auth, onResponse: me.valid(200) }],
    });
    rows.push(row("GET /v1/me (auth only)", authBaseline, me.counts));

    // Lookup: 4 valid (known email, known domain, known URL, unknown email) to 4 invalid.
    const look = tally();
    let n = 0;
    const lookup = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: "GET",
          headers: auth,
          setupRequest: (req) => {
            const i = n++ % SEED_LEADS;
            return { ...req, path: `/v1/lookup?email=lead${i}%40corp${i % 50}.test` };
          },
          onResponse: look.valid(200),
        },
        { method: "GET", path: "/v1/lookup", headers: auth, onResponse: look.invalid() },
        {
          method: "GET",
          headers: auth,
          setupRequest: (req) => ({ ...req, path: `/v1/lookup?domain=corp${n++ % 50}.test` }),
          onResponse: look.valid(200),
        },
        {
          method: "GET",
          path: "/v1/lookup?email=x",
          headers: { authorization: "Bearer lp_wrong-token-for-the-bench" },
          onResponse: look.invalid(),
        },
        {
          method: "GET",
          headers: auth,
          setupRequest: (req) => ({ ...req, path: `/v1/lookup?url=https%3A%2F%2Fcorp${n++ % 50}.test%2Fteam` }),
          onResponse: look.valid(200),
        },
        { method: "GET", path: `/v1/lookup?email=${"x".repeat(300)}`, headers: auth, onResponse: look.invalid() },
        { method: "GET", path: "/v1/lookup?email=nobody%40nowhere.test", headers: auth, onResponse: look.valid(200) },
        { method: "GET", path: "/v1/lookup?domain=a", onResponse: look.invalid() },
      ],
    });
    rows.push(row("GET /v1/lookup (mixed)", lookup, look.counts));

    // Push: each valid push is a new client's first batch of 5 creates; invalid ones are refused whole.
    const pushes = tally();
    const validPush = () =>
      JSON.stringify({
        protocolVersion: PROTOCOL_VERSION,
        clientId: newId(),
        mutations: Array.from({ length: 5 }, (_, i) => ({
          id: i + 1,
          name: "create",
          args: {
            type: "lead",
            id: newId(),
            fields: { name: `Pushed ${i}`, emails: [`p${n++}@pushed${n % 20}.test`] },
          },
          hlc: hlc(i),
        })),
      });
    const headers = { ...auth, "content-type": "application/json" };
    const push = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: "POST",
          path: "/v1/sync/push",
          headers,
          setupRequest: (req) => ({ ...req, body: validPush() }),
          onResponse: pushes.valid(200),
        },
        { method: "POST", path: "/v1/sync/push", headers, body: "{not json", onResponse: pushes.invalid() },
        {
          method: "POST",
          path: "/v1/sync/push",
          headers,
          setupRequest: (req) => ({ ...req, body: validPush() }),
          onResponse: pushes.valid(200),
        },
        {
          method: "POST",
          path: "/v1/sync/push",
          headers,
          body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, clientId: "nope", mutations: [] }),
          onResponse: pushes.invalid(),
        },
        {
          method: "POST",
          path: "/v1/sync/push",
          headers: { ...headers, authorization: `Bearer ${viewer}` },
          setupRequest: (req) => ({ ...req, body: validPush() }),
          onResponse: pushes.invalid(),
        },
        {
          method: "POST",
          path: "/v1/sync/push",
          headers,
          setupRequest: (req) => ({ ...req, body: JSON.stringify({ ...JSON.parse(validPush()), protocolVersion: 0 }) }),
          onResponse: pushes.invalid(),
        },
      ],
    });
    rows.push(row("POST /v1/sync/push (mixed)", push, pushes.counts));
  } finally {
    child.kill("SIGTERM");
  }

  const baselineRps = rows[0]!.rps;
  console.log(
    "scenario                      req/s    ×baseline  p50 ms  " +
      "p99 ms  valid  errors→valid  invalid  invalid≠4xx  statuses",
  );
  for (const r of rows) {
    console.log(
      [
        r.scenario.padEnd(28),
        r.rps.toFixed(0).padStart(7),
        (r.rps / baselineRps).toFixed(3).padStart(10),
        String(r.p50).padStart(7),
        String(r.p99).padStart(7),
        String(r.valid).padStart(6),
        String(r.validErrors).padStart(13),
        String(r.invalid).padStart(8),
        String(r.invalidNot4xx).padStart(12),
        `  ${r.statuses}`,
      ].join(" "),
    );
  }
  const bad = rows.filter((r) => r.validErrors > 0 || r.invalidNot4xx > 0);
  if (bad.length) {
    console.error(
      `\nFAIL: error responses to valid requests, or invalid ones ` +
        `not answered 4xx, in: ${bad.map((r) => r.scenario).join(", ")}`,
    );
    process.exit(1);
  }
  console.log("\nOK: no error responses to valid requests; every invalid request got a 4xx.");
}

function row(scenario: string, result: CannonResult, counts: ReturnType<typeof tally>["counts"]): Row {
  const statuses = [...counts.statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, c]) => `${s}×${c}`)
    .join(" ");
  // Connection errors and timeouts never reach onResponse: count them against the valid requests.
  return {
    scenario,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    valid: counts.valid,
    validErrors: counts.validErrors + result.errors + result.timeouts,
    invalid: counts.invalid,
    invalidNot4xx: counts.invalidNot4xx,
    statuses,
  };
}

// Last, so every declaration above is initialized before either role runs.
if (process.env.LEADPANE_BENCH_ROLE === "server") {
  await serveForBench();
} else {
  await main();
}
