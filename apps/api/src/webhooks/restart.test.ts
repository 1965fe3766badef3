import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, describe, expect, it } from "vitest";
import { spawnApi } from "../testing/child-api.ts";
import { http, signUp } from "../testing/server.ts";
import { eventually, startReceiver, type TestReceiver } from "../testing/webhook-receiver.ts";

/**
 * The outbox survives a crash: the API process is killed with SIGKILL while a delivery is in
 * flight (the receiver holds it open), a new process starts on the same database file, and every
 * event is delivered at least once, each always under its one webhook-id.
 */

// Small delays instead of minutes: a claim's lease is twice the timeout plus a second.
const WEBHOOK_ENV = {
  LEADPANE_WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
  LEADPANE_WEBHOOK_POLL_MS: "50",
  LEADPANE_WEBHOOK_RETRY_BASE_MS: "50",
  LEADPANE_WEBHOOK_TIMEOUT_MS: "1000",
};

const dir = mkdtempSync(join(tmpdir(), "leadpane-webhook-restart-"));
const children: ChildProcess[] = [];
let inbox: TestReceiver | undefined;
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await inbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("webhook deliveries across a crash", () => {
  it("are all delivered after a SIGKILL mid-delivery and a restart, each under one webhook-id", async () => {
    const dbUrl = `file:${join(dir, "crash.db")}`;
    const first = await spawnApi(dbUrl, WEBHOOK_ENV);
    children.push(first.child);
    inbox = await startReceiver();
    const owner = await signUp(first.url, "Crash Co", "owner@crash.test");
    const hook = await http(first.url, owner.token)("POST", "/v1/webhooks", {
      url: inbox.url,
      events: ["lead.created"],
    });
    expect(hook.status).toBe(201);
    // The receiver takes nothing: every delivery hangs until the process is killed.
    inbox.answers = Array.from({ length: 1000 }, () => "hang" as const);
    const names = ["Ann", "Ben", "Cat", "Dan", "Eve"];
    for (const name of names)
      expect((await http(first.url, owner.token)("POST", "/v1/leads", { name })).status).toBe(201);
    await eventually(() => inbox!.received.length >= 1, "a delivery in flight");
    first.child.kill("SIGKILL");
    await new Promise((done) => first.child.once("exit", done));
    inbox.release();

    const second = await spawnApi(dbUrl, WEBHOOK_ENV);
    children.push(second.child);
    const log = async () =>
      (await http(second.url, owner.token)("GET", `/v1/webhooks/${hook.body.id}/deliveries`)).body.items as Array<{
        status: string;
        messageId: string;
      }>;
    await eventually(
      async () => (await log()).every((d) => d.status === "succeeded"),
      "every delivery to succeed after the restart",
      60_000,
    );
    const deliveries = await log();
    expect(deliveries).toHaveLength(names.length);
    // Every request verifies, and each lead's event always came under one and the same webhook-id.
    const idsByName = new Map<string, Set<string>>();
    for (const request of inbox.received) {
      const payload = new Webhook(hook.body.secret).verify(request.body, request.headers as Record<string, string>) as {
        data: { record: { name: string } };
      };
      const ids = idsByName.get(payload.data.record.name) ?? new Set();
      ids.add(String(request.headers["webhook-id"]));
      idsByName.set(payload.data.record.name, ids);
    }
    expect([...idsByName.keys()].sort()).toEqual(names);
    for (const [name, ids] of idsByName) expect(ids.size, name).toBe(1);
    expect(new Set(deliveries.map((d) => d.messageId))).toEqual(
      new Set([...idsByName.values()].flatMap((s) => [...s])),
    );
    // At least one message was sent twice: before the kill and after the restart.
    expect(inbox.received.length).toBeGreaterThan(names.length);
  }, 120_000);
});
