import { newId } from "@leadpane/domain";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, UNLIMITED } from "../testing/team.ts";
import { purgeTrash, startPurgeJob } from "./purge.ts";

const DAY = 24 * 60 * 60 * 1000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

async function team() {
  const t = await createTeam(server.url, "Purge");
  return { ...t, api: http(server.url, t.members.member.token) };
}

async function workspaceState(workspaceId: string): Promise<string> {
  const records = await server.database.client.execute({
    sql: "select type, id, data, meta, deleted, version from records where workspace_id = ? order by type, id",
    args: [workspaceId],
  });
  const erasures = await server.database.client.execute({
    sql: "select * from erasures where workspace_id = ?",
    args: [workspaceId],
  });
  const version = await server.database.client.execute({
    sql: "select version from workspaces where id = ?",
    args: [workspaceId],
  });
  return JSON.stringify([records.rows, erasures.rows, version.rows]);
}

/** A sync client of one member: pushes with consecutive ids and clocks at the given wall times. */
function client(api: ReturnType<typeof http>) {
  const clientId = newId();
  let next = 1;
  return {
    async push(name: string, args: unknown, wall = Date.now()) {
      const id = next++;
      const res = await api("POST", "/v1/sync/push", {
        protocolVersion: PROTOCOL_VERSION,
        clientId,
        mutations: [{ id, name, args, hlc: formatHlc({ wall, counter: 0, node: "offline" }) }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as {
        lastMutationId: number;
        results: Array<{ status: string; error?: { code: string; message: string } }>;
      };
    },
    async pull(cookie = 0) {
      const res = await api(
        "GET",
        `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${clientId}&cookie=${cookie}`,
      );
      return res.body as { cookie: number; patch: Array<{ op: string; type?: string; id?: string }> };
    },
  };
}

describe("purging the trash", () => {
  it("keeps a deleted record restorable on day 29 and purges it by day 31, telling every client", async () => {
    const { api } = await team();
    const kept = (await api("POST", "/v1/leads", { name: "Kept" })).body.id as string;
    const doomed = (await api("POST", "/v1/leads", { name: "Doomed" })).body.id as string;
    const deletedAt = Date.now();
    for (const id of [kept, doomed]) expect((await api("DELETE", `/v1/leads/${id}`)).status).toBe(204);
    const device = client(api);
    const { cookie } = await device.pull();

    expect(await purgeTrash(server.database, () => deletedAt + 29 * DAY)).toEqual({});
    expect((await api("GET", "/v1/trash")).body.items.map((i: { id: string }) => i.id).sort()).toEqual(
      [kept, doomed].sort(),
    );
    expect((await api("POST", `/v1/leads/${kept}/restore`)).status).toBe(200);

    const purged = await purgeTrash(server.database, () => deletedAt + 31 * DAY);
    expect(Object.values(purged)).toEqual([1]);
    expect((await api("GET", "/v1/trash")).body.items).toEqual([]);
    expect((await api("POST", `/v1/leads/${doomed}/restore`)).status).toBe(404);
    expect((await api("GET", `/v1/leads/${doomed}`)).status).toBe(404);
    // The restored record is untouched; a client that held the tombstone is told to drop it.
    expect((await api("GET", `/v1/leads/${kept}`)).body.name).toBe("Kept");
    expect((await device.pull(cookie)).patch).toContainEqual({ op: "del", type: "lead", id: doomed });
    // Purging again finds nothing.
    expect(await purgeTrash(server.database, () => deletedAt + 40 * DAY)).toEqual({});
  });

  it("refuses an offline client's later change to a purged record as `purged`, without jamming its queue", async () => {
    const { api } = await team();
    const doomed = (await api("POST", "/v1/leads", { name: "Doomed" })).body.id as string;
    const deletedAt = Date.now();
    expect((await api("DELETE", `/v1/leads/${doomed}`)).status).toBe(204);
    await purgeTrash(server.database, () => deletedAt + 31 * DAY);
    const device = client(api);
    const message = `lead ${doomed} was deleted more than 30 days ago and purged from the trash`;
    for (const [name, args] of [
      ["update", { type: "lead", id: doomed, set: { title: "CTO" } }],
      ["restore", { type: "lead", id: doomed }],
      ["create", { type: "lead", id: doomed, fields: { name: "Back" } }],
    ] as const) {
      const answer = await device.push(name, args);
      expect(answer.results, name).toEqual([
        expect.objectContaining({ status: "rejected", error: { code: "purged", message } }),
      ]);
    }
    // The queue moved on: the next change applies.
    const after = await device.push("create", { type: "lead", id: newId(), fields: { name: "Next" } });
    expect(after).toEqual({ lastMutationId: 4, results: [{ id: 4, status: "applied" }] });
    // Over REST a create of the purged id is a conflict too; a note about it stays possible.
    const again = await api("POST", "/v1/leads", { id: doomed, name: "Back" });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({ code: "conflict", message });
    expect((await api("GET", `/v1/leads/${doomed}`)).status).toBe(404);
    const note = await api("POST", "/v1/activities", {
      type: "note",
      subject: { type: "lead", id: doomed },
      body: "About the old lead",
      occurredAt: new Date().toISOString(),
    });
    expect(note.status).toBe(201);
  });

  it("purges only tombstones past 30 days, in each workspace, and leaves other workspaces untouched", async () => {
    const a = await team();
    const b = await team();
    const now = Date.now();
    const old = (await a.api("POST", "/v1/leads", { name: "Old" })).body.id as string;
    const young = (await b.api("POST", "/v1/leads", { name: "Young" })).body.id as string;
    const live = (await b.api("POST", "/v1/leads", { name: "Live" })).body.id as string;
    // Deletes made offline 31 and 29 days ago, pushed now: their clocks say when they were made.
    expect((await client(a.api).push("delete", { type: "lead", id: old }, now - 31 * DAY)).results[0]!.status).toBe(
      "applied",
    );
    expect((await client(b.api).push("delete", { type: "lead", id: young }, now - 29 * DAY)).results[0]!.status).toBe(
      "applied",
    );
    const before = await workspaceState(b.workspaceId);
    expect(await purgeTrash(server.database, () => now)).toEqual({ [a.workspaceId]: 1 });
    expect(await workspaceState(b.workspaceId)).toBe(before);
    expect((await b.api("GET", "/v1/trash")).body.items.map((i: { id: string }) => i.id)).toEqual([young]);
    expect((await b.api("GET", `/v1/leads/${live}`)).status).toBe(200);
    expect((await a.api("GET", "/v1/trash")).body.items).toEqual([]);
    // Two days later the younger one is past 30 days too.
    expect(await purgeTrash(server.database, () => now + 2 * DAY)).toEqual({ [b.workspaceId]: 1 });
    expect((await b.api("GET", `/v1/leads/${live}`)).status).toBe(200);
  });

  it("runs in the API process: at start, then on its interval, until stopped", async () => {
    const { api } = await team();
    const id = (await api("POST", "/v1/leads", { name: "Doomed" })).body.id as string;
    expect((await api("DELETE", `/v1/leads/${id}`)).status).toBe(204);
    let now = Date.now() + 29 * DAY;
    const stop = startPurgeJob(server.database, { intervalMs: 20, now: () => now });
    try {
      const inTrash = async () => (await api("GET", "/v1/trash")).body.items.length;
      expect(await inTrash()).toBe(1);
      now += 2 * DAY;
      await expect.poll(inTrash, { timeout: 10_000 }).toBe(0);
    } finally {
      stop();
    }
  });
});
