import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, UNLIMITED } from "../testing/team.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

describe("device tokens", () => {
  it("creates a token for a new device, shown once, stored only as a hash, with last-used time", async () => {
    const team = await createTeam(server.url);
    const { member } = team.members;
    const created = await http(server.url, member.token)("POST", "/v1/tokens", { label: "Laptop" });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^lp_/);
    const stored = await server.database.client.execute({
      sql: "select * from tokens where id = ?",
      args: [created.body.id],
    });
    expect(JSON.stringify(stored.rows)).not.toContain(created.body.token);
    expect(stored.rows[0]!.last_used_at).toBeNull();
    expect((await http(server.url, created.body.token)("GET", "/v1/me")).body.member.id).toBe(member.id);
    const list = await http(server.url, created.body.token)("GET", "/v1/tokens");
    const laptop = list.body.items.find((t: { id: string }) => t.id === created.body.id);
    expect(laptop).toMatchObject({ label: "Laptop", current: true, memberId: member.id });
    expect(laptop.lastUsedAt).toEqual(expect.any(String));
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
  });

  it("shows members their own tokens and owners and admins everyone's", async () => {
    const team = await createTeam(server.url);
    const mine = await http(server.url, team.members.member.token)("GET", "/v1/tokens");
    expect(new Set(mine.body.items.map((t: { memberId: string }) => t.memberId))).toEqual(
      new Set([team.members.member.id]),
    );
    const all = await http(server.url, team.members.admin.token)("GET", "/v1/tokens");
    expect(all.body.items).toHaveLength(4);
    const one = await http(server.url, team.members.admin.token)(
      "GET",
      `/v1/tokens?memberId=${team.members.viewer.id}`,
    );
    expect(one.body.items.map((t: { memberId: string }) => t.memberId)).toEqual([team.members.viewer.id]);
  });

  it("refuses a revoked token from the very next request", async () => {
    const team = await createTeam(server.url);
    const { member, owner } = team.members;
    const second = (await http(server.url, member.token)("POST", "/v1/tokens", { label: "Phone" })).body;
    expect((await http(server.url, second.token)("GET", "/v1/leads")).status).toBe(200);
    expect((await http(server.url, member.token)("DELETE", `/v1/tokens/${second.id}`)).status).toBe(204);
    const refused = await http(server.url, second.token)("GET", "/v1/leads");
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    // The member's other device is unaffected; an owner can revoke it too.
    expect((await http(server.url, member.token)("GET", "/v1/leads")).status).toBe(200);
    const memberTokenId = (await http(server.url, member.token)("GET", "/v1/tokens")).body.items[0].id;
    expect((await http(server.url, owner.token)("DELETE", `/v1/tokens/${memberTokenId}`)).status).toBe(204);
    expect((await http(server.url, member.token)("GET", "/v1/leads")).status).toBe(401);
  });

  it("lets only owners and admins revoke others' tokens, and admins not the owner's", async () => {
    const team = await createTeam(server.url);
    const { owner, admin, member, viewer } = team.members;
    const ids = Object.fromEntries(
      (await http(server.url, owner.token)("GET", "/v1/tokens")).body.items.map(
        (t: { memberId: string; id: string }) => [t.memberId, t.id],
      ),
    );
    expect((await http(server.url, member.token)("DELETE", `/v1/tokens/${ids[viewer.id]}`)).status).toBe(404);
    expect((await http(server.url, admin.token)("DELETE", `/v1/tokens/${ids[owner.id]}`)).status).toBe(403);
    expect((await http(server.url, admin.token)("DELETE", `/v1/tokens/${ids[viewer.id]}`)).status).toBe(204);
    expect((await http(server.url, viewer.token)("GET", "/v1/me")).status).toBe(401);
    expect((await http(server.url, owner.token)("GET", "/v1/me")).status).toBe(200);
  });
});
