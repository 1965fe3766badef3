import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, UNLIMITED } from "../testing/team.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

async function roles(workspaceId: string): Promise<Record<string, string>> {
  const rows = await server.database.client.execute({
    sql: "select email, role from members where workspace_id = ? and removed_at is null",
    args: [workspaceId],
  });
  return Object.fromEntries(rows.rows.map((r) => [String(r.email).split("@")[0], String(r.role)]));
}

describe("members", () => {
  it("lists the team with roles, for every role", async () => {
    const team = await createTeam(server.url);
    const list = await http(server.url, team.members.viewer.token)("GET", "/v1/members");
    expect(list.status).toBe(200);
    expect(list.body.items.map((m: { role: string }) => m.role).sort()).toEqual(["admin", "member", "owner", "viewer"]);
  });

  it("lets owners and admins change roles, not members or viewers, and never to or from owner", async () => {
    const team = await createTeam(server.url);
    const { owner, admin, member, viewer } = team.members;
    expect(
      (await http(server.url, admin.token)("PATCH", `/v1/members/${viewer.id}`, { role: "member" })).body,
    ).toMatchObject({ id: viewer.id, role: "member" });
    expect((await http(server.url, member.token)("PATCH", `/v1/members/${viewer.id}`, { role: "admin" })).status).toBe(
      403,
    );
    expect((await http(server.url, viewer.token)("PATCH", `/v1/members/${viewer.id}`, { role: "admin" })).status).toBe(
      403,
    );
    expect((await http(server.url, owner.token)("PATCH", `/v1/members/${member.id}`, { role: "owner" })).status).toBe(
      400,
    );
    expect((await http(server.url, admin.token)("PATCH", `/v1/members/${owner.id}`, { role: "viewer" })).status).toBe(
      409,
    );
    expect((await http(server.url, owner.token)("PATCH", `/v1/members/${owner.id}`, { role: "admin" })).status).toBe(
      409,
    );
    expect(await roles(team.workspaceId)).toEqual({
      owner: "owner",
      admin: "admin",
      member: "member",
      viewer: "member",
    });
    // The new role applies from the next request: the promoted viewer may now write.
    expect((await http(server.url, viewer.token)("POST", "/v1/leads", { name: "Now allowed" })).status).toBe(201);
  });

  it("removes a member: their tokens stop working at once, and they leave the list", async () => {
    const team = await createTeam(server.url);
    const { owner, member } = team.members;
    expect((await http(server.url, member.token)("GET", "/v1/me")).status).toBe(200);
    expect((await http(server.url, owner.token)("DELETE", `/v1/members/${member.id}`)).status).toBe(204);
    const after = await http(server.url, member.token)("GET", "/v1/me");
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthorized");
    const revoked = await server.database.client.execute({
      sql: "select count(*) as n from tokens where member_id = ? and revoked_at is null",
      args: [member.id],
    });
    expect(Number(revoked.rows[0]!.n)).toBe(0);
    expect(
      (await http(server.url, owner.token)("GET", "/v1/members")).body.items.map((m: { id: string }) => m.id),
    ).not.toContain(member.id);
    // Removing again is a 404: the member is gone.
    expect((await http(server.url, owner.token)("DELETE", `/v1/members/${member.id}`)).status).toBe(404);
  });

  it("never removes the owner; members may leave on their own, not remove others", async () => {
    const team = await createTeam(server.url);
    const { owner, admin, member, viewer } = team.members;
    expect((await http(server.url, admin.token)("DELETE", `/v1/members/${owner.id}`)).status).toBe(409);
    expect((await http(server.url, owner.token)("DELETE", `/v1/members/${owner.id}`)).status).toBe(409);
    expect((await http(server.url, member.token)("DELETE", `/v1/members/${viewer.id}`)).status).toBe(403);
    expect((await http(server.url, viewer.token)("DELETE", `/v1/members/${viewer.id}`)).status).toBe(204);
    expect(await roles(team.workspaceId)).toEqual({ owner: "owner", admin: "admin", member: "member" });
  });

  it("transfers ownership: exactly one owner before and after, the old owner becomes admin", async () => {
    const team = await createTeam(server.url);
    const { owner, admin, member } = team.members;
    expect((await http(server.url, admin.token)("POST", `/v1/members/${member.id}/transfer-ownership`)).status).toBe(
      403,
    );
    const res = await http(server.url, owner.token)("POST", `/v1/members/${member.id}/transfer-ownership`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      owner: { id: member.id, role: "owner" },
      previousOwner: { id: owner.id, role: "admin" },
    });
    expect(await roles(team.workspaceId)).toEqual({
      owner: "admin",
      admin: "admin",
      member: "owner",
      viewer: "viewer",
    });
    // The former owner's token now carries the admin role.
    expect((await http(server.url, owner.token)("POST", `/v1/members/${admin.id}/transfer-ownership`)).status).toBe(
      403,
    );
    expect((await http(server.url, owner.token)("GET", "/v1/me")).body.member.role).toBe("admin");
  });

  it("keeps one owner when two transfers race", async () => {
    const team = await createTeam(server.url);
    const { owner, admin, member } = team.members;
    const results = await Promise.all([
      http(server.url, owner.token)("POST", `/v1/members/${admin.id}/transfer-ownership`),
      http(server.url, owner.token)("POST", `/v1/members/${member.id}/transfer-ownership`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 403]);
    const owners = Object.values(await roles(team.workspaceId)).filter((r) => r === "owner");
    expect(owners).toHaveLength(1);
  });
});
