import { newId } from "@leadpane/domain";
import { PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, UNLIMITED } from "../testing/team.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

async function createKey(token: string, name: string, scope: "read" | "write") {
  const created = await http(server.url, token)("POST", "/v1/api-keys", { name, scope });
  expect(created.status).toBe(201);
  return created.body as { id: string; key: string; name: string; scope: string };
}

describe("API keys", () => {
  it("are made by owners and admins, shown once, stored only as a hash, listed with their last use", async () => {
    const team = await createTeam(server.url);
    const created = await createKey(team.members.admin.token, "Zapier", "write");
    expect(created.key).toMatch(/^lpk_[A-Za-z0-9_-]{40,}$/);
    const stored = await server.database.client.execute({
      sql: "select * from api_keys where id = ?",
      args: [created.id],
    });
    expect(JSON.stringify(stored.rows)).not.toContain(created.key);
    expect(stored.rows[0]!.last_used_at).toBeNull();

    const me = await http(server.url, created.key)("GET", "/v1/me");
    expect(me.status).toBe(200);
    expect(me.body.member.id).toBe(team.members.admin.id);

    const list = await http(server.url, team.members.owner.token)("GET", "/v1/api-keys");
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      {
        id: created.id,
        name: "Zapier",
        scope: "write",
        createdBy: { id: team.members.admin.id, name: "admin of Team" },
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.key);
    // Not a device: the device list does not show it.
    const devices = await http(server.url, team.members.admin.token)("GET", "/v1/tokens");
    expect(devices.body.items.map((t: { id: string }) => t.id)).not.toContain(created.id);

    const audit = await server.database.client.execute({
      sql: "select action from audit_log where workspace_id = ? and record_id = ?",
      args: [team.workspaceId, created.id],
    });
    expect(audit.rows.map((row) => row.action)).toEqual(["api_key.created"]);
  });

  it("are refused to members and viewers, and a bad body gets a 400 that creates nothing", async () => {
    const team = await createTeam(server.url);
    for (const role of ["member", "viewer"] as const) {
      const token = team.members[role].token;
      expect((await http(server.url, token)("POST", "/v1/api-keys", { name: "x", scope: "read" })).status).toBe(403);
      expect((await http(server.url, token)("GET", "/v1/api-keys")).status).toBe(403);
    }
    const owner = http(server.url, team.members.owner.token);
    for (const body of [{ name: "", scope: "read" }, { name: "x", scope: "admin" }, { name: "x" }, { scope: "read" }]) {
      const refused = await owner("POST", "/v1/api-keys", body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("invalid_input");
    }
    expect((await owner("GET", "/v1/api-keys")).body.items).toEqual([]);
  });

  it("a read key reads but gets 403 on every write, sync push included", async () => {
    const team = await createTeam(server.url);
    const owner = http(server.url, team.members.owner.token);
    const lead = (await owner("POST", "/v1/leads", { name: "Ada Lovelace" })).body;
    const { key } = await createKey(team.members.owner.token, "BI dashboard", "read");
    const reader = http(server.url, key);
    const leads = await reader("GET", "/v1/leads");
    expect(leads.status).toBe(200);
    expect(leads.body.items.map((l: { id: string }) => l.id)).toEqual([lead.id]);
    const pull = await reader("GET", `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${newId()}`);
    expect(pull.status).toBe(200);
    const writes: Array<[string, string, unknown]> = [
      ["POST", "/v1/leads", { name: "Grace" }],
      ["PATCH", `/v1/leads/${lead.id}`, { name: "Ada King" }],
      ["DELETE", `/v1/leads/${lead.id}`, undefined],
      ["POST", `/v1/leads/${lead.id}/convert`, {}],
      ["POST", "/v1/sync/push", { clientId: "c", mutations: [] }],
      ["POST", "/v1/tasks", { title: "Call" }],
    ];
    for (const [method, path, body] of writes) {
      const refused = await reader(method, path, body);
      expect({ method, path, status: refused.status }).toEqual({ method, path, status: 403 });
      expect(refused.body.error.code).toBe("forbidden");
    }
    const after = await owner("GET", `/v1/leads/${lead.id}`);
    expect(after.body.name).toBe("Ada Lovelace");
    expect((await owner("GET", "/v1/leads")).body.items).toHaveLength(1);
  });

  it("a write key writes records but can mint no tokens or keys, touch no members, settings or feeds", async () => {
    const team = await createTeam(server.url);
    const { key } = await createKey(team.members.owner.token, "CRM sync", "write");
    const writer = http(server.url, key);
    const created = await writer("POST", "/v1/leads", { name: "Grace Hopper", emails: ["grace@navy.test"] });
    expect(created.status).toBe(201);
    expect((await writer("PATCH", `/v1/leads/${created.body.id}`, { title: "Rear Admiral" })).status).toBe(200);
    const refusals: Array<[string, string, unknown]> = [
      ["POST", "/v1/tokens", { label: "x" }],
      ["GET", "/v1/tokens", undefined],
      ["POST", "/v1/api-keys", { name: "more", scope: "write" }],
      ["GET", "/v1/api-keys", undefined],
      ["POST", "/v1/invites", { role: "admin" }],
      ["DELETE", `/v1/members/${team.members.owner.id}`, undefined],
      ["PATCH", `/v1/members/${team.members.viewer.id}`, { role: "admin" }],
      ["PATCH", "/v1/workspace/settings", {}],
      ["POST", "/v1/calendar-feed", undefined],
      ["GET", "/v1/export", undefined],
    ];
    for (const [method, path, body] of refusals) {
      const refused = await writer(method, path, body);
      expect({ method, path, status: refused.status }).toEqual({ method, path, status: 403 });
    }
    expect((await writer("GET", "/v1/members")).status).toBe(200);
    // Nothing was made: the owner still has one device and the one key.
    expect((await http(server.url, team.members.owner.token)("GET", "/v1/tokens")).body.items).toHaveLength(4);
    expect((await http(server.url, team.members.owner.token)("GET", "/v1/api-keys")).body.items).toHaveLength(1);
  });

  it("a revoked key is refused from the next request on; revoking is audited and 404s a second time", async () => {
    const team = await createTeam(server.url);
    const { id, key } = await createKey(team.members.owner.token, "Old script", "write");
    expect((await http(server.url, key)("GET", "/v1/leads")).status).toBe(200);
    const owner = http(server.url, team.members.owner.token);
    expect((await owner("DELETE", `/v1/api-keys/${id}`)).status).toBe(204);
    const refused = await http(server.url, key)("GET", "/v1/leads");
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("unauthorized");
    expect((await owner("DELETE", `/v1/api-keys/${id}`)).status).toBe(404);
    expect((await owner("GET", "/v1/api-keys")).body.items).toEqual([]);
    const audit = await server.database.client.execute({
      sql: "select action from audit_log where record_id = ? order by id",
      args: [id],
    });
    expect(audit.rows.map((row) => row.action)).toEqual(["api_key.created", "api_key.revoked"]);
  });

  it("a key stops working when the member who made it is removed", async () => {
    const team = await createTeam(server.url);
    const { key } = await createKey(team.members.admin.token, "Admin's script", "read");
    expect((await http(server.url, key)("GET", "/v1/leads")).status).toBe(200);
    const owner = http(server.url, team.members.owner.token);
    expect((await owner("DELETE", `/v1/members/${team.members.admin.id}`)).status).toBe(204);
    expect((await http(server.url, key)("GET", "/v1/leads")).status).toBe(401);
  });

  it("never cross workspaces: another workspace's key reads none of this one's records, nor lists or revokes its keys", async () => {
    const a = await createTeam(server.url, "Alpha");
    const b = await createTeam(server.url, "Beta");
    const lead = (await http(server.url, a.members.owner.token)("POST", "/v1/leads", { name: "Alpha's lead" })).body;
    const aKey = await createKey(a.members.owner.token, "Alpha key", "write");
    const bKey = await createKey(b.members.owner.token, "Beta key", "write");
    const fromB = http(server.url, bKey.key);
    expect((await fromB("GET", `/v1/leads/${lead.id}`)).status).toBe(404);
    expect((await fromB("GET", "/v1/leads")).body.items).toEqual([]);
    expect((await fromB("PATCH", `/v1/leads/${lead.id}`, { name: "stolen" })).status).toBe(404);
    const bOwner = http(server.url, b.members.owner.token);
    expect((await bOwner("GET", "/v1/api-keys")).body.items.map((k: { id: string }) => k.id)).toEqual([bKey.id]);
    expect((await bOwner("DELETE", `/v1/api-keys/${aKey.id}`)).status).toBe(404);
    expect((await http(server.url, aKey.key)("GET", `/v1/leads/${lead.id}`)).body.name).toBe("Alpha's lead");
  });
});
