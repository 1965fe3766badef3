import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, signUp, startTestServer, type TestServer } from "../testing/server.ts";

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
    const joined = await accept("POST", "/v1/invites/accept", { code: invite.body.code.toLowerCase(), name: "Bob Rep", email: "bob@acme.test" });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ workspace: { id: owner.workspace.id }, member: { role: "member", email: "bob@acme.test" } });
    const again = await accept("POST", "/v1/invites/accept", { code: invite.body.code, name: "Eve", email: "eve@x.test" });
    expect(again.status).toBe(404);
    const me = await http(server.url, joined.body.token)("GET", "/v1/me");
    expect(me.body).toMatchObject({ workspace: { id: owner.workspace.id }, member: { name: "Bob Rep" } });
  });

  it("does not let members or viewers invite, nor viewers write", async () => {
    const owner = await signUp(server.url);
    const code = (await http(server.url, owner.token)("POST", "/v1/invites", { role: "viewer" })).body.code;
    const viewer = (await http(server.url)("POST", "/v1/invites/accept", { code, name: "Vic", email: "vic@acme.test" })).body;
    const asViewer = http(server.url, viewer.token);
    expect((await asViewer("POST", "/v1/invites", { role: "member" })).status).toBe(403);
    expect((await asViewer("POST", "/v1/leads", { name: "Nope" })).status).toBe(403);
    expect((await asViewer("GET", "/v1/leads")).status).toBe(200);
  });

  it("needs the setup token to create a workspace when sign-up is closed", async () => {
    const closed = await startTestServer({ LEADPANE_SIGNUP: "closed" });
    try {
      const res = await http(closed.url)("POST", "/v1/workspaces", { name: "X", owner: { name: "O", email: "o@x.test" } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("signup_closed");
    } finally {
      await closed.close();
    }
  });
});
