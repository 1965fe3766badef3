// A record's postal address over HTTP: accepted, validated and returned in its parts; records stored before
// the field existed read and update as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, signUp, startTestServer, type TestServer } from "../testing/server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe("postal addresses over HTTP", () => {
  it("round-trips a contact's address: create, read, replace, clear", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const created = await api("POST", "/v1/contacts", {
      name: "Ida Brandt",
      postalAddress: { street: " Am Markt 3 ", locality: "Leipzig", postalCode: "04109", country: "de" },
    });
    expect(created.status).toBe(201);
    const address = { street: "Am Markt 3", locality: "Leipzig", postalCode: "04109", country: "DE" };
    expect(created.body.postalAddress).toEqual(address);
    const id = created.body.id as string;
    expect((await api("GET", `/v1/contacts/${id}`)).body.postalAddress).toEqual(address);

    const moved = {
      street: "1200 South Congress Avenue, Suite 210",
      locality: "Austin",
      region: "TX",
      postalCode: "78704",
      country: "US",
    };
    const patched = await api("PATCH", `/v1/contacts/${id}`, { postalAddress: moved });
    expect(patched.status).toBe(200);
    expect(patched.body.postalAddress).toEqual(moved);
    expect((await api("GET", `/v1/contacts/${id}`)).body.postalAddress).toEqual(moved);

    const cleared = await api("PATCH", `/v1/contacts/${id}`, { postalAddress: null });
    expect(cleared.body.postalAddress).toBeNull();
  });

  it("refuses a country that is not a two-letter code, and an empty address, with 400 and the issues, changing nothing", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const company = await api("POST", "/v1/companies", {
      name: "Kestrel Werke",
      postalAddress: { street: "Lindenallee 7", postalCode: "04109", locality: "Leipzig", country: "DE" },
    });
    expect(company.status).toBe(201);
    const id = company.body.id as string;
    const bad = await api("PATCH", `/v1/companies/${id}`, {
      postalAddress: { locality: "Leipzig", country: "Germany" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_input");
    expect(bad.body.error.issues.some((i: { path: unknown[] }) => i.path.join(".") === "postalAddress.country")).toBe(
      true,
    );
    expect((await api("PATCH", `/v1/companies/${id}`, { postalAddress: {} })).status).toBe(400);
    expect((await api("GET", `/v1/companies/${id}`)).body.postalAddress).toMatchObject({ country: "DE" });
  });

  it("reads and updates a record stored before addresses existed", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const lead = await api("POST", "/v1/leads", { name: "Old Lead", title: "CTO" });
    const id = lead.body.id as string;
    // As a server before this field stored it: no postalAddress key at all.
    await server.database.client.execute({
      sql: "update records set data = json_remove(data, '$.postalAddress') where id = ?",
      args: [id],
    });
    const read = await api("GET", `/v1/leads/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe("Old Lead");
    const patched = await api("PATCH", `/v1/leads/${id}`, { title: "CEO" });
    expect(patched).toMatchObject({ status: 200, body: { title: "CEO" } });
    const addressed = await api("PATCH", `/v1/leads/${id}`, { postalAddress: { locality: "Osaka", country: "JP" } });
    expect(addressed.body.postalAddress).toEqual({ locality: "Osaka", country: "JP" });
  });

  it("documents the address in the OpenAPI record schemas", async () => {
    const res = await fetch(`${server.url}/v1/openapi.json`);
    const doc = (await res.json()) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    for (const name of ["Lead", "Contact", "Company"])
      expect(doc.components.schemas[name]?.properties).toHaveProperty("postalAddress");
  });
});
