import { and, eq, inArray, lt } from "drizzle-orm";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import type { Database, Tx } from "../db/client.ts";
import { webhookDeliveries, webhookEndpoints } from "../db/schema.ts";
import type { Env } from "../env.ts";
import { rawTx } from "../sync/raw-tx.ts";
import { withWriteTransaction } from "../sync/transaction.ts";
import { AddressGuard } from "./address-guard.ts";
import { type AttemptResult, sendMessage } from "./send.ts";

/** How the delivery worker behaves; the environment sets it (tests shrink the delays). */
export interface WebhookWorkerOptions {
  pollMs: number;
  retryBaseMs: number;
  retryForMs: number;
  timeoutMs: number;
  disableAfterMs: number;
  allowHosts: string;
  /** Finished deliveries older than this are pruned (default 30 days). */
  retainMs?: number;
  now?: () => number;
}

/** The worker's options from the API's environment. */
export function webhookWorkerOptions(env: Env): WebhookWorkerOptions {
  return {
    pollMs: env.LEADPANE_WEBHOOK_POLL_MS,
    retryBaseMs: env.LEADPANE_WEBHOOK_RETRY_BASE_MS,
    retryForMs: env.LEADPANE_WEBHOOK_RETRY_FOR_MS,
    timeoutMs: env.LEADPANE_WEBHOOK_TIMEOUT_MS,
    disableAfterMs: env.LEADPANE_WEBHOOK_DISABLE_AFTER_MS,
    allowHosts: env.LEADPANE_WEBHOOK_ALLOW_HOSTS,
    retainMs: env.LEADPANE_WEBHOOK_RETAIN_DAYS * 86_400_000,
  };
}

/** Deliveries claimed per query. */
const BATCH = 10;
/** Most deliveries one process sends at once. */
const MAX_IN_FLIGHT = 32;
/** How long finished deliveries stay in the log unless configured. */
const DEFAULT_RETAIN_MS = 30 * 86_400_000;
/** How often the worker prunes the log (the first round does too). */
const PRUNE_EVERY_MS = 3_600_000;
/** The longest wait between two retries. */
const MAX_RETRY_DELAY_MS = 3_600_000;

/**
 * The wait before retry `attempt` + 1: doubling from `base`, at most an hour, with jitter (a
 * random point in its upper half) so that receivers coming back are not hit by every retry at once.
 */
export function retryDelay(attempt: number, base: number, random = Math.random): number {
  const full = Math.min(base * 2 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_MS);
  return Math.round(full / 2 + (random() * full) / 2);
}

interface Claimed {
  id: string;
  workspaceId: string;
  endpointId: string;
  messageId: string;
  payload: string;
  attempts: number;
  createdMs: number;
  url: string;
  secrets: string[];
}

/** A running delivery worker. */
export interface WebhookWorker {
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
}

/**
 * The webhook delivery worker of an API process: every `pollMs` it claims due deliveries (moving
 * each a lease ahead, in a write transaction, so another process or a restart after a crash takes
 * it up again once the lease runs out: at-least-once), sends them, and records what happened. All
 * state is in the database, so a restarted process resumes where the last one stopped, with the
 * same `webhook-id`. Several processes may run one each.
 */
export function startWebhookWorker(database: Database, options: WebhookWorkerOptions): WebhookWorker {
  const guard = new AddressGuard(options.allowHosts);
  const now = options.now ?? Date.now;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  // Sends in flight: a slow receiver holds only its own deliveries (up to the timeout), never the others'.
  const inFlight = new Set<Promise<void>>();
  let prunedAt = Number.NEGATIVE_INFINITY;

  const tick = async () => {
    try {
      if (now() - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = now();
        await pruneDeliveries(database, prunedAt - (options.retainMs ?? DEFAULT_RETAIN_MS));
      }
      for (;;) {
        const room = MAX_IN_FLIGHT - inFlight.size;
        if (stopped || room <= 0) return;
        const claimed = await claim(database, now(), options.timeoutMs * 2 + 1000, Math.min(room, BATCH));
        for (const delivery of claimed) {
          const sending: Promise<void> = sendMessage(delivery, guard, options.timeoutMs)
            .then((result) => record(database, delivery, result, now(), options))
            .catch(logError)
            .finally(() => inFlight.delete(sending));
          inFlight.add(sending);
        }
        if (claimed.length < Math.min(room, BATCH)) return;
      }
    } catch (error) {
      // The next round tries again (a busy database): nothing is lost, the claims' leases run out.
      logError(error);
    }
  };
  const logError = (error: unknown) => {
    if (!stopped)
      console.error(JSON.stringify({ level: "error", msg: "webhook worker", name: (error as Error)?.name }));
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      round = tick().finally(schedule);
    }, options.pollMs);
    timer.unref();
  };
  round = tick().finally(schedule);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
      await Promise.all(inFlight);
    },
  };
}

/**
 * Deletes finished deliveries (delivered, or failed for good) created before `beforeMs`; a
 * delivery still waiting or retrying is never pruned, however old. Age is by creation: every
 * delivery finishes within the retry window (24 h), far inside the retention.
 */
export async function pruneDeliveries(database: Database, beforeMs: number): Promise<number> {
  // A read first: the write lock is taken only when there is something to delete (a write waits
  // out another process's lock, and most rounds find nothing).
  const any = await database.client.execute({
    sql: "SELECT 1 FROM webhook_deliveries WHERE status IN ('succeeded', 'failed') AND created_ms < ? LIMIT 1",
    args: [beforeMs],
  });
  if (any.rows.length === 0) return 0;
  return withWriteTransaction(database, async (tx) => {
    const gone = await tx
      .delete(webhookDeliveries)
      .where(and(inArray(webhookDeliveries.status, ["succeeded", "failed"]), lt(webhookDeliveries.createdMs, beforeMs)))
      .returning({ id: webhookDeliveries.id });
    return gone.length;
  });
}

async function claim(database: Database, nowMs: number, leaseMs: number, limit: number): Promise<Claimed[]> {
  // A read first: a round with nothing due never takes the write lock, so an idle worker never
  // queues behind (or holds up) pushes, in this process or another one on the same file.
  const due = await database.client.execute({
    sql: "SELECT 1 FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_ms <= ? LIMIT 1",
    args: [nowMs],
  });
  if (due.rows.length === 0) return [];
  return withWriteTransaction(database, async (tx) => {
    const rows = await rawTx(tx).execute({
      sql:
        "UPDATE webhook_deliveries SET next_attempt_ms = ?, attempts = attempts + 1 WHERE id IN (" +
        "SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id " +
        "WHERE d.status = 'pending' AND d.next_attempt_ms <= ? AND e.enabled = 1 AND e.deleted_at IS NULL " +
        "ORDER BY d.next_attempt_ms LIMIT ?) " +
        "RETURNING id, workspace_id, endpoint_id, message_id, payload, attempts, created_ms",
      args: [nowMs + leaseMs, nowMs, limit],
    });
    if (rows.rows.length === 0) return [];
    const ids = [...new Set(rows.rows.map((row) => String(row.endpoint_id)))];
    const endpoints = new Map(
      (await tx.select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, ids))).map((e) => [e.id, e]),
    );
    return rows.rows.map((row) => {
      const endpoint = endpoints.get(String(row.endpoint_id))!;
      const previousValid =
        endpoint.previousSecret && endpoint.previousSecretUntil && Date.parse(endpoint.previousSecretUntil) > nowMs;
      return {
        id: String(row.id),
        workspaceId: String(row.workspace_id),
        endpointId: endpoint.id,
        messageId: String(row.message_id),
        payload: String(row.payload),
        attempts: Number(row.attempts),
        createdMs: Number(row.created_ms),
        url: endpoint.url,
        secrets: previousValid ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret],
      };
    });
  });
}

async function record(
  database: Database,
  delivery: Claimed,
  result: AttemptResult,
  nowMs: number,
  options: WebhookWorkerOptions,
): Promise<void> {
  const at = new Date(nowMs).toISOString();
  const logged = {
    lastAttemptAt: at,
    responseStatus: result.status,
    latencyMs: result.latencyMs,
    responseExcerpt: result.excerpt,
    error: result.error,
  };
  const ok = result.status !== null && result.status >= 200 && result.status < 300;
  await withWriteTransaction(database, async (tx) => {
    if (ok) {
      await tx
        .update(webhookDeliveries)
        .set({ ...logged, status: "succeeded", nextAttemptMs: null })
        .where(eq(webhookDeliveries.id, delivery.id));
      await tx
        .update(webhookEndpoints)
        .set({ failingSinceMs: null })
        .where(eq(webhookEndpoints.id, delivery.endpointId));
      return;
    }
    if (result.status === 410) {
      await tx
        .update(webhookDeliveries)
        .set({ ...logged, status: "failed", nextAttemptMs: null })
        .where(eq(webhookDeliveries.id, delivery.id));
      await disableEndpoint(tx, delivery, "The receiver answered 410 Gone: it no longer wants these events.", at);
      return;
    }
    const delay = retryDelay(delivery.attempts, options.retryBaseMs);
    const giveUp = nowMs + delay > delivery.createdMs + options.retryForMs;
    await tx
      .update(webhookDeliveries)
      .set({
        ...logged,
        ...(giveUp
          ? { status: "failed" as const, nextAttemptMs: null }
          : { status: "pending" as const, nextAttemptMs: nowMs + delay }),
      })
      .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.status, "pending")));
    const [endpoint] = await tx
      .select({ failingSinceMs: webhookEndpoints.failingSinceMs, enabled: webhookEndpoints.enabled })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, delivery.endpointId));
    if (!endpoint?.enabled) return;
    const since = endpoint.failingSinceMs ?? nowMs;
    if (endpoint.failingSinceMs === null)
      await tx
        .update(webhookEndpoints)
        .set({ failingSinceMs: since })
        .where(eq(webhookEndpoints.id, delivery.endpointId));
    if (nowMs - since >= options.disableAfterMs) {
      const days = Math.round(options.disableAfterMs / 86_400_000);
      await disableEndpoint(
        tx,
        delivery,
        `Every delivery failed for ${days >= 1 ? `${days} day${days === 1 ? "" : "s"}` : "too long"}.`,
        at,
      );
    }
  });
}

/**
 * Turns an endpoint off for a reason the admins see in Settings (and the audit log): its waiting
 * deliveries are marked failed (each can still be replayed).
 */
async function disableEndpoint(tx: Tx, delivery: Claimed, reason: string, at: string): Promise<void> {
  const changed = await tx
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: reason, disabledAt: at, updatedAt: at })
    .where(and(eq(webhookEndpoints.id, delivery.endpointId), eq(webhookEndpoints.enabled, true)))
    .returning({ id: webhookEndpoints.id });
  if (changed.length === 0) return;
  await tx
    .update(webhookDeliveries)
    .set({ status: "failed", nextAttemptMs: null, error: "Not sent: the endpoint was turned off" })
    .where(and(eq(webhookDeliveries.endpointId, delivery.endpointId), eq(webhookDeliveries.status, "pending")));
  await writeAudit(
    tx,
    {
      workspaceId: delivery.workspaceId,
      memberId: null,
      action: AUDIT_ACTIONS.webhookDisabled,
      targetType: "webhook",
      targetId: delivery.endpointId,
      detail: { reason },
    },
    at,
  );
}
