import { newId } from "@leadpane/domain";
import { PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, type TestTeam, UNLIMITED } from "../testing/team.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

const PATHS = {
  lead: "leads",
  contact: "contacts",
  company: "companies",
  deal: "deals",
  activity: "activities",
  task: "tasks",
} as const;
type Type = keyof typeof PATHS;

/** Fields that make a valid record of each type (`about` names the record an activity or task is about). */
function fieldsFor(type: Type, about: string, n = 0): Record<string, unknown> {
  switch (type) {
    case "lead":
      return { name: `Lead ${n}` };
    case "contact":
      return { name: `Contact ${n}` };
    case "company":
      return { name: `Company ${n}`, domain: `co-${newId().slice(0, 8)}.test` };
    case "deal":
      return { title: `Deal ${n}` };
    case "activity":
      return {
        type: "note",
        subject: { type: "lead", id: about },
        body: `Note ${n}`,
        occurredAt: new Date().toISOString(),
      };
    case "task":
      return { title: `Task ${n}`, subject: { type: "lead", id: about } };
  }
}

async function rowsOf(workspaceId: string): Promise<string> {
  const rows = await server.database.client.execute({
    sql: "select type, id, data, meta, deleted, version from records where workspace_id = ? order by type, id",
    args: [workspaceId],
  });
  return JSON.stringify(rows.rows);
}

async function makeTeam(): Promise<{ team: TestTeam; api: ReturnType<typeof http>; anchor: string }> {
  const team = await createTeam(server.url, "Trash");
  const api = http(server.url, team.members.member.token);
  const anchor = (await api("POST", "/v1/leads", { name: "Anchor" })).body.id as string;
  return { team, api, anchor };
}

/** Creates and deletes a record through the API; its id. */
async function trashed(api: ReturnType<typeof http>, type: Type, about: string, n = 0): Promise<string> {
  const created = await api("POST", `/v1/${PATHS[type]}`, fieldsFor(type, about, n));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await api("DELETE", `/v1/${PATHS[type]}/${created.body.id}`)).status).toBe(204);
  return created.body.id;
}

describe("GET /v1/trash", () => {
  it("lists deleted records of every type, most recently deleted first, with who deleted them and until when", async () => {
    const { team, api, anchor } = await makeTeam();
    const ids: Record<string, string> = {};
    for (const type of Object.keys(PATHS) as Type[]) ids[type] = await trashed(api, type, anchor);
    const { status, body } = await http(server.url, team.members.viewer.token)("GET", "/v1/trash");
    expect(status).toBe(200);
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((i: { type: string; id: string }) => `${i.type}:${i.id}`)).toEqual(
      ["task", "activity", "deal", "company", "contact", "lead"].map((type) => `${type}:${ids[type]}`),
    );
    const [task, activity, , company] = body.items;
    expect(task).toEqual({
      type: "task",
      id: ids.task,
      title: "Task 0",
      deletedAt: expect.any(String),
      deletedBy: team.members.member.id,
      restorableUntil: expect.any(String),
    });
    expect(activity.title).toBe("Note: Note 0");
    expect(company.name).toBe("Company 0");
    expect(Date.parse(task.restorableUntil) - Date.parse(task.deletedAt)).toBe(30 * 24 * 60 * 60 * 1000);
    expect(Math.abs(Date.parse(task.deletedAt) - Date.now())).toBeLessThan(60_000);
    // The live anchor is not in the trash.
    expect(body.items.some((i: { id: string }) => i.id === anchor)).toBe(false);
  });

  it("pages with a cursor, filters by type, and refuses a cursor it did not make", async () => {
    const { api, anchor } = await makeTeam();
    const leads: string[] = [];
    for (let n = 0; n < 5; n++) leads.push(await trashed(api, "lead", anchor, n));
    await trashed(api, "deal", anchor);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { items: Array<{ id: string; type: string }>; nextCursor: string | null } } =
        await api("GET", `/v1/trash?type=lead&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      expect(page.body.items.every((i) => i.type === "lead")).toBe(true);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...leads].reverse());
    const bad = await api("GET", "/v1/trash?cursor=not-a-cursor");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_input");
    expect((await api("GET", "/v1/trash?type=widget")).status).toBe(400);
  });

  it("shows only this workspace's trash", async () => {
    const a = await makeTeam();
    const b = await makeTeam();
    const theirs = await trashed(b.api, "lead", b.anchor);
    const mine = await trashed(a.api, "lead", a.anchor);
    const list = await a.api("GET", "/v1/trash?limit=200");
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([mine]);
    expect(theirs).not.toBe(mine);
  });
});

describe("POST /v1/<type>/:id/restore", () => {
  it("brings a deleted record of every type back through the sync engine, so clients pull it", async () => {
    const { team, api, anchor } = await makeTeam();
    const clientId = newId();
    const pull = async (cookie: number) =>
      (await api("GET", `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${clientId}&cookie=${cookie}`))
        .body;
    for (const type of Object.keys(PATHS) as Type[]) {
      const id = await trashed(api, type, anchor);
      const { cookie } = await pull(0);
      const restored = await api("POST", `/v1/${PATHS[type]}/${id}/restore`);
      expect(restored.status, JSON.stringify(restored.body)).toBe(200);
      expect(restored.body.id).toBe(id);
      expect(restored.body.deleted).toBeUndefined();
      expect((await api("GET", `/v1/${PATHS[type]}/${id}`)).status).toBe(200);
      // A client that had pulled the tombstone receives the record alive again.
      const changes = await pull(cookie);
      expect(changes.patch).toContainEqual({
        op: "put",
        record: expect.objectContaining({ type, id, deleted: false }),
      });
      // Out of the trash, and a second restore finds nothing to restore.
      const trash = await api("GET", "/v1/trash");
      expect(trash.body.items.some((i: { id: string }) => i.id === id)).toBe(false);
      expect((await api("POST", `/v1/${PATHS[type]}/${id}/restore`)).status).toBe(404);
    }
    const audit = await http(server.url, team.members.owner.token)("GET", "/v1/audit?action=restore");
    expect(audit.body.items).toHaveLength(6);
  });

  it("restores a record whose delete came from a client whose clock runs ahead of the server's", async () => {
    const { api } = await makeTeam();
    const id = (await api("POST", "/v1/leads", { name: "Ahead" })).body.id;
    const ahead = `${String(Date.now() + 50_000).padStart(15, "0")}-00000-fastclock`;
    const push = await api("POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId: newId(),
      mutations: [{ id: 1, name: "delete", args: { type: "lead", id }, hlc: ahead }],
    });
    expect(push.body.results).toEqual([{ id: 1, status: "applied" }]);
    const restored = await api("POST", `/v1/leads/${id}/restore`);
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect((await api("GET", `/v1/leads/${id}`)).status).toBe(200);
  });

  it("answers 404 for a live record, an unknown id and another workspace's deleted record; 403 for a viewer", async () => {
    const a = await makeTeam();
    const b = await makeTeam();
    const theirs = await trashed(b.api, "lead", b.anchor);
    const mine = await trashed(a.api, "lead", a.anchor);
    const before = await rowsOf(b.team.workspaceId);
    for (const id of [a.anchor, newId(), theirs]) {
      const res = await a.api("POST", `/v1/leads/${id}/restore`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    // The wrong type for the id is not in this type's trash either.
    expect((await a.api("POST", `/v1/contacts/${mine}/restore`)).status).toBe(404);
    const viewer = await http(server.url, a.team.members.viewer.token)("POST", `/v1/leads/${mine}/restore`);
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.code).toBe("forbidden");
    expect((await a.api("GET", `/v1/leads/${mine}`)).status).toBe(404);
    expect(await rowsOf(b.team.workspaceId)).toBe(before);
    expect((await a.api("POST", "/v1/leads/not-a-uuid/restore")).status).toBe(400);
  });

  it("refuses to restore a record merged into another with 409, saying where it lives on", async () => {
    const { team, api } = await makeTeam();
    const survivor = (await api("POST", "/v1/leads", { name: "Jane Doe", emails: ["jane@acme.test"] })).body.id;
    const merged = (await api("POST", "/v1/leads", { name: "Jane D.", emails: ["jd@acme.test"] })).body.id;
    const push = await api("POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId: newId(),
      mutations: [
        {
          id: 1,
          name: "mergeRecords",
          args: { type: "lead", survivorId: survivor, mergedId: merged },
          hlc: `${String(Date.now()).padStart(15, "0")}-00000-merger`,
        },
      ],
    });
    expect(push.body.results).toEqual([{ id: 1, status: "applied" }]);
    const before = await rowsOf(team.workspaceId);
    const res = await api("POST", `/v1/leads/${merged}/restore`);
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({ code: "conflict", message: `lead ${merged} was merged into ${survivor}` });
    expect(await rowsOf(team.workspaceId)).toBe(before);
    // Not listed either: it lives on in the survivor.
    expect((await api("GET", "/v1/trash")).body.items).toEqual([]);
  });
});

describe("re-creating a deleted record's id", () => {
  it("answers 409 for every type, telling to restore it, and changes nothing", async () => {
    const { team, api, anchor } = await makeTeam();
    for (const type of Object.keys(PATHS) as Type[]) {
      const id = await trashed(api, type, anchor);
      const before = await rowsOf(team.workspaceId);
      const again = await api("POST", `/v1/${PATHS[type]}`, { id, ...fieldsFor(type, anchor, 1) });
      expect(again.status, `${type}: ${JSON.stringify(again.body)}`).toBe(409);
      expect(again.body.error).toEqual({
        code: "conflict",
        message: `${type} ${id} is in the trash; restore it instead`,
      });
      expect(await rowsOf(team.workspaceId)).toBe(before);
      expect((await api("GET", `/v1/${PATHS[type]}/${id}`)).status).toBe(404);
    }
  });

  it("rejects a sync create of a deleted id as a conflict without jamming the client's queue", async () => {
    const { api, anchor } = await makeTeam();
    const id = await trashed(api, "lead", anchor);
    const hlc = (i: number) => `${String(Date.now()).padStart(15, "0")}-${String(i).padStart(5, "0")}-client`;
    const push = await api("POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId: newId(),
      mutations: [
        { id: 1, name: "create", args: { type: "lead", id, fields: { name: "Again" } }, hlc: hlc(1) },
        { id: 2, name: "create", args: { type: "lead", id: newId(), fields: { name: "Next" } }, hlc: hlc(2) },
      ],
    });
    expect(push.body).toEqual({
      lastMutationId: 2,
      results: [
        {
          id: 1,
          status: "rejected",
          error: { code: "conflict", message: `lead ${id} is in the trash; restore it instead` },
        },
        { id: 2, status: "applied" },
      ],
    });
  });
});
