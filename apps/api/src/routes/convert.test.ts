import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, signUp, startTestServer, type TestServer } from "../testing/server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

async function snapshot(): Promise<string> {
  const rows = await server.database.client.execute("select type, id, data, deleted from records order by type, id");
  return JSON.stringify(rows.rows);
}

describe("POST /v1/leads/:id/convert", () => {
  it("converts a qualified lead into a contact, a company by domain and a deal, idempotently", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const lead = (
      await api("POST", "/v1/leads", {
        name: "Jane Doe",
        emails: ["jane@globex.com"],
        title: "CTO",
        companyName: "Globex",
        status: "working",
      })
    ).body;
    expect((await api("PATCH", `/v1/leads/${lead.id}`, { status: "qualified" })).status).toBe(200);
    const converted = await api("POST", `/v1/leads/${lead.id}/convert`, {
      deal: { title: "Globex pilot", amount: 1_200_000, currency: "EUR" },
    });
    expect(converted.status).toBe(200);
    const { contact, company, deal } = converted.body;
    expect(converted.body.lead).toMatchObject({
      status: "converted",
      convertedContactId: contact.id,
      convertedCompanyId: company.id,
      convertedDealId: deal.id,
    });
    expect(contact).toMatchObject({
      name: "Jane Doe",
      emails: ["jane@globex.com"],
      title: "CTO",
      companyId: company.id,
    });
    expect(company).toMatchObject({ domain: "globex.com" });
    expect(deal).toMatchObject({
      title: "Globex pilot",
      amount: 1_200_000,
      currency: "EUR",
      contactId: contact.id,
      companyId: company.id,
    });

    const before = await snapshot();
    const again = await api("POST", `/v1/leads/${lead.id}/convert`, {
      deal: { title: "Globex pilot", amount: 1_200_000, currency: "EUR" },
    });
    expect(again.status).toBe(200);
    expect(again.body.contact.id).toBe(contact.id);
    expect(await snapshot()).toBe(before);

    const differently = await api("POST", `/v1/leads/${lead.id}/convert`, { deal: { title: "Another deal" } });
    expect(differently.status).toBe(409);
    expect(differently.body.error.code).toBe("conflict");
    expect(await snapshot()).toBe(before);

    // The lead's capture history is reachable from the contact's page.
    const lookup = await api("GET", "/v1/lookup?email=jane@globex.com");
    expect(lookup.body.contacts.map((c: { id: string }) => c.id)).toEqual([contact.id]);
    expect(lookup.body.activities.some((a: { type: string }) => a.type === "conversion")).toBe(true);
  });

  it("reuses an existing contact with the same email and never makes a company from free mail", async () => {
    const { token } = await signUp(server.url);
    const api = http(server.url, token);
    const existing = (
      await api("POST", "/v1/contacts", { name: "Sam Roe", emails: ["sam.roe@gmail.com"], title: "Founder" })
    ).body;
    const lead = (
      await api("POST", "/v1/leads", {
        name: "Samuel Roe",
        emails: ["SAM.ROE@gmail.com"],
        title: "CEO",
        status: "qualified",
      })
    ).body;
    const res = await api("POST", `/v1/leads/${lead.id}/convert`, {});
    expect(res.status).toBe(200);
    expect(res.body.contact.id).toBe(existing.id);
    expect(res.body.contact.title).toBe("Founder");
    expect(res.body.company).toBeNull();
    expect((await api("GET", "/v1/companies")).body.items).toEqual([]);
  });

  it("answers 409 for a lead that cannot convert, 404 for another workspace's lead, 400 for a bad body", async () => {
    const a = await signUp(server.url, "A", "a@a.test");
    const b = await signUp(server.url, "B", "b@b.test");
    const asA = http(server.url, a.token);
    const lead = (await asA("POST", "/v1/leads", { name: "Una Qualified", status: "working" })).body;
    await asA("PATCH", `/v1/leads/${lead.id}`, { status: "unqualified", unqualifiedReason: "no budget" });
    const before = await snapshot();
    expect((await asA("POST", `/v1/leads/${lead.id}/convert`, {})).status).toBe(409);
    expect((await http(server.url, b.token)("POST", `/v1/leads/${lead.id}/convert`, {})).status).toBe(404);
    expect((await asA("POST", `/v1/leads/${lead.id}/convert`, { deal: { title: "" } })).status).toBe(400);
    expect((await asA("POST", `/v1/leads/not-a-uuid/convert`, {})).status).toBe(400);
    expect(await snapshot()).toBe(before);
  });
});
