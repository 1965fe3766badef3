import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, signUp, startTestServer, type TestServer } from "../testing/server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

async function count(table: string): Promise<number> {
  const result = await server.database.client.execute(`select count(*) as n from ${table}`);
  return Number(result.rows[0]!.n);
}

describe("records over HTTP", () => {
  it("creates, reads, lists, updates and deletes a lead", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const created = await api("POST", "/v1/leads", {
      name: "Jane Doe",
      emails: ["Jane@Acme.com"],
      phones: ["+1 415 555 0100"],
      companyName: "Acme",
      source: { kind: "web", url: "https://acme.com/team" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Jane Doe",
      emails: ["jane@acme.com"],
      phones: ["+14155550100"],
      status: "new",
      source: { kind: "web" },
    });
    const id = created.body.id as string;
    expect((await api("GET", `/v1/leads/${id}`)).body.name).toBe("Jane Doe");
    const list = await api("GET", "/v1/leads?q=jane");
    expect(list.body.items.map((l: { id: string }) => l.id)).toEqual([id]);
    expect(list.body.nextCursor).toBeNull();
    const patched = await api("PATCH", `/v1/leads/${id}`, { title: "VP Sales" });
    expect(patched).toMatchObject({ status: 200, body: { title: "VP Sales", name: "Jane Doe" } });
    expect((await api("DELETE", `/v1/leads/${id}`)).status).toBe(204);
    expect((await api("GET", `/v1/leads/${id}`)).status).toBe(404);
  });

  it("answers bad JSON with 400 in the contract's shape and stores nothing", async () => {
    const { token } = await signUp(server.url);
    const before = await count("records");
    const res = await http(server.url, token)("POST", "/v1/leads", "{not json");
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: "invalid_json", message: expect.any(String) } });
    expect(await count("records")).toBe(before);
  });

  it("answers an invalid lead with 400 and the zod issues, storing nothing", async () => {
    const { token } = await signUp(server.url);
    const before = await count("records");
    const res = await http(server.url, token)("POST", "/v1/leads", {
      name: "",
      emails: ["not-an-email"],
      status: "bogus",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(res.body.error.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual([
      "emails",
      "name",
      "status",
    ]);
    expect(await count("records")).toBe(before);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|SQLITE|stack/i);
  });

  it("paginates lists with a cursor and caps the page size", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    for (let i = 0; i < 5; i++) await api("POST", "/v1/companies", { name: `Company ${i}` });
    const first = await api("GET", "/v1/companies?limit=2");
    const second = await api("GET", `/v1/companies?limit=2&cursor=${first.body.nextCursor}`);
    const third = await api("GET", `/v1/companies?limit=2&cursor=${second.body.nextCursor}`);
    const names = [...first.body.items, ...second.body.items, ...third.body.items].map((c: { name: string }) => c.name);
    expect(names).toEqual(["Company 4", "Company 3", "Company 2", "Company 1", "Company 0"]);
    expect(third.body.nextCursor).toBeNull();
    expect((await api("GET", "/v1/companies?limit=201")).status).toBe(400);
  });

  it("requires a token and hides other workspaces' records behind 404", async () => {
    const a = await signUp(server.url, "A team", "a@a.test");
    const b = await signUp(server.url, "B team", "b@b.test");
    const lead = await http(server.url, a.token)("POST", "/v1/leads", { name: "Secret Lead" });
    expect((await http(server.url)("GET", "/v1/leads")).status).toBe(401);
    const asB = http(server.url, b.token);
    expect((await asB("GET", `/v1/leads/${lead.body.id}`)).status).toBe(404);
    expect((await asB("PATCH", `/v1/leads/${lead.body.id}`, { title: "x" })).status).toBe(404);
    expect((await asB("DELETE", `/v1/leads/${lead.body.id}`)).status).toBe(404);
    expect((await asB("GET", "/v1/leads")).body.items).toEqual([]);
    expect((await http(server.url, a.token)("GET", `/v1/leads/${lead.body.id}`)).body.title).toBeNull();
  });

  it("refuses activity edits: activities are insert-only", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const lead = await api("POST", "/v1/leads", { name: "Ann" });
    const note = await api("POST", "/v1/activities", {
      type: "note",
      subject: { type: "lead", id: lead.body.id },
      body: "met at expo",
      occurredAt: new Date().toISOString(),
    });
    expect(note.status).toBe(201);
    expect((await api("PATCH", `/v1/activities/${note.body.id}`, { body: "edited" })).status).toBe(409);
  });

  it("keeps a company's domain unique in the workspace", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const acme = await api("POST", "/v1/companies", { name: "Acme", domain: "acme.com" });
    expect(acme.status).toBe(201);
    expect((await api("POST", "/v1/companies", { name: "Acme Inc", domain: "www.ACME.com" })).status).toBe(409);
    const other = await api("POST", "/v1/companies", { name: "Other", domain: "other.com" });
    expect((await api("PATCH", `/v1/companies/${other.body.id}`, { domain: "acme.com" })).status).toBe(409);
    expect(
      (await api("PATCH", `/v1/companies/${acme.body.id}`, { domain: "acme.com", name: "Acme Corp" })).status,
    ).toBe(200);
  });
});
