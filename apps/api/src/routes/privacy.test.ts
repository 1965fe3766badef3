import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@leadpane/domain";
import { PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, type TestTeam, UNLIMITED } from "../testing/team.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

const JANE = "jane.doe@globex.test";

/**
 * A workspace holding Jane (lead, converted to a contact), notes and a task about her, a company
 * listing her address, and Bob.
 */
async function seed(team: TestTeam) {
  const api = http(server.url, team.members.member.token);
  const now = new Date().toISOString();
  const lead = (
    await api("POST", "/v1/leads", {
      name: "Jane Doe",
      emails: ["Jane.Doe@globex.test"],
      status: "working",
      title: "CTO",
      source: { kind: "web", url: "https://globex.test/team" },
    })
  ).body;
  await api("PATCH", `/v1/leads/${lead.id}`, { title: "Chief Technology Officer" });
  const note = (
    await api("POST", "/v1/activities", {
      type: "note",
      subject: { type: "lead", id: lead.id },
      body: "Met at the expo",
      occurredAt: now,
    })
  ).body;
  const task = (await api("POST", "/v1/tasks", { title: "Call Jane back", subject: { type: "lead", id: lead.id } }))
    .body;
  await api("PATCH", `/v1/leads/${lead.id}`, { status: "qualified" });
  const converted = (await api("POST", `/v1/leads/${lead.id}/convert`, {})).body;
  const company = (
    await api("POST", "/v1/companies", {
      name: "Globex Inc",
      domain: "globex-inc.test",
      emails: [JANE, "info@globex.test"],
    })
  ).body;
  const companyNote = (
    await api("POST", "/v1/activities", {
      type: "email",
      subject: { type: "company", id: company.id },
      body: `Forwarded by ${JANE}: pricing please`,
      occurredAt: now,
    })
  ).body;
  const bob = (await api("POST", "/v1/leads", { name: "Bob Other", emails: ["bob@initech.test"] })).body;
  return { lead, note, task, contact: converted.contact, company, companyNote, bob };
}

async function pull(token: string, clientId: string, cookie: number) {
  const res = await http(server.url, token)(
    "GET",
    `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${clientId}&cookie=${cookie}`,
  );
  expect(res.status).toBe(200);
  return res.body as {
    cookie: number;
    patch: Array<{
      op: string;
      type?: string;
      id?: string;
      record?: { type: string; id: string; data: Record<string, unknown> };
    }>;
    hasMore: boolean;
  };
}

/** How many rows of one workspace mention `text` (records, match keys, audit details). */
async function dbMentions(workspaceId: string, text: string): Promise<number> {
  const pattern = `%${text}%`;
  const res = await server.database.client.execute({
    sql: `select (select count(*) from records where workspace_id = ?2 and (data like ?1 or meta like ?1))
      + (select count(*) from record_keys where workspace_id = ?2 and key like ?1)
      + (select count(*) from audit_log where workspace_id = ?2 and detail like ?1) as n`,
    args: [pattern, workspaceId],
  });
  return Number(res.rows[0]!.n);
}

describe("privacy", () => {
  it("exports everything held about a person, with provenance, for owners and admins only, and audits it", async () => {
    const team = await createTeam(server.url, "Export");
    const s = await seed(team);
    const res = await http(server.url, team.members.admin.token)(
      "GET",
      `/v1/privacy/export?email=${encodeURIComponent("JANE.DOE@globex.test")}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const ids = (list: Array<{ id: string }>) => list.map((item) => item.id).sort();
    expect(ids(res.body.leads)).toEqual([s.lead.id]);
    expect(ids(res.body.contacts)).toEqual([s.contact.id]);
    expect(ids(res.body.activities)).toContain(s.note.id);
    expect(ids(res.body.tasks)).toEqual([s.task.id]);
    expect(ids(res.body.mentions)).toEqual([s.company.id, s.companyNote.id].sort());
    expect(res.body.leads[0].data).toMatchObject({ name: "Jane Doe", emails: [JANE] });
    // Values the record held before an edit are part of what is held about her.
    expect(res.body.leads[0].history.map((h: { value: unknown }) => h.value)).toContain("CTO");
    expect(res.body.provenance).toContainEqual(
      expect.objectContaining({ recordId: s.lead.id, method: "source:web", url: "https://globex.test/team" }),
    );
    expect(JSON.stringify(res.body)).not.toContain("bob@initech.test");

    const byId = await http(server.url, team.members.owner.token)(
      "GET",
      `/v1/privacy/export?type=contact&id=${s.contact.id}`,
    );
    expect(ids(byId.body.leads)).toEqual([s.lead.id]);
    for (const role of ["member", "viewer"] as const) {
      expect((await http(server.url, team.members[role].token)("GET", `/v1/privacy/export?email=${JANE}`)).status).toBe(
        403,
      );
    }
    expect(
      (await http(server.url, team.members.owner.token)("GET", `/v1/privacy/export?type=lead&id=${newId()}`)).status,
    ).toBe(404);
    expect((await http(server.url, team.members.owner.token)("GET", "/v1/privacy/export")).status).toBe(400);
    const audit = await http(server.url, team.members.owner.token)("GET", "/v1/audit?action=privacy.exported");
    expect(audit.body.items).toHaveLength(2);
    expect(JSON.stringify(audit.body)).not.toContain(JANE);
  });

  it("erases a person everywhere: hard delete, scrubbed mentions, a del op in every client's next pull", async () => {
    const team = await createTeam(server.url, "Erase");
    const s = await seed(team);
    // A second synced client (the viewer's browser) is up to date before the erasure.
    const clientId = newId();
    let page = await pull(team.members.viewer.token, clientId, 0);
    while (page.hasMore) page = await pull(team.members.viewer.token, clientId, page.cookie);
    expect(page.patch.map((op) => op.record?.id)).toContain(s.lead.id);
    const cookie = page.cookie;
    expect(await dbMentions(team.workspaceId, JANE)).toBeGreaterThan(0);

    expect(
      (await http(server.url, team.members.member.token)("POST", "/v1/privacy/erase", { email: JANE })).status,
    ).toBe(403);
    const erase = await http(server.url, team.members.admin.token)("POST", "/v1/privacy/erase", { email: JANE });
    expect(erase.status).toBe(200);
    expect(erase.body).toMatchObject({ erased: { lead: 1, contact: 1, task: 1 }, scrubbed: 2 });
    expect(erase.body.erased.activity).toBeGreaterThanOrEqual(1);

    const next = await pull(team.members.viewer.token, clientId, cookie);
    const dels = next.patch.filter((op) => op.op === "del").map((op) => `${op.type}:${op.id}`);
    expect(dels).toEqual(
      expect.arrayContaining([
        `lead:${s.lead.id}`,
        `contact:${s.contact.id}`,
        `activity:${s.note.id}`,
        `task:${s.task.id}`,
      ]),
    );
    const puts = next.patch.filter((op) => op.op === "put").map((op) => op.record!);
    expect(puts.find((r) => r.id === s.company.id)?.data.emails).toEqual(["info@globex.test"]);
    expect(puts.find((r) => r.id === s.companyNote.id)?.data.body).toBe("Forwarded by [erased]: pricing please");
    expect(JSON.stringify(next)).not.toContain(JANE);

    // Nothing of her address is left anywhere in the database, and she is not found any more.
    expect(await dbMentions(team.workspaceId, JANE)).toBe(0);
    const rows = await server.database.client.execute({
      sql: "select count(*) as n from records where id in (?, ?, ?, ?)",
      args: [s.lead.id, s.contact.id, s.note.id, s.task.id],
    });
    expect(Number(rows.rows[0]!.n)).toBe(0);
    const lookup = await http(server.url, team.members.viewer.token)("GET", `/v1/lookup?email=${JANE}`);
    expect(lookup.body).toMatchObject({ leads: [], contacts: [] });
    expect((await http(server.url, team.members.viewer.token)("GET", `/v1/leads/${s.lead.id}`)).status).toBe(404);
    // Bob is untouched.
    expect((await http(server.url, team.members.viewer.token)("GET", `/v1/leads/${s.bob.id}`)).body.emails).toEqual([
      "bob@initech.test",
    ]);

    // A client that was never synced learns only that the records are gone.
    const fresh = await pull(team.members.viewer.token, newId(), 0);
    expect(fresh.patch.some((op) => op.record?.id === s.lead.id)).toBe(false);
    const audit = await http(server.url, team.members.owner.token)("GET", "/v1/audit?action=privacy.erased");
    expect(audit.body.items[0]).toMatchObject({ memberId: team.members.admin.id, detail: { scrubbed: 2 } });
  });

  it("erases by record id, only in the caller's workspace", async () => {
    const team = await createTeam(server.url, "ById");
    const other = await createTeam(server.url, "Other");
    const s = await seed(team);
    const foreign = await http(server.url, other.members.owner.token)("POST", "/v1/privacy/erase", {
      type: "lead",
      id: s.lead.id,
    });
    expect(foreign.status).toBe(404);
    expect((await http(server.url, team.members.owner.token)("GET", `/v1/leads/${s.lead.id}`)).status).toBe(200);
    const res = await http(server.url, team.members.owner.token)("POST", "/v1/privacy/erase", {
      type: "lead",
      id: s.lead.id,
    });
    expect(res.status).toBe(200);
    expect(res.body.erased).toMatchObject({ lead: 1, contact: 1 });
    // Erasing someone the workspace does not hold changes nothing and says so.
    const nobody = await http(server.url, team.members.owner.token)("POST", "/v1/privacy/erase", {
      email: "nobody@nowhere.test",
    });
    expect(nobody.body).toEqual({ erased: {}, scrubbed: 0, version: res.body.version });
  });
});
