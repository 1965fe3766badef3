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

describe("device names", () => {
  const CHROME_LINUX =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
  const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0";
  const labelOf = async (token: string) =>
    (await http(server.url, token)("GET", "/v1/tokens")).body.items.find((t: { current: boolean }) => t.current).label;

  it("names the device alike on every path that creates one: sign-up, invite, a new token", async () => {
    const ua = { "user-agent": CHROME_LINUX };
    const owner = await http(server.url)(
      "POST",
      "/v1/workspaces",
      { name: "Named Co", owner: { name: "Nia Owner", email: "nia@named.test" } },
      ua,
    );
    expect(owner.status).toBe(201);
    const { code } = (await http(server.url, owner.body.token)("POST", "/v1/invites", { role: "member" })).body;
    const mate = await http(server.url)(
      "POST",
      "/v1/invites/accept",
      { code, name: "Max Mate", email: "max@named.test" },
      ua,
    );
    expect(mate.status).toBe(201);
    const extra = await http(server.url, owner.body.token)("POST", "/v1/tokens", {}, { "user-agent": FIREFOX_WINDOWS });
    expect(extra.status).toBe(201);
    expect(await labelOf(owner.body.token)).toBe("Chrome on Linux");
    expect(await labelOf(mate.body.token)).toBe("Chrome on Linux");
    expect(await labelOf(extra.body.token)).toBe("Firefox on Windows");
  });

  it("keeps the name a client gives (the extension reads Client Hints), and refuses an empty one", async () => {
    const owner = await http(server.url)("POST", "/v1/workspaces", {
      name: "Hinted Co",
      owner: { name: "Hana Owner", email: "hana@hinted.test" },
      device: "Edge on Windows",
    });
    expect(await labelOf(owner.body.token)).toBe("Edge on Windows");
    const empty = await http(server.url)("POST", "/v1/workspaces", {
      name: "Empty Co",
      owner: { name: "Eve Owner", email: "eve@empty.test" },
      device: "  ",
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe("invalid_input");
  });
});
