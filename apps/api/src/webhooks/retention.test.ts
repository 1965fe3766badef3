import { newId } from "@leadpane/domain";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { webhookDeliveries } from "../db/schema.ts";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam } from "../testing/team.ts";
import { eventually } from "../testing/webhook-receiver.ts";
import { startWebhookWorker } from "./worker.ts";

vi.setConfig({ testTimeout: 60_000 });

const DAY = 86_400_000;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ LEADPANE_WEBHOOK_ALLOW_HOSTS: "127.0.0.1" });
});
afterAll(async () => {
  await server.close();
});

describe("the delivery log's retention", () => {
  it("prunes finished deliveries older than the retention, never one still waiting or retrying", async () => {
    const team = await createTeam(server.url, "Retain");
    const admin = http(server.url, team.members.admin.token);
    // Nothing listens there: no delivery below is ever due by the worker's clock.
    const hook = await admin("POST", "/v1/webhooks", { url: "http://127.0.0.1:9/hook", events: ["lead.created"] });
    expect(hook.status).toBe(201);
    const clock = Date.parse("2030-06-01T00:00:00Z");
    const row = (label: string, status: "pending" | "succeeded" | "failed", ageDays: number) => ({
      id: newId(),
      workspaceId: team.workspaceId,
      endpointId: hook.body.id as string,
      messageId: `msg_${label}`,
      eventType: "lead.created",
      payload: JSON.stringify({ label }),
      status,
      attempts: 1,
      // A waiting delivery's next try is after the clock: the worker must not send it in this test.
      nextAttemptMs: status === "pending" ? clock + 365 * DAY : null,
      createdAt: new Date(clock - ageDays * DAY).toISOString(),
      createdMs: clock - ageDays * DAY,
    });
    await server.database.db
      .insert(webhookDeliveries)
      .values([
        row("old-delivered", "succeeded", 31),
        row("old-failed", "failed", 45),
        row("old-retrying", "pending", 90),
        row("recent-delivered", "succeeded", 29),
        row("recent-failed", "failed", 1),
      ]);
    const worker = startWebhookWorker(server.database, {
      pollMs: 20,
      retryBaseMs: 20,
      retryForMs: DAY,
      timeoutMs: 1000,
      disableAfterMs: 5 * DAY,
      allowHosts: "127.0.0.1",
      retainMs: 30 * DAY,
      now: () => clock,
    });
    try {
      const kept = await eventually(async () => {
        const log = await admin("GET", `/v1/webhooks/${hook.body.id}/deliveries`);
        const ids = (log.body.items as Array<{ messageId: string }>).map((d) => d.messageId).sort();
        return ids.length === 3 ? ids : null;
      }, "the old finished deliveries to be pruned");
      expect(kept).toEqual(["msg_old-retrying", "msg_recent-delivered", "msg_recent-failed"]);
    } finally {
      await worker.stop();
    }
  });
});
