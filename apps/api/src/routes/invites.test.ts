import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, signUp, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam } from "../testing/team.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe("invites", () => {
  it("lets a teammate join once with a code, with the invited role", async () => {
    const owner = await signUp(server.url);
    const invite = await http(server.url, owner.token)("POST", "/v1/invites", { role: "member" });
    expect(invite.status).toBe(201);
    const accept = http(server.url);
    const joined = await accept("POST", "/v1/invites/accept", {
      code: invite.body.code.toLowerCase(),
      name: "Bob Rep",
      email: "bob@acme.test",
    });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({
      workspace: { id: owner.workspace.id },
      member: { role: "member", email: "bob@acme.test" },
    });
    const again = await accept("POST", "/v1/invites/accept", {
      code: invite.body.code,
      name: "Eve",
      email: "eve@x.test",
    });
    expect(again.status).toBe(404);
    const me = await http(server.url, joined.body.token)("GET", "/v1/me");
    expect(me.body).toMatchObject({ workspace: { id: owner.workspace.id }, member: { name: "Bob Rep" } });
  });

  it("does not let members or viewers invite, nor viewers write", async () => {
    const owner = await signUp(server.url);
    const code = (await http(server.url, owner.token)("POST", "/v1/invites", { role: "viewer" })).body.code;
    const viewer = (await http(server.url)("POST", "/v1/invites/accept", { code, name: "Vic", email: "vic@acme.test" }))
      .body;
    const asViewer = http(server.url, viewer.token);
    expect((await asViewer("POST", "/v1/invites", { role: "member" })).status).toBe(403);
    expect((await asViewer("POST", "/v1/leads", { name: "Nope" })).status).toBe(403);
    expect((await asViewer("GET", "/v1/leads")).status).toBe(200);
  });

  it("needs the setup token to create a workspace when sign-up is closed", async () => {
    const closed = await startTestServer({ LEADPANE_SIGNUP: "closed" });
    try {
      const res = await http(closed.url)("POST", "/v1/workspaces", {
        name: "X",
        owner: { name: "O", email: "o@x.test" },
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("signup_closed");
    } finally {
      await closed.close();
    }
  });

  it("accepts a code exactly once when two accepts race", async () => {
    const owner = await signUp(server.url);
    const code = (await http(server.url, owner.token)("POST", "/v1/invites", { role: "member" })).body.code;
    const accept = (email: string) => http(server.url)("POST", "/v1/invites/accept", { code, name: "Racer", email });
    const results = await Promise.all([accept("one@race.test"), accept("two@race.test"), accept("three@race.test")]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 404, 404]);
    const joined = await server.database.client.execute({
      sql: "select count(*) as n from members where workspace_id = ? and email like '%@race.test'",
      args: [owner.workspace.id],
    });
    expect(Number(joined.rows[0]!.n)).toBe(1);
  });

  it("lists pending invites without their codes, and a revoked code no longer works", async () => {
    const team = await createTeam(server.url);
    const { admin, member } = team.members;
    const created = (
      await http(server.url, admin.token)("POST", "/v1/invites", { role: "viewer", email: "Guest@Partner.test" })
    ).body;
    expect(created).toMatchObject({ role: "viewer", email: "guest@partner.test" });
    const list = await http(server.url, admin.token)("GET", "/v1/invites");
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: created.id, role: "viewer", email: "guest@partner.test", createdBy: admin.id }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.code);
    expect((await http(server.url, member.token)("GET", "/v1/invites")).status).toBe(403);
    expect((await http(server.url, member.token)("DELETE", `/v1/invites/${created.id}`)).status).toBe(403);
    expect((await http(server.url, admin.token)("DELETE", `/v1/invites/${created.id}`)).status).toBe(204);
    expect((await http(server.url, admin.token)("DELETE", `/v1/invites/${created.id}`)).status).toBe(404);
    expect((await http(server.url, admin.token)("GET", "/v1/invites")).body.items).toEqual([]);
    const accept = await http(server.url)("POST", "/v1/invites/accept", {
      code: created.code,
      name: "Guest",
      email: "guest@partner.test",
    });
    expect(accept.status).toBe(404);
  });

  it("binds an invite to its email address and refuses an expired code", async () => {
    const owner = await signUp(server.url);
    const api = http(server.url, owner.token);
    const bound = (await api("POST", "/v1/invites", { role: "member", email: "ann@acme.test" })).body;
    const wrong = await http(server.url)("POST", "/v1/invites/accept", {
      code: bound.code,
      name: "Mallory",
      email: "mallory@evil.test",
    });
    expect(wrong.status).toBe(403);
    // The failed attempt did not use the code up.
    const right = await http(server.url)("POST", "/v1/invites/accept", {
      code: bound.code,
      name: "Ann",
      email: "ANN@acme.test",
    });
    expect(right.status).toBe(201);
    const stale = (await api("POST", "/v1/invites", { role: "member" })).body;
    await server.database.client.execute({
      sql: "update invites set expires_at = '2000-01-01T00:00:00.000Z' where id = ?",
      args: [stale.id],
    });
    expect(
      (
        await http(server.url)("POST", "/v1/invites/accept", {
          code: stale.code,
          name: "Late",
          email: "late@acme.test",
        })
      ).status,
    ).toBe(404);
  });

  it("refuses to add a second member with an email already in the workspace", async () => {
    const owner = await signUp(server.url, "Dup", "dup-owner@acme.test");
    const code = (await http(server.url, owner.token)("POST", "/v1/invites", { role: "member" })).body.code;
    const again = await http(server.url)("POST", "/v1/invites/accept", {
      code,
      name: "Me again",
      email: "dup-owner@acme.test",
    });
    expect(again.status).toBe(409);
  });
});
