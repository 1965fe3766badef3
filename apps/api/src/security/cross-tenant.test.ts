/**
 * The cross-tenant matrix: every route, called by every role of workspace A with the ids (and the
 * email addresses) of workspace B's records, members, tokens and invites. Each call must be denied
 * as the contract says (404 for another workspace's ids, 403 where the role may not act at all), or
 * for searches and listings answer without a trace of B; and B's rows must be byte-for-byte the same
 * afterwards, read straight from the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@leadpane/domain";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, TEST_ROLES, type TestRole, type TestTeam, UNLIMITED } from "../testing/team.ts";

let server: TestServer;
let a: TestTeam;
let b: TestTeam;
/** Workspace B's ids, by what they name. */
const B: Record<string, string> = {};
const VICTIM = "victim@b-corp.test";

/**
 * The tables holding a workspace's rows: every table with a workspace_id column (read from the
 * database, so a new one counts).
 */
let tables: Promise<Array<{ name: string; columns: number }>> | undefined;
async function workspaceTables() {
  const { client } = server.database;
  const names = (await client.execute("select name from sqlite_master where type = 'table' order by name")).rows.map(
    (row) => String(row.name),
  );
  const found: Array<{ name: string; columns: number }> = [];
  for (const name of names) {
    const columns = (await client.execute({ sql: "select name from pragma_table_info(?)", args: [name] })).rows.map(
      (row) => String(row.name),
    );
    if (columns.includes("workspace_id")) found.push({ name, columns: columns.length });
  }
  return found;
}

/** Every row workspace B has, in every table, in a stable order; and B's workspace row (name, settings, version). */
async function snapshotOfB(): Promise<string> {
  tables ??= workspaceTables();
  const parts: unknown[] = [];
  for (const { name, columns } of await tables) {
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(", ");
    const res = await server.database.client.execute({
      sql: `select * from "${name}" where workspace_id = ? order by ${order}`,
      args: [b.workspaceId],
    });
    parts.push(name, res.rows);
  }
  parts.push(
    (await server.database.client.execute({ sql: "select * from workspaces where id = ?", args: [b.workspaceId] }))
      .rows,
  );
  return JSON.stringify(parts);
}

beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
  a = await createTeam(server.url, "Alpha");
  b = await createTeam(server.url, "Bravo");
  const api = http(server.url, b.members.member.token);
  const now = new Date().toISOString();
  B.lead = (await api("POST", "/v1/leads", { name: "Victor Victim", emails: [VICTIM], status: "working" })).body.id;
  B.company = (await api("POST", "/v1/companies", { name: "B Corp", domain: "b-corp.test" })).body.id;
  B.contact = (
    await api("POST", "/v1/contacts", { name: "Carla Contact", emails: ["carla@b-corp.test"], companyId: B.company })
  ).body.id;
  B.deal = (await api("POST", "/v1/deals", { title: "B deal", contactId: B.contact, companyId: B.company })).body.id;
  B.activity = (
    await api("POST", "/v1/activities", {
      type: "note",
      subject: { type: "lead", id: B.lead },
      body: "secret note",
      occurredAt: now,
    })
  ).body.id;
  B.task = (await api("POST", "/v1/tasks", { title: "B task", subject: { type: "lead", id: B.lead } })).body.id;
  // One of each type in B's trash, for the restore routes.
  for (const [type, path] of Object.entries(PATHS)) {
    const fields = {
      lead: { name: "Trashed lead" },
      contact: { name: "Trashed contact" },
      company: { name: "Trashed Co" },
      deal: { title: "Trashed deal" },
      activity: { type: "note", subject: { type: "lead", id: B.lead }, body: "trashed note", occurredAt: now },
      task: { title: "Trashed task" },
    }[type];
    B[`trashed:${type}`] = (await api("POST", `/v1/${path}`, fields)).body.id;
    await api("DELETE", `/v1/${path}/${B[`trashed:${type}`]}`);
  }
  B.invite = (
    await http(server.url, b.members.owner.token)("POST", "/v1/invites", { role: "member", email: "next@b-corp.test" })
  ).body.id;
  B.token = (await api("POST", "/v1/tokens", { label: "B laptop" })).body.id;
  for (const role of TEST_ROLES) B[`member:${role}`] = b.members[role].id;
  for (const [key, value] of Object.entries(B)) if (!value) throw new Error(`seeding B failed at ${key}`);
  await http(server.url, a.members.member.token)("POST", "/v1/leads", {
    name: "Alpha's own lead",
    emails: ["own@alpha.test"],
  });
});
afterAll(async () => server.close());

type Status = 200 | 403 | 404;
interface Case {
  name: string;
  method: string;
  path: () => string;
  body?: () => unknown;
  /**
   * The status each role of A gets; `writers`: owner, admin, member (and what a viewer gets);
   * `managers`: owner, admin.
   */
  expect: Record<TestRole, Status>;
}

const all = (s: Status): Record<TestRole, Status> => ({ owner: s, admin: s, member: s, viewer: s });
const writers = (s: Status, viewer: Status): Record<TestRole, Status> => ({ owner: s, admin: s, member: s, viewer });
const managers = (s: Status): Record<TestRole, Status> => ({ owner: s, admin: s, member: 403, viewer: 403 });
const ownerOnly = (s: Status): Record<TestRole, Status> => ({ owner: s, admin: 403, member: 403, viewer: 403 });
/** The error code each refusal carries. */
const CODE_OF: Record<number, string> = { 403: "forbidden", 404: "not_found" };

const PATHS = {
  lead: "leads",
  contact: "contacts",
  company: "companies",
  deal: "deals",
  activity: "activities",
  task: "tasks",
} as const;
const PATCHES = {
  lead: { title: "pwned" },
  contact: { title: "pwned" },
  company: { name: "pwned" },
  deal: { title: "pwned" },
  activity: { body: "pwned" },
  task: { title: "pwned" },
};

const CASES: Case[] = [
  ...Object.entries(PATHS).flatMap(([type, path]): Case[] => [
    { name: `read a ${type}`, method: "GET", path: () => `/v1/${path}/${B[type]}`, expect: all(404) },
    {
      name: `update a ${type}`,
      method: "PATCH",
      path: () => `/v1/${path}/${B[type]}`,
      body: () => PATCHES[type as keyof typeof PATCHES],
      expect: writers(404, 404),
    },
    // A viewer is told "not found" too: the id is looked up in A's workspace before the role is weighed.
    { name: `delete a ${type}`, method: "DELETE", path: () => `/v1/${path}/${B[type]}`, expect: writers(404, 404) },
    { name: `search ${path}`, method: "GET", path: () => `/v1/${path}?q=b-corp&limit=200`, expect: all(200) },
    {
      name: `restore a deleted ${type}`,
      method: "POST",
      path: () => `/v1/${path}/${B[`trashed:${type}`]}/restore`,
      expect: writers(404, 404),
    },
  ]),
  { name: "list the trash", method: "GET", path: () => "/v1/trash?limit=200", expect: all(200) },
  // Reports count only A's records: none of B's ids, names or numbers in the answer.
  { name: "forecast snapshots", method: "GET", path: () => "/v1/reports/forecast/snapshots", expect: all(200) },
  ...["lead-funnel", "lead-conversion", "pipeline", "forecast", "win-loss", "activity"].map(
    (report): Case => ({
      name: `report ${report}`,
      method: "GET",
      path: () => `/v1/reports/${report}?from=2000-01-01&to=2100-12-31`,
      expect: all(200),
    }),
  ),
  {
    name: "convert a lead",
    method: "POST",
    path: () => `/v1/leads/${B.lead}/convert`,
    body: () => ({ deal: { title: "x" } }),
    expect: writers(404, 404),
  },
  { name: "look up an email", method: "GET", path: () => `/v1/lookup?email=${VICTIM}`, expect: all(200) },
  { name: "look up a domain", method: "GET", path: () => "/v1/lookup?domain=b-corp.test", expect: all(200) },
  {
    name: "push changes to records",
    method: "POST",
    path: () => "/v1/sync/push",
    body: () => {
      const clientId = newId();
      const hlc = (n: number) => formatHlc({ wall: Date.now(), counter: n, node: clientId.slice(0, 8) });
      return {
        protocolVersion: PROTOCOL_VERSION,
        clientId,
        mutations: [
          { id: 1, name: "update", args: { type: "lead", id: B.lead, set: { title: "pwned" } }, hlc: hlc(1) },
          { id: 2, name: "delete", args: { type: "company", id: B.company }, hlc: hlc(2) },
          { id: 3, name: "convertLead", args: { leadId: B.lead }, hlc: hlc(3) },
        ],
      };
    },
    // A viewer's push is refused (403); its mutations are still recorded as processed, so a member
    // demoted while changes waited offline sees their queue drain at the next pull.
    expect: writers(200, 403),
  },
  {
    name: "pull everything",
    method: "GET",
    path: () => `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${newId()}&cookie=0`,
    expect: all(200),
  },
  { name: "read me", method: "GET", path: () => "/v1/me", expect: all(200) },
  { name: "list members", method: "GET", path: () => "/v1/members", expect: all(200) },
  ...TEST_ROLES.flatMap((role): Case[] => [
    {
      name: `change the role of B's ${role}`,
      method: "PATCH",
      path: () => `/v1/members/${B[`member:${role}`]}`,
      body: () => ({ role: "viewer" }),
      expect: managers(404),
    },
    {
      name: `remove B's ${role}`,
      method: "DELETE",
      path: () => `/v1/members/${B[`member:${role}`]}`,
      expect: managers(404),
    },
    {
      name: `hand ownership to B's ${role}`,
      method: "POST",
      path: () => `/v1/members/${B[`member:${role}`]}/transfer-ownership`,
      expect: ownerOnly(404),
    },
    {
      name: `list the tokens of B's ${role}`,
      method: "GET",
      path: () => `/v1/tokens?memberId=${B[`member:${role}`]}`,
      expect: all(200),
    },
  ]),
  { name: "revoke a token", method: "DELETE", path: () => `/v1/tokens/${B.token}`, expect: all(404) },
  { name: "list invites", method: "GET", path: () => "/v1/invites", expect: managers(200) },
  { name: "revoke an invite", method: "DELETE", path: () => `/v1/invites/${B.invite}`, expect: managers(404) },
  {
    name: "read the audit log of a record",
    method: "GET",
    path: () => `/v1/audit?recordId=${B.lead}`,
    expect: managers(200),
  },
  {
    name: "read the audit log of a member",
    method: "GET",
    path: () => `/v1/audit?memberId=${B["member:owner"]}`,
    expect: managers(200),
  },
  {
    name: "export a person by id",
    method: "GET",
    path: () => `/v1/privacy/export?type=lead&id=${B.lead}`,
    expect: managers(404),
  },
  {
    name: "export a person by email",
    method: "GET",
    path: () => `/v1/privacy/export?email=${VICTIM}`,
    expect: managers(200),
  },
  {
    name: "erase a person by id",
    method: "POST",
    path: () => "/v1/privacy/erase",
    body: () => ({ type: "contact", id: B.contact }),
    expect: managers(404),
  },
  {
    name: "erase a person by email",
    method: "POST",
    path: () => "/v1/privacy/erase",
    body: () => ({ email: VICTIM }),
    expect: managers(200),
  },
  { name: "export the workspace", method: "GET", path: () => "/v1/export", expect: ownerOnly(200) },
  { name: "export leads as CSV", method: "GET", path: () => "/v1/export?format=csv&type=lead", expect: ownerOnly(200) },
];

describe("cross-tenant matrix: workspace A's roles against workspace B's ids", () => {
  it("snapshots every table that holds a workspace's rows", async () => {
    tables ??= workspaceTables();
    const names = (await tables).map((t) => t.name);
    for (const table of [
      "records",
      "record_keys",
      "members",
      "tokens",
      "invites",
      "audit_log",
      "erasures",
      "sync_clients",
    ])
      expect(names).toContain(table);
    // And B has rows in them to compare (the matrix would pass trivially over empty tables).
    const snapshot = JSON.parse(await snapshotOfB()) as unknown[];
    for (const table of ["records", "record_keys", "members", "tokens", "invites", "audit_log"])
      expect((snapshot[snapshot.indexOf(table) + 1] as unknown[]).length, table).toBeGreaterThan(0);
  });

  for (const c of CASES) {
    for (const role of TEST_ROLES) {
      it(`${role}: ${c.name} (${c.method})`, async () => {
        const before = await snapshotOfB();
        const path = c.path();
        const body = c.body?.();
        const res = await http(server.url, a.members[role].token)(c.method, path, body);
        expect(res.status, JSON.stringify(res.body)).toBe(c.expect[role]);
        if (res.status >= 400)
          expect(res.body).toEqual({ error: { code: CODE_OF[res.status], message: expect.any(String) } });
        // Nothing of B in the answer beyond the ids the caller sent.
        const text = typeof res.body === "string" ? res.body : JSON.stringify(res.body);
        const sent = `${path} ${JSON.stringify(body ?? null)}`;
        for (const value of [
          ...Object.values(B),
          VICTIM,
          "carla@b-corp.test",
          "secret note",
          "B Corp",
          b.workspaceId,
        ]) {
          if (!sent.includes(value)) expect(text).not.toContain(value);
        }
        if (c.name === "push changes to records" && c.expect[role] === 200) {
          expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
            "rejected",
            "rejected",
            "rejected",
          ]);
        }
        expect(await snapshotOfB()).toBe(before);
      });
    }
  }

  it("creating a record with an id B already uses makes A's own record and leaves B's alone", async () => {
    const before = await snapshotOfB();
    const res = await http(server.url, a.members.member.token)("POST", "/v1/leads", {
      id: B.lead,
      name: "Same id, other workspace",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ id: B.lead, name: "Same id, other workspace" });
    expect(await snapshotOfB()).toBe(before);
    const own = await http(server.url, a.members.viewer.token)("GET", `/v1/leads/${B.lead}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ id: B.lead, name: "Same id, other workspace", emails: [] });
    const read = await http(server.url, b.members.member.token)("GET", `/v1/leads/${B.lead}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: B.lead, name: "Victor Victim", emails: [VICTIM] });
  });

  it("B still works after the whole matrix", async () => {
    const res = await http(server.url, b.members.owner.token)("GET", "/v1/members");
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: { id: string; role: string }) => [m.id, m.role]).sort()).toEqual(
      TEST_ROLES.map((role) => [b.members[role].id, role]).sort(),
    );
    const lookup = await http(server.url, b.members.member.token)("GET", `/v1/lookup?email=${VICTIM}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body.leads.map((l: { id: string }) => l.id)).toEqual([B.lead]);
  });
});
