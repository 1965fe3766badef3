import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, UNLIMITED } from "../testing/team.ts";
import { parseVcards } from "@leadpane/domain/vcard";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

describe("GET /v1/export", () => {
  it("exports the whole workspace as JSON for the owner only, without deleted records", async () => {
    const team = await createTeam(server.url);
    const api = http(server.url, team.members.member.token);
    const kept = (await api("POST", "/v1/leads", { name: "Kept Lead", emails: ["kept@acme.test"] })).body;
    const gone = (await api("POST", "/v1/leads", { name: "Gone Lead" })).body;
    await api("DELETE", `/v1/leads/${gone.id}`);
    await api("POST", "/v1/companies", { name: "Acme", domain: "acme.test" });
    for (const role of ["admin", "member", "viewer"] as const) {
      expect((await http(server.url, team.members[role].token)("GET", "/v1/export")).status).toBe(403);
    }
    const res = await http(server.url, team.members.owner.token)("GET", "/v1/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="leadpane-workspace-.*\.json"/);
    expect(res.body.workspace.id).toBe(team.workspaceId);
    expect(res.body.members).toHaveLength(4);
    expect(res.body.records.leads.map((l: { id: string }) => l.id)).toEqual([kept.id]);
    expect(res.body.records.companies).toHaveLength(1);
    expect(Object.keys(res.body.records).sort()).toEqual([
      "activities",
      "companies",
      "contacts",
      "deals",
      "leads",
      "tasks",
    ]);
    const leadsOnly = await http(server.url, team.members.owner.token)("GET", "/v1/export?type=lead");
    expect(Object.keys(leadsOnly.body.records)).toEqual(["leads"]);
  });

  it("exports one type as CSV that a spreadsheet cannot execute", async () => {
    const team = await createTeam(server.url);
    const api = http(server.url, team.members.owner.token);
    await api("POST", "/v1/leads", {
      name: '=HYPERLINK("http://evil.test","click")',
      emails: ["a@x.test", "b@x.test"],
      tags: ["vip"],
    });
    await api("POST", "/v1/leads", { name: 'Plain, "quoted" name', companyName: "Initech" });
    const res = await fetch(`${server.url}/v1/export?format=csv&type=lead`, {
      headers: { authorization: `Bearer ${team.members.owner.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const parsed = Papa.parse<Record<string, string>>(await res.text(), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields?.[0]).toBe("id");
    const names = parsed.data.map((row) => row.name).sort();
    expect(names).toEqual(['\'=HYPERLINK("http://evil.test","click")', 'Plain, "quoted" name']);
    expect(parsed.data.find((row) => row.tags === "vip")?.emails).toBe("a@x.test; b@x.test");
    expect((await api("GET", "/v1/export?format=csv")).status).toBe(400);
    expect((await api("GET", "/v1/export?format=xml")).status).toBe(400);
  });
});

describe("GET /v1/export?format=vcf", () => {
  it("writes contacts (with their company's name) and leads as vCard 4.0 that parses back, owner only, audited", async () => {
    const team = await createTeam(server.url);
    const owner = http(server.url, team.members.owner.token);
    const company = (await owner("POST", "/v1/companies", { name: "Nordlys ApS", domain: "nordlys.dk" })).body;
    const contact = (
      await owner("POST", "/v1/contacts", {
        name: "Søren Østergaard",
        emails: ["soren@nordlys.dk", "s.o@icloud.com"],
        phones: ["+4520123456"],
        title: "Key Account Manager, Nordics",
        companyId: company.id,
        urls: ["https://nordlys.dk/soren"],
      })
    ).body;
    const bare = (await owner("POST", "/v1/contacts", { name: "No Details" })).body;
    const gone = (await owner("POST", "/v1/contacts", { name: "Deleted Person" })).body;
    await owner("DELETE", `/v1/contacts/${gone.id}`);
    const lead = (
      await owner("POST", "/v1/leads", {
        name: "Zoë Adams",
        emails: ["zoe@acme.test"],
        companyName: "Acme; Inc",
        website: "https://acme.test",
      })
    ).body;

    for (const role of ["admin", "member", "viewer"] as const)
      expect(
        (await http(server.url, team.members[role].token)("GET", "/v1/export?format=vcf&type=contact")).status,
      ).toBe(403);

    const res = await owner("GET", "/v1/export?format=vcf&type=contact");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/vcard; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="leadpane-contacts-.*\.vcf"/);
    expect(res.body).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(parseVcards(res.body)).toEqual({
      cards: [
        {
          name: "Søren Østergaard",
          // In the record's own order (sets are kept sorted).
          emails: contact.emails,
          phones: ["+4520123456"],
          title: "Key Account Manager, Nordics",
          companyName: "Nordlys ApS",
          website: "https://nordlys.dk/soren",
          uid: contact.id,
        },
        { name: "No Details", emails: [], phones: [], uid: bare.id },
      ],
      errors: [],
    });
    const leads = await owner("GET", "/v1/export?format=vcf&type=lead");
    expect(parseVcards(leads.body).cards).toEqual([
      {
        name: "Zoë Adams",
        emails: ["zoe@acme.test"],
        phones: [],
        companyName: "Acme; Inc",
        website: "https://acme.test",
        uid: lead.id,
      },
    ]);
    const audit = await server.database.client.execute({
      sql: "select detail from audit_log where workspace_id = ? and action = 'workspace.exported' order by id",
      args: [team.workspaceId],
    });
    expect(audit.rows.map((row) => JSON.parse(String(row.detail)))).toEqual([
      { format: "vcf", records: 2 },
      { format: "vcf", records: 1 },
    ]);
  });

  it("refuses a vCard export of anything but contacts or leads with a 400", async () => {
    const team = await createTeam(server.url);
    const owner = http(server.url, team.members.owner.token);
    for (const query of ["format=vcf", "format=vcf&type=company", "format=vcf&type=deal"]) {
      const res = await owner("GET", `/v1/export?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe("A vCard export holds people: add type=contact or type=lead");
    }
  });
});
