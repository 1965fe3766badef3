import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@leadpane/domain";
import { formatHlc, PROTOCOL_VERSION, type PatchOp } from "@leadpane/domain/sync";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, UNLIMITED, type TestTeam } from "../testing/team.ts";

// Erasure must be final: the newest state wins in a pull page, and no queued change from an offline
// client can bring an erased person (or notes and tasks about them) back. Over real HTTP on a libSQL file.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

let wall = Date.now();
const clock = (node: string) => formatHlc({ wall: ++wall, counter: 0, node });

/** A client with its own gap-free mutation ids. */
function syncClient(token: string) {
  const clientId = newId();
  let next = 1;
  return {
    clientId,
    async push(...mutations: Array<{ name: string; args: unknown }>) {
      const body = {
        protocolVersion: PROTOCOL_VERSION,
        clientId,
        mutations: mutations.map((m) => ({ id: next++, ...m, hlc: clock(clientId) })),
      };
      const res = await http(server.url, token)("POST", "/v1/sync/push", body);
      expect(res.status).toBe(200);
      return res.body as {
        lastMutationId: number;
        results: Array<{ id: number; status: string; error?: { code: string; message: string } }>;
      };
    },
    async pull(cookie = 0, limit = 5000) {
      const res = await http(server.url, token)(
        "GET",
        `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${clientId}&cookie=${cookie}&limit=${limit}`,
      );
      expect(res.status).toBe(200);
      return res.body as { cookie: number; hasMore: boolean; patch: PatchOp[] };
    },
  };
}

async function erase(team: TestTeam, type: string, id: string) {
  const res = await http(server.url, team.members.owner.token)("POST", "/v1/privacy/erase", { type, id });
  expect(res.status).toBe(200);
  return res.body as { version: number };
}

const refOf = (op: PatchOp) => (op.op === "put" ? `${op.record.type}:${op.record.id}` : `${op.type}:${op.id}`);

describe("erasure and push", () => {
  it("refuses, as processed rejections, every queued change that would bring an erased person back", async () => {
    const team = await createTeam(server.url, "Erase push");
    const rep = syncClient(team.members.member.token);
    const leadId = newId();
    const contactId = newId();
    const created = await rep.push(
      {
        name: "create",
        args: { type: "lead", id: leadId, fields: { name: "Erin Erased", emails: ["erin@gone.test"] } },
      },
      { name: "create", args: { type: "contact", id: contactId, fields: { name: "Kept Contact" } } },
    );
    expect(created.results.map((r) => r.status)).toEqual(["applied", "applied"]);
    await erase(team, "lead", leadId);

    // The rep was offline meanwhile: its queue still holds changes to Erin, a note and a task about
    // her, a re-create of her id, and one unrelated change that must still apply.
    const noteId = newId();
    const taskId = newId();
    const queued = await rep.push(
      { name: "update", args: { type: "lead", id: leadId, set: { title: "CEO" } } },
      { name: "add", args: { type: "lead", id: leadId, field: "tags", values: ["vip"] } },
      { name: "restore", args: { type: "lead", id: leadId } },
      {
        name: "create",
        args: { type: "lead", id: leadId, fields: { name: "Erin Erased", emails: ["erin@gone.test"] } },
      },
      {
        name: "create",
        args: {
          type: "activity",
          id: noteId,
          fields: {
            type: "note",
            subject: { type: "lead", id: leadId },
            body: "Called Erin",
            occurredAt: new Date().toISOString(),
          },
        },
      },
      {
        name: "create",
        args: {
          type: "task",
          id: taskId,
          fields: { title: "Follow up with Erin", subject: { type: "lead", id: leadId } },
        },
      },
      { name: "update", args: { type: "contact", id: contactId, set: { title: "Buyer" } } },
      { name: "setLeadStatus", args: { leadId, status: "working", activityId: newId() } },
    );
    // Every one is processed (the queue drains), only the unrelated change applies.
    expect(queued.lastMutationId).toBe(10);
    expect(queued.results.map((r) => r.status)).toEqual([
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "applied",
      "rejected",
    ]);
    expect(queued.results[7]!.error?.code).toBe("erased");
    // Each says why: the record was erased (an update, add or restore would otherwise only find
    // nothing; a create would bring the person, or a note or task about her, back).
    for (const result of queued.results.slice(0, 6)) {
      expect(result.error?.code).toBe("erased");
      expect(result.error?.message).toMatch(/erased/);
    }

    // Nothing of Erin is stored again; a fresh client sees the contact's change and no Erin.
    const fresh = syncClient(team.members.admin.token);
    const page = await fresh.pull();
    const refs = page.patch.filter((op) => op.op === "put").map(refOf);
    expect(refs).toContain(`contact:${contactId}`);
    expect(refs).not.toContain(`lead:${leadId}`);
    expect(refs).not.toContain(`activity:${noteId}`);
    expect(refs).not.toContain(`task:${taskId}`);
    expect(page.patch.find((op) => op.op === "put" && op.record.id === contactId)).toMatchObject({
      record: { data: { title: "Buyer" } },
    });
    const stored = await server.database.client.execute({
      sql: "SELECT count(*) AS n FROM records WHERE id IN (?, ?, ?)",
      args: [leadId, noteId, taskId],
    });
    expect(Number(stored.rows[0]!.n)).toBe(0);
    const keys = await server.database.client.execute({
      sql: "SELECT count(*) AS n FROM record_keys WHERE id = ? OR key = 'email:erin@gone.test'",
      args: [leadId],
    });
    expect(Number(keys.rows[0]!.n)).toBe(0);

    // A retry of the same push is reported duplicate, not rejected again or applied.
    const http2 = await http(server.url, team.members.member.token)("POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId: rep.clientId,
      mutations: [
        {
          id: 9,
          name: "create",
          args: { type: "lead", id: leadId, fields: { name: "Erin" } },
          hlc: clock(rep.clientId),
        },
      ],
    });
    expect(http2.body.results).toEqual([{ id: 9, status: "duplicate" }]);
  });

  it("refuses an erased record through the plain HTTP routes too, and keeps other workspaces unaffected", async () => {
    const team = await createTeam(server.url, "Erase routes");
    const other = await createTeam(server.url, "Erase other");
    const rep = syncClient(team.members.member.token);
    const leadId = newId();
    await rep.push({ name: "create", args: { type: "lead", id: leadId, fields: { name: "Gone Person" } } });
    await erase(team, "lead", leadId);
    const note = await http(server.url, team.members.member.token)("POST", "/v1/activities", {
      type: "note",
      subject: { type: "lead", id: leadId },
      body: "about a person who was erased",
      occurredAt: new Date().toISOString(),
    });
    expect(note.status).toBe(409);
    expect(JSON.stringify(note.body)).toMatch(/erased/);
    // The same id means nothing in another workspace: erasures are per workspace.
    const elsewhere = syncClient(other.members.member.token);
    const applied = await elsewhere.push({
      name: "create",
      args: { type: "lead", id: leadId, fields: { name: "Someone else" } },
    });
    expect(applied.results[0]!.status).toBe("applied");
  });
});

describe("erasure and pull", () => {
  it("never sends an erasure after a newer state of the same record: the newest state wins", async () => {
    const team = await createTeam(server.url, "Erase pull");
    const rep = syncClient(team.members.member.token);
    const backId = newId();
    const goneId = newId();
    await rep.push(
      { name: "create", args: { type: "lead", id: backId, fields: { name: "Comes Back" } } },
      { name: "create", args: { type: "lead", id: goneId, fields: { name: "Stays Gone" } } },
    );
    const erased = await erase(team, "lead", backId);
    await erase(team, "lead", goneId);
    // A record stored again after its erasure: written before the push guard existed (the guard
    // now refuses it), so it is put straight into the table at a later version.
    const row = {
      id: backId,
      name: "Comes Back",
      status: "new",
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    const ws = team.workspaceId;
    const version = Number(
      (
        await server.database.client.execute({
          sql: "UPDATE workspaces SET version = version + 1 WHERE id = ? RETURNING version",
          args: [ws],
        })
      ).rows[0]!.version,
    );
    expect(version).toBeGreaterThan(erased.version);
    await server.database.client.execute({
      sql:
        "INSERT INTO records (workspace_id, type, id, data, meta, deleted, " +
        "version, created_at, updated_at) VALUES (?, 'lead', ?, ?, ?, 0, ?, ?, ?)",
      args: [
        ws,
        backId,
        JSON.stringify(row),
        JSON.stringify({ clocks: {}, sets: {}, history: [] }),
        version,
        row.createdAt,
        row.updatedAt,
      ],
    });
    const after = await rep.push({ name: "update", args: { type: "lead", id: backId, set: { title: "Later" } } });
    expect(after.results[0]!.status).toBe("rejected");

    // A first load sees the record once, as a put, and no del for it; the other erasure stays.
    const fresh = syncClient(team.members.admin.token);
    const page = await fresh.pull();
    const about = page.patch.filter((op) => refOf(op) === `lead:${backId}`);
    expect(about).toHaveLength(1);
    expect(about[0]).toMatchObject({ op: "put", record: { id: backId, data: { name: "Comes Back" } } });
    expect(page.patch.filter((op) => refOf(op) === `lead:${goneId}`)).toEqual([
      { op: "del", type: "lead", id: goneId },
    ]);
    // Oldest change first: the patch's puts and dels follow the workspace versions.
    const versions = page.patch
      .filter((op) => op.op === "put")
      .map((op) => (op as Extract<PatchOp, { op: "put" }>).record.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));

    // A client that pulled before the erasure, one page at a time: del first, the put later.
    const pages: PatchOp[] = [];
    let cookie = 0;
    for (let hasMore = true; hasMore; ) {
      const next = await fresh.pull(cookie, 1);
      pages.push(...next.patch);
      ({ cookie, hasMore } = next);
    }
    const sequence = pages.filter((op) => refOf(op) === `lead:${backId}`).map((op) => op.op);
    expect(sequence.at(-1)).toBe("put");
  });
});
