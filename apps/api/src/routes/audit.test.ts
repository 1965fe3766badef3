import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, UNLIMITED } from "../testing/team.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

describe("GET /v1/audit", () => {
  it("records who did what to records and to the team, newest first, in pages, for owners and admins", async () => {
    const team = await createTeam(server.url);
    const { owner, admin, member, viewer } = team.members;
    const lead = (await http(server.url, member.token)("POST", "/v1/leads", { name: "Ann Audit" })).body;
    await http(server.url, member.token)("PATCH", `/v1/leads/${lead.id}`, { title: "VP" });
    await http(server.url, member.token)("DELETE", `/v1/leads/${lead.id}`);
    const invite = (await http(server.url, admin.token)("POST", "/v1/invites", { role: "viewer" })).body;
    await http(server.url, admin.token)("DELETE", `/v1/invites/${invite.id}`);
    await http(server.url, owner.token)("PATCH", `/v1/members/${viewer.id}`, { role: "member" });
    await http(server.url, owner.token)("GET", "/v1/export");

    for (const role of ["member", "viewer"] as const) {
      const refused = await http(server.url, team.members[role].token)("GET", "/v1/audit");
      expect(refused.status).toBe(403);
    }
    const all = await http(server.url, admin.token)("GET", "/v1/audit?limit=200");
    expect(all.status).toBe(200);
    const actions = all.body.items.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 7)).toEqual([
      "workspace.exported",
      "member.role_changed",
      "invite.revoked",
      "invite.created",
      "delete",
      "update",
      "create",
    ]);
    expect(actions).toEqual(expect.arrayContaining(["workspace.created", "invite.accepted"]));
    expect(all.body.items.find((e: { action: string }) => e.action === "update")).toMatchObject({
      memberId: member.id,
      recordType: "lead",
      recordId: lead.id,
      at: expect.any(String),
    });
    expect(all.body.items.find((e: { action: string }) => e.action === "member.role_changed")).toMatchObject({
      memberId: owner.id,
      recordId: viewer.id,
      detail: { from: "viewer", to: "member" },
    });
    // Invite codes and tokens never reach the log.
    expect(JSON.stringify(all.body)).not.toContain(invite.code);
    expect(JSON.stringify(all.body)).not.toContain(member.token);

    const pages: string[][] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } = await http(
        server.url,
        owner.token,
      )("GET", `/v1/audit?limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      pages.push(page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    }
    expect(pages.flat()).toEqual(all.body.items.map((e: { id: string }) => e.id));
    expect(pages[0]).toHaveLength(4);

    const filtered = await http(server.url, owner.token)("GET", `/v1/audit?recordId=${lead.id}`);
    expect(filtered.body.items.map((e: { action: string }) => e.action)).toEqual(["delete", "update", "create"]);
    expect((await http(server.url, owner.token)("GET", "/v1/audit?limit=201")).status).toBe(400);
    expect((await http(server.url, owner.token)("GET", "/v1/audit?cursor=abc")).status).toBe(400);
  });

  it("shows only the caller's workspace", async () => {
    const a = await createTeam(server.url, "A");
    const b = await createTeam(server.url, "B");
    await http(server.url, b.members.member.token)("POST", "/v1/leads", { name: "Secret B lead" });
    const log = await http(server.url, a.members.owner.token)("GET", "/v1/audit?limit=200");
    const bMembers = new Set(Object.values(b.members).map((m) => m.id));
    expect(log.body.items.some((e: { memberId: string }) => bMembers.has(e.memberId))).toBe(false);
  });
});
