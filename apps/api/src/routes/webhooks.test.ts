import { newId, WEBHOOK_EVENT_TYPES } from "@leadpane/domain";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { webhookDeliveries } from "../db/schema.ts";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, TEST_ROLES, type TestTeam, UNLIMITED } from "../testing/team.ts";
import { eventually, type Received, startReceiver, type TestReceiver } from "../testing/webhook-receiver.ts";
import { startWebhookWorker, type WebhookWorker, type WebhookWorkerOptions } from "../webhooks/worker.ts";

/** The worker's settings in these tests: tiny delays instead of minutes and hours. */
const FAST: WebhookWorkerOptions = {
  pollMs: 20,
  retryBaseMs: 20,
  retryForMs: 600_000,
  timeoutMs: 60_000,
  disableAfterMs: 600_000,
  allowHosts: "127.0.0.1",
};

// Deliveries are polled for (generous under load); no assertion is about time.
vi.setConfig({ testTimeout: 60_000 });

let server: TestServer;
let worker: WebhookWorker;
const receivers: TestReceiver[] = [];
beforeAll(async () => {
  server = await startTestServer({ ...UNLIMITED, LEADPANE_WEBHOOK_ALLOW_HOSTS: "127.0.0.1" });
  worker = startWebhookWorker(server.database, FAST);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await worker.stop();
  await server.close();
});

async function receiver(host?: string) {
  const started = await startReceiver(host);
  receivers.push(started);
  return started;
}

/** Verifies a request's signature with the standardwebhooks library; returns its payload. */
function verified(secret: string, request: Received) {
  return new Webhook(secret).verify(request.body, request.headers as Record<string, string>) as {
    type: string;
    timestamp: string;
    data: { record: Record<string, unknown>; actor: { id: string; name: string }; workspaceId: string };
  };
}

async function register(team: TestTeam, body: Record<string, unknown>) {
  const res = await http(server.url, team.members.admin.token)("POST", "/v1/webhooks", body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; secret: string };
}

let wall = Date.now();
const clock = (node: string) => formatHlc({ wall: ++wall, counter: 0, node });

describe("webhook endpoints", () => {
  it("are managed by owners and admins only; members and viewers get 403 on every route", async () => {
    const team = await createTeam(server.url, "Roles");
    const hook = await register(team, { url: "https://hooks.example.com/in", events: ["lead.created"] });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    for (const role of ["member", "viewer"] as const) {
      const api = http(server.url, team.members[role].token);
      const answers = await Promise.all([
        api("GET", "/v1/webhooks"),
        api("POST", "/v1/webhooks", { url: "https://x.example.com", events: ["lead.created"] }),
        api("PATCH", `/v1/webhooks/${hook.id}`, { enabled: false }),
        api("DELETE", `/v1/webhooks/${hook.id}`),
        api("POST", `/v1/webhooks/${hook.id}/rotate-secret`),
        api("GET", `/v1/webhooks/${hook.id}/deliveries`),
        api("POST", `/v1/webhooks/${hook.id}/deliveries/${newId()}/replay`),
      ]);
      for (const answer of answers) {
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe("forbidden");
      }
    }
    const list = await http(server.url, team.members.owner.token)("GET", "/v1/webhooks");
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: hook.id, url: "https://hooks.example.com/in", enabled: true }),
    ]);
    // The secret is shown once, at creation: never in a listing.
    expect(JSON.stringify(list.body)).not.toContain(hook.secret);
  });

  it("refuse bad input with the contract's error and change nothing", async () => {
    const team = await createTeam(server.url, "Bad");
    const api = http(server.url, team.members.owner.token);
    const bad = [
      { url: "not a url", events: ["lead.created"] },
      { url: "ftp://example.com/x", events: ["lead.created"] },
      { url: "https://example.com", events: [] },
      { url: "https://example.com", events: ["lead.exploded"] },
      { url: "https://example.com", events: ["lead.created"], extra: 1 },
      { url: "https://example.com", events: ["lead.created"], filter: { ownerId: newId() } },
      { url: "https://example.com", events: ["lead.created"], filter: { ownerId: team.members.member.id.slice(1) } },
    ];
    for (const body of bad) {
      const res = await api("POST", "/v1/webhooks", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: "invalid_input", message: expect.any(String) });
    }
    expect((await api("POST", "/v1/webhooks", "{oops")).status).toBe(400);
    expect((await api("PATCH", `/v1/webhooks/${newId()}`, { enabled: false })).status).toBe(404);
    expect((await api("GET", "/v1/webhooks/nope/deliveries")).status).toBe(400);
    expect((await api("GET", "/v1/webhooks")).body.items).toEqual([]);
  });

  it("refuse private network addresses given as IP literals or localhost, unless allow-listed", async () => {
    const strict = await startTestServer(UNLIMITED);
    try {
      const team = await createTeam(strict.url, "Private");
      const api = http(strict.url, team.members.owner.token);
      for (const url of [
        "http://10.0.0.5/hook",
        "http://127.0.0.1:8080/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[fd00:ec2::254]/",
        "http://[::1]/",
        "http://[::ffff:192.168.1.1]/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://localhost:3000/",
      ]) {
        const res = await api("POST", "/v1/webhooks", { url, events: ["lead.created"] });
        expect(res.status, url).toBe(400);
        expect(res.body.error.issues[0]).toMatchObject({ path: ["url"] });
        expect(res.body.error.message).toContain("private network");
      }
      expect((await api("GET", "/v1/webhooks")).body.items).toEqual([]);
      expect(
        (await api("POST", "/v1/webhooks", { url: "https://8.8.8.8/hook", events: ["lead.created"] })).status,
      ).toBe(201);
    } finally {
      await strict.close();
    }
    // This server allow-lists 127.0.0.1.
    const team = await createTeam(server.url, "Allowed");
    expect(
      (
        await http(server.url, team.members.owner.token)("POST", "/v1/webhooks", {
          url: "http://127.0.0.1:9/hook",
          events: ["lead.created"],
        })
      ).status,
    ).toBe(201);
  });

  it("are each workspace's own", async () => {
    const a = await createTeam(server.url, "IsoA");
    const b = await createTeam(server.url, "IsoB");
    const inbox = await receiver();
    const hook = await register(a, { url: inbox.url, events: ["lead.created"] });
    const other = http(server.url, b.members.owner.token);
    expect((await other("GET", "/v1/webhooks")).body.items).toEqual([]);
    expect((await other("PATCH", `/v1/webhooks/${hook.id}`, { enabled: false })).status).toBe(404);
    expect((await other("DELETE", `/v1/webhooks/${hook.id}`)).status).toBe(404);
    expect((await other("GET", `/v1/webhooks/${hook.id}/deliveries`)).status).toBe(404);
    expect((await other("POST", `/v1/webhooks/${hook.id}/rotate-secret`)).status).toBe(404);
    // B's changes never reach A's endpoint; A's do.
    await http(server.url, b.members.member.token)("POST", "/v1/leads", { name: "B secret" });
    await http(server.url, a.members.member.token)("POST", "/v1/leads", { name: "A lead" });
    await eventually(() => inbox.received.length >= 1, "A's event");
    const payload = verified(hook.secret, inbox.received[0]!);
    expect(payload.data.record.name).toBe("A lead");
    expect(payload.data.workspaceId).toBe(a.workspaceId);
    const log = await http(server.url, a.members.admin.token)("GET", `/v1/webhooks/${hook.id}/deliveries`);
    expect(log.body.items).toHaveLength(1);
    expect(JSON.stringify(log.body)).not.toContain("B secret");
  });
});

describe("webhook events", () => {
  it("are sent for every event type, signed per Standard Webhooks, with the record after the change and the actor", async () => {
    const team = await createTeam(server.url, "Events");
    const inbox = await receiver();
    const hook = await register(team, { url: inbox.url, events: [...WEBHOOK_EVENT_TYPES] });
    const api = http(server.url, team.members.member.token);
    const lead = (await api("POST", "/v1/leads", { name: "Ann Event", emails: ["ann@acme-events.com"] })).body;
    await api("PATCH", `/v1/leads/${lead.id}`, { title: "CTO" });
    const converted = (await api("POST", `/v1/leads/${lead.id}/convert`, { deal: { title: "Acme deal" } })).body;
    expect(converted.deal).toBeTruthy();
    expect((await api("PATCH", `/v1/contacts/${converted.contact.id}`, { title: "CEO" })).status).toBe(200);
    expect((await api("PATCH", `/v1/companies/${converted.company.id}`, { address: "Lyon" })).status).toBe(200);
    const dealB = (await api("POST", "/v1/deals", { title: "Lost deal" })).body;
    // Deals move through the push path (the sync engine), like the extension moves them.
    const clientId = newId();
    const push = await api("POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [
        {
          id: 1,
          name: "moveDeal",
          args: { dealId: converted.deal.id, stage: "proposal", activityId: newId() },
          hlc: clock(clientId),
        },
        {
          id: 2,
          name: "moveDeal",
          args: { dealId: converted.deal.id, stage: "won", activityId: newId() },
          hlc: clock(clientId),
        },
        {
          id: 3,
          name: "moveDeal",
          args: { dealId: dealB.id, stage: "lost", activityId: newId() },
          hlc: clock(clientId),
        },
      ],
    });
    expect(push.body.results.map((r: { status: string }) => r.status)).toEqual(["applied", "applied", "applied"]);
    const task = (await api("POST", "/v1/tasks", { title: "Call Ann" })).body;
    await api("PATCH", `/v1/tasks/${task.id}`, { done: true });
    await api("POST", "/v1/activities", {
      type: "call",
      subject: { type: "contact", id: converted.contact.id },
      occurredAt: new Date().toISOString(),
      body: "Talked pricing",
    });
    const other = (await api("POST", "/v1/leads", { name: "Bo Gone" })).body;
    await api("DELETE", `/v1/leads/${other.id}`);
    const company = (await api("POST", "/v1/companies", { name: "Gone Co" })).body;
    await api("DELETE", `/v1/companies/${company.id}`);
    const contact = (await api("POST", "/v1/contacts", { name: "Cy Gone" })).body;
    await api("DELETE", `/v1/contacts/${contact.id}`);

    const expected = new Set(WEBHOOK_EVENT_TYPES);
    const seen = () => new Set(inbox.received.map((r) => verified(hook.secret, r).type));
    await eventually(
      () => [...expected].every((type) => seen().has(type)),
      () => `every event type; missing ${[...expected].filter((type) => !seen().has(type))}`,
    );
    for (const request of inbox.received) {
      expect(request.headers["webhook-id"]).toMatch(/^msg_/);
      expect(request.headers["webhook-timestamp"]).toMatch(/^\d+$/);
      expect(request.headers["webhook-signature"]).toMatch(/^v1,/);
      const payload = verified(hook.secret, request);
      expect(payload.data.actor).toEqual({ id: team.members.member.id, name: "member of Events" });
      expect(payload.data.workspaceId).toBe(team.workspaceId);
    }
    const byType = (type: string) => inbox.received.map((r) => verified(hook.secret, r)).filter((p) => p.type === type);
    expect(byType("lead.updated")[0]!.data.record).toMatchObject({ id: lead.id, title: "CTO" });
    expect(byType("lead.converted")[0]!.data.record).toMatchObject({ id: lead.id, status: "converted" });
    expect(byType("deal.won")[0]!.data.record).toMatchObject({ id: converted.deal.id, stage: "won" });
    expect(byType("deal.stage_changed").map((p) => p.data.record.stage)).toEqual(
      expect.arrayContaining(["proposal", "won", "lost"]),
    );
    expect(byType("deal.lost")[0]!.data.record).toMatchObject({ id: dealB.id });
    expect(byType("task.completed")[0]!.data.record).toMatchObject({ id: task.id, done: true });
    expect(byType("lead.deleted")[0]!.data.record).toMatchObject({ id: other.id, deleted: true });
    // A wrong secret does not verify.
    expect(() => verified(`whsec_${Buffer.from("x".repeat(32)).toString("base64")}`, inbox.received[0]!)).toThrow();
    // Only what the endpoint subscribed to, and only once per change.
    const ids = inbox.received.map((r) => r.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("pass an endpoint's owner and tag filters only", async () => {
    const team = await createTeam(server.url, "Filters");
    const byOwner = await receiver();
    const byTag = await receiver();
    const ownerHook = await register(team, {
      url: byOwner.url,
      events: ["lead.created"],
      filter: { ownerId: team.members.member.id },
    });
    const tagHook = await register(team, { url: byTag.url, events: ["lead.created"], filter: { tag: "vip" } });
    const api = http(server.url, team.members.member.token);
    await api("POST", "/v1/leads", { name: "Owned", ownerId: team.members.member.id });
    await api("POST", "/v1/leads", { name: "Tagged", tags: ["VIP"] });
    await api("POST", "/v1/leads", { name: "Neither", ownerId: team.members.admin.id, tags: ["cold"] });
    await api("POST", "/v1/leads", { name: "Last", ownerId: team.members.member.id, tags: ["vip"] });
    await eventually(() => byOwner.received.length >= 2 && byTag.received.length >= 2, "filtered events");
    const names = (inbox: TestReceiver, secret: string) =>
      inbox.received.map((r) => verified(secret, r).data.record.name).sort();
    expect(names(byOwner, ownerHook.secret)).toEqual(["Last", "Owned"]);
    expect(names(byTag, tagHook.secret)).toEqual(["Last", "Tagged"]);
  });
});

describe("webhook delivery", () => {
  it("retries with backoff and the same webhook-id until the receiver takes it, and logs each attempt", async () => {
    const team = await createTeam(server.url, "Retry");
    const inbox = await receiver();
    inbox.answers = [{ status: 500 }, { status: 503 }];
    const hook = await register(team, { url: inbox.url, events: ["lead.created"] });
    await http(server.url, team.members.member.token)("POST", "/v1/leads", { name: "Retry Me" });
    const admin = http(server.url, team.members.admin.token);
    const delivery = await eventually(async () => {
      const log = await admin("GET", `/v1/webhooks/${hook.id}/deliveries`);
      return log.body.items.find((d: { status: string }) => d.status === "succeeded");
    }, "the delivery to succeed");
    expect(inbox.received).toHaveLength(3);
    const ids = new Set(inbox.received.map((r) => r.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    expect(delivery).toMatchObject({
      messageId: [...ids][0],
      eventType: "lead.created",
      attempts: 3,
      responseStatus: 200,
      responseExcerpt: "answer 200",
      latencyMs: expect.any(Number),
      nextAttemptAt: null,
    });
    for (const request of inbox.received) verified(hook.secret, request);
  });

  it("keeps a failing delivery's next retry in the log and stops after the retry window", async () => {
    const team = await createTeam(server.url, "GiveUp");
    const inbox = await receiver();
    inbox.answers = Array.from({ length: 100 }, () => ({ status: 500 }));
    const hook = await register(team, { url: inbox.url, events: ["lead.created"] });
    await worker.stop();
    const shortWindow = startWebhookWorker(server.database, { ...FAST, retryBaseMs: 3_600_000, retryForMs: 1 });
    try {
      await http(server.url, team.members.member.token)("POST", "/v1/leads", { name: "Never" });
      const failed = await eventually(async () => {
        const log = await http(server.url, team.members.admin.token)("GET", `/v1/webhooks/${hook.id}/deliveries`);
        return log.body.items.find((d: { status: string }) => d.status === "failed");
      }, "the delivery to be given up");
      expect(failed).toMatchObject({ responseStatus: 500, responseExcerpt: "answer 500", nextAttemptAt: null });
    } finally {
      await shortWindow.stop();
      worker = startWebhookWorker(server.database, FAST);
    }
  });

  it("turns an endpoint off on 410 Gone and tells the admins (Settings' notice, audit log)", async () => {
    const team = await createTeam(server.url, "Gone");
    const inbox = await receiver();
    inbox.answers = [{ status: 410 }];
    const hook = await register(team, { url: inbox.url, events: ["lead.created"] });
    const api = http(server.url, team.members.member.token);
    await api("POST", "/v1/leads", { name: "First" });
    const admin = http(server.url, team.members.admin.token);
    const off = await eventually(async () => {
      const list = await admin("GET", "/v1/webhooks");
      return list.body.items.find((w: { enabled: boolean }) => !w.enabled);
    }, "the endpoint to be turned off");
    expect(off.disabledReason).toContain("410 Gone");
    const audit = await http(server.url, team.members.owner.token)("GET", "/v1/audit?action=webhook.disabled");
    expect(audit.body.items).toEqual([expect.objectContaining({ recordId: hook.id, memberId: null })]);
    await api("POST", "/v1/leads", { name: "Second" });
    // Turned back on by an admin: the notice goes, and new events flow again.
    const on = await admin("PATCH", `/v1/webhooks/${hook.id}`, { enabled: true });
    expect(on.body).toMatchObject({ enabled: true, disabledReason: null });
    await api("POST", "/v1/leads", { name: "Third" });
    await eventually(() => inbox.received.length >= 2, "the event after re-enabling");
    const names = inbox.received.map((r) => verified(hook.secret, r).data.record.name);
    expect(names).toEqual(["First", "Third"]);
  });

  it("turns an endpoint off after failing for the configured days", async () => {
    const team = await createTeam(server.url, "Failing");
    const inbox = await receiver();
    inbox.answers = Array.from({ length: 100 }, () => ({ status: 500 }));
    const hook = await register(team, { url: inbox.url, events: ["lead.created"] });
    await worker.stop();
    const impatient = startWebhookWorker(server.database, { ...FAST, disableAfterMs: 1 });
    try {
      await http(server.url, team.members.member.token)("POST", "/v1/leads", { name: "A" });
      const off = await eventually(async () => {
        const list = await http(server.url, team.members.admin.token)("GET", "/v1/webhooks");
        return list.body.items.find((w: { id: string; enabled: boolean }) => w.id === hook.id && !w.enabled);
      }, "the endpoint to be turned off");
      expect(off.disabledReason).toMatch(/Every delivery failed/);
    } finally {
      await impatient.stop();
      worker = startWebhookWorker(server.database, FAST);
    }
  });

  it("pages the delivery log newest first with a cursor: every delivery exactly once; a bad cursor is a 400", async () => {
    const team = await createTeam(server.url, "Pages");
    // Turned off: the worker leaves these rows as they are.
    const hook = await register(team, { url: "http://127.0.0.1:9/hook", events: ["lead.created"], enabled: false });
    const at = Date.now();
    const rows = Array.from({ length: 7 }, (_, i) => ({
      id: newId(),
      workspaceId: team.workspaceId,
      endpointId: hook.id,
      messageId: `msg_page_${i}`,
      eventType: "lead.created",
      payload: "{}",
      status: "succeeded" as const,
      attempts: 1,
      createdAt: new Date(at + i).toISOString(),
      createdMs: at + i,
    }));
    await server.database.db.insert(webhookDeliveries).values(rows);
    const admin = http(server.url, team.members.admin.token);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } = await admin(
        "GET",
        `/v1/webhooks/${hook.id}/deliveries?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((d) => d.id));
      sizes.push(page.body.items.length);
      cursor = page.body.nextCursor;
    } while (cursor && sizes.length < 10);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(
      rows
        .map((r) => r.id)
        .sort()
        .reverse(),
    );
    for (const bad of ["cursor=not-a-cursor", "limit=0", "limit=101", "limit=ten"]) {
      const res = await admin("GET", `/v1/webhooks/${hook.id}/deliveries?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code, bad).toBe("invalid_input");
    }
  });

  it("replays a delivery as a new delivery with the same webhook-id and payload", async () => {
    const team = await createTeam(server.url, "Replay");
    const inbox = await receiver();
    const hook = await register(team, { url: inbox.url, events: ["lead.created"] });
    await http(server.url, team.members.member.token)("POST", "/v1/leads", { name: "Again" });
    await eventually(() => inbox.received.length === 1, "the first delivery");
    const admin = http(server.url, team.members.admin.token);
    const [first] = (await admin("GET", `/v1/webhooks/${hook.id}/deliveries`)).body.items;
    const replay = await admin("POST", `/v1/webhooks/${hook.id}/deliveries/${first.id}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ messageId: first.messageId, replayOf: first.id, status: "pending" });
    await eventually(() => inbox.received.length === 2, "the replay");
    expect(inbox.received[1]!.headers["webhook-id"]).toBe(inbox.received[0]!.headers["webhook-id"]);
    expect(inbox.received[1]!.body).toBe(inbox.received[0]!.body);
    verified(hook.secret, inbox.received[1]!);
    expect((await admin("POST", `/v1/webhooks/${hook.id}/deliveries/${newId()}/replay`)).status).toBe(404);
  });

  it("signs with both secrets for a day after a rotation, then the new secret only", async () => {
    const team = await createTeam(server.url, "Rotate");
    const inbox = await receiver();
    const hook = await register(team, { url: inbox.url, events: ["lead.created"] });
    const rotated = await http(server.url, team.members.owner.token)("POST", `/v1/webhooks/${hook.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(hook.secret);
    expect(Date.parse(rotated.body.previousSecretUntil) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    await http(server.url, team.members.member.token)("POST", "/v1/leads", { name: "Rotated" });
    await eventually(() => inbox.received.length === 1, "the delivery");
    const request = inbox.received[0]!;
    expect(String(request.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    // A receiver holding either key verifies it.
    verified(hook.secret, request);
    verified(rotated.body.secret, request);
  });

  it("deletes an endpoint (nothing is sent) and restores it (the undo)", async () => {
    const team = await createTeam(server.url, "Delete");
    const inbox = await receiver();
    const hook = await register(team, { url: inbox.url, events: ["lead.created"] });
    const admin = http(server.url, team.members.admin.token);
    expect((await admin("DELETE", `/v1/webhooks/${hook.id}`)).status).toBe(204);
    expect((await admin("GET", "/v1/webhooks")).body.items).toEqual([]);
    await http(server.url, team.members.member.token)("POST", "/v1/leads", { name: "Unheard" });
    expect((await admin("POST", `/v1/webhooks/${hook.id}/restore`)).status).toBe(200);
    expect((await admin("POST", `/v1/webhooks/${hook.id}/restore`)).status).toBe(404);
    await http(server.url, team.members.member.token)("POST", "/v1/leads", { name: "Heard" });
    await eventually(() => inbox.received.length >= 1, "the event after restoring");
    expect(inbox.received.map((r) => verified(hook.secret, r).data.record.name)).toEqual(["Heard"]);
  });

  it("never makes a push wait: a receiver that does not answer holds only its delivery", async () => {
    const team = await createTeam(server.url, "Hang");
    const inbox = await receiver();
    inbox.answers = Array.from({ length: 20 }, () => "hang" as const);
    await register(team, { url: inbox.url, events: ["lead.created"] });
    const api = http(server.url, team.members.member.token);
    await api("POST", "/v1/leads", { name: "Held" });
    await eventually(() => inbox.received.length >= 1, "the hanging delivery");
    // The receiver still holds that request open; pushes go on.
    const clientId = newId();
    const push = await api("POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [
        {
          id: 1,
          name: "create",
          args: { type: "lead", id: newId(), fields: { name: "Goes on" } },
          hlc: clock(clientId),
        },
      ],
    });
    expect(push.status).toBe(200);
    expect(push.body.results).toEqual([{ id: 1, status: "applied" }]);
    expect((await api("POST", "/v1/leads", { name: "And on" })).status).toBe(201);
    expect(inbox.received.length).toBeGreaterThanOrEqual(1);
    inbox.release();
  });
});

describe("the private-address guard at delivery", () => {
  it("refuses a name resolving to a private address after DNS resolution, and never follows a redirect", async () => {
    // This server allow-lists localhost for registration; the delivery workers below do not allow
    // it, so `localhost` is checked after resolution at delivery.
    const lenient = await startTestServer({ ...UNLIMITED, LEADPANE_WEBHOOK_ALLOW_HOSTS: "localhost,127.0.0.1" });
    try {
      const team = await createTeam(lenient.url, "Guard");
      const api = http(lenient.url, team.members.admin.token);
      const byName = await receiver();
      const named = (
        await api("POST", "/v1/webhooks", { url: `http://localhost:${byName.port}/hook`, events: ["lead.created"] })
      ).body;
      const nothingAllowed = startWebhookWorker(lenient.database, { ...FAST, allowHosts: "" });
      try {
        await http(lenient.url, team.members.member.token)("POST", "/v1/leads", { name: "Guarded" });
        const refused = await eventually(async () => {
          const log = await api("GET", `/v1/webhooks/${named.id}/deliveries`);
          return log.body.items.find((d: { lastAttemptAt: string | null }) => d.lastAttemptAt);
        }, "the refused attempt");
        expect(refused.error).toMatch(
          /^Refused: localhost resolves to (127\.0\.0\.1|::1) is a private network address$/,
        );
        expect(refused.responseStatus).toBeNull();
        expect(byName.received).toHaveLength(0);
      } finally {
        await nothingAllowed.stop();
      }
      await api("PATCH", `/v1/webhooks/${named.id}`, { enabled: false });

      // A receiver on an allowed address redirects to one that is not: the redirect is not followed.
      const target = await receiver("127.0.0.2");
      const redirector = await receiver();
      redirector.answers = Array.from({ length: 50 }, () => ({ status: 307, headers: { location: target.url } }));
      const redirecting = (await api("POST", "/v1/webhooks", { url: redirector.url, events: ["lead.created"] })).body;
      const loopbackOnly = startWebhookWorker(lenient.database, { ...FAST, allowHosts: "127.0.0.1" });
      try {
        await http(lenient.url, team.members.member.token)("POST", "/v1/leads", { name: "Redirected" });
        const redirected = await eventually(async () => {
          const log = await api("GET", `/v1/webhooks/${redirecting.id}/deliveries`);
          return log.body.items.find((d: { lastAttemptAt: string | null }) => d.lastAttemptAt);
        }, "the redirected attempt");
        expect(redirected).toMatchObject({ responseStatus: 307, status: "pending" });
        expect(redirector.received.length).toBeGreaterThanOrEqual(1);
        expect(target.received).toHaveLength(0);
      } finally {
        await loopbackOnly.stop();
      }
    } finally {
      await lenient.close();
    }
  });
});

describe("roles, once more", () => {
  it("every role's answer on the list", async () => {
    const team = await createTeam(server.url, "RoleList");
    const statuses = await Promise.all(
      TEST_ROLES.map(async (role) => (await http(server.url, team.members[role].token)("GET", "/v1/webhooks")).status),
    );
    expect(statuses).toEqual([200, 200, 403, 403]);
  });
});
