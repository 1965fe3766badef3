/**
 * A CPU profile of the API process while one client pushes lead creates as the peers bench's does
 * (pushes of 100, two on their way): not a benchmark, the profile behind docs/sync-protocol.md's
 * "What a push costs". Warms up with 2,000 creates, waits a second (an idle gap in the profile
 * that marks where the measured part begins), then pushes PROFILE_DOCS (20,000) and stops the API,
 * which writes its profile to PROFILE_DIR (default `/tmp/leadpane-push-profile`; `off`: no profile).
 * PROFILE_CLIENTS=4 PROFILE_IN_FLIGHT=1 pushes as the push bench's four clients do instead.
 * Run from `test/`: `node --import tsx bench/push-profile.ts`; read with Chrome DevTools.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import { newId } from "@leadpane/domain";
import {
  formatHlc,
  PROTOCOL_VERSION,
  PushResponseSchema,
  PUSHES_IN_FLIGHT,
  pushInOrder,
  type OutboxMutation,
} from "@leadpane/domain/sync";
import { startApi } from "../support/api-process.ts";
import { signUpOwner } from "../support/sync-session.ts";
import { cpuMs } from "./peer-process.ts";

const DOCS = Number(process.env.PROFILE_DOCS ?? 20_000);
/** Clients pushing at once (each DOCS / CLIENTS creates), and pushes each keeps on its way (the extension's 2). */
const CLIENTS = Number(process.env.PROFILE_CLIENTS ?? 1);
const IN_FLIGHT = Number(process.env.PROFILE_IN_FLIGHT ?? PUSHES_IN_FLIGHT);
/** Mutations per push (the extension sends 500). */
const BATCH = Number(process.env.PROFILE_BATCH ?? 100);
const DIR = process.env.PROFILE_DIR ?? "/tmp/leadpane-push-profile";
if (DIR !== "off") mkdirSync(DIR, { recursive: true });

const api = await startApi(
  { LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" },
  DIR === "off" ? [] : ["--cpu-prof", `--cpu-prof-dir=${DIR}`],
);
try {
  const owner = await signUpOwner(api.url, "Profile Owner", "owner@profile.test");
  await pushCreates(owner.token, 2000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const cpu = cpuMs(api.child.pid!);
  const ownCpu = process.cpuUsage();
  const started = performance.now();
  const windowStart = process.hrtime.bigint() / 1000n;
  await Promise.all(Array.from({ length: CLIENTS }, () => pushCreates(owner.token, DOCS / CLIENTS)));
  // CLOCK_MONOTONIC, the clock of the API's CPU profile: its samples in this window are the push's.
  if (DIR !== "off") console.log(`push window (monotonic µs): ${windowStart} ${process.hrtime.bigint() / 1000n}`);
  const seconds = (performance.now() - started) / 1000;
  const own = process.cpuUsage(ownCpu);
  const clientMs = (own.user + own.system) / 1000;
  console.log(
    `${DOCS} creates pushed by ${CLIENTS} client(s), ${IN_FLIGHT} on their way, in ${seconds.toFixed(2)} s (${Math.round(DOCS / seconds)}/s); CPU: server ` +
      `${Math.round(cpuMs(api.child.pid!) - cpu - clientMs)} ms, client ${Math.round(clientMs)} ms; ` +
      `load average ${loadavg()[0]!.toFixed(1)}; profile: ${DIR}`,
  );
} finally {
  await api.dispose();
}

async function pushCreates(token: string, docs: number): Promise<void> {
  const clientId = randomUUID();
  let wall = Date.now();
  const outbox: OutboxMutation[] = Array.from({ length: docs }, (_, i) => ({
    id: i + 1,
    name: "create",
    args: {
      type: "lead",
      id: newId(),
      fields: { name: `Lead ${i}`, title: "VP Sales", emails: [`lead${i}@corp${i % 997}.test`], tags: ["bench"] },
    },
    hlc: formatHlc({ wall: ++wall, counter: 0, node: clientId }),
    createdAt: new Date().toISOString(),
  }));
  let acknowledged = 0;
  await pushInOrder(
    {
      next: async (after) => outbox.filter((m) => m.id > after).slice(0, BATCH),
      send: async (batch) => {
        const response = await fetch(`${api.url}/v1/sync/push`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({
            protocolVersion: PROTOCOL_VERSION,
            clientId,
            mutations: batch.map(({ id, name, args, hlc }) => ({ id, name, args, hlc })),
          }),
        });
        if (!response.ok) throw new Error(`push: ${response.status} ${await response.text()}`);
        return PushResponseSchema.parse(await response.json());
      },
      isGap: (error) => error instanceof Error && error.message.includes("mutation_gap"),
      store: async (_batch, answer) => {
        acknowledged = answer.lastMutationId;
      },
    },
    IN_FLIGHT,
  );
  if (acknowledged !== docs) throw new Error(`acknowledged ${acknowledged} of ${docs}`);
}
