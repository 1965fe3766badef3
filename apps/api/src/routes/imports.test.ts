import { newId } from "@leadpane/domain";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startTestServer, type TestServer } from "../testing/server.ts";
import { createTeam, type TestTeam, UNLIMITED } from "../testing/team.ts";
import { MAX_IMPORT_CHARS, MAX_IMPORT_ROWS } from "./imports.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
});
afterAll(async () => server.close());

/** A team with a lead (Jane, jane@acme.test, CTO) and a contact (Bob Lee, +1 415 555 2671). */
async function workspace(): Promise<{ team: TestTeam; api: ReturnType<typeof http>; jane: string; bob: string }> {
  const team = await createTeam(server.url, "Imports");
  const api = http(server.url, team.members.member.token);
  const jane = (await api("POST", "/v1/leads", { name: "Jane Doe", emails: ["jane@acme.test"], title: "CTO" })).body.id;
  const bob = (await api("POST", "/v1/contacts", { name: "Bob Lee", phones: ["+14155552671"] })).body.id;
  return { team, api, jane, bob };
}

const CSV = [
  "Vorname,Nachname,E-Mail,Telefon,Position,Tags",
  "Jane,Doe,JANE@acme.test,,VP Sales,fair",
  "Bob,Lee,,(415) 555-2671,Buyer,",
  "Ann,Lee,ann@new.test,,Founder,fair",
  "Ann,L.,ann@new.test,,,",
  ",,not-an-email,,,",
].join("\n");

async function rowsOf(workspaceId: string): Promise<string> {
  const rows = await server.database.client.execute({
    sql: "select type, id, data, deleted, version from records where workspace_id = ? order by type, id",
    args: [workspaceId],
  });
  const imports = await server.database.client.execute({
    sql: "select * from imports where workspace_id = ?",
    args: [workspaceId],
  });
  return JSON.stringify([rows.rows, imports.rows]);
}

describe("POST /v1/imports", () => {
  it("plans each row with the match rules and in-file duplicates, and a dry run writes nothing", async () => {
    const { team, api, jane, bob } = await workspace();
    const before = await rowsOf(team.workspaceId);
    const res = await api("POST", "/v1/imports", { format: "csv", text: CSV, dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.mapping).toEqual(["firstName", "lastName", "email", "phone", "title", "tags"]);
    expect(res.body.rows).toEqual([
      expect.objectContaining({
        row: 1,
        action: "update",
        reason: "Same email as Jane Doe (lead); updates title, tags.",
        target: { type: "lead", id: jane, name: "Jane Doe" },
      }),
      expect.objectContaining({
        row: 2,
        action: "update",
        reason: "Same name and phone as Bob Lee (contact); updates title.",
        target: { type: "contact", id: bob, name: "Bob Lee" },
      }),
      expect.objectContaining({ row: 3, action: "create", reason: "New lead.", name: "Ann Lee" }),
      expect.objectContaining({
        row: 4,
        action: "skip",
        reason: "Same email as row 3 (Ann Lee) of this file.",
        duplicateOf: 3,
      }),
      expect.objectContaining({
        row: 5,
        action: "error",
        errors: ["“not-an-email” is not an email address.", "The row has no name and no email."],
      }),
    ]);
    expect(res.body.counts).toEqual({ created: 1, updated: 2, skipped: 1, failed: 1 });
    expect(await rowsOf(team.workspaceId)).toBe(before);
  });

  it("imports through the sync engine: no twin created, the history lists it, a client pulls the changes", async () => {
    const { team, api, jane } = await workspace();
    const res = await api("POST", "/v1/imports", { format: "csv", text: CSV, fileName: "people.csv" });
    expect(res.status).toBe(201);
    expect(res.body.import).toMatchObject({
      fileName: "people.csv",
      format: "csv",
      memberId: team.members.member.id,
      memberName: "member of Imports",
      counts: { created: 1, updated: 2, skipped: 1, failed: 1 },
      undoneAt: null,
    });
    const leads = (await api("GET", "/v1/leads?limit=200")).body.items;
    expect(leads.map((l: { name: string }) => l.name).sort()).toEqual(["Ann Lee", "Jane Doe"]);
    expect(leads.find((l: { id: string }) => l.id === jane)).toMatchObject({ title: "VP Sales", tags: ["fair"] });
    expect(leads.find((l: { name: string }) => l.name === "Ann Lee")).toMatchObject({
      source: { kind: "import" },
      emails: ["ann@new.test"],
    });
    const contacts = (await api("GET", "/v1/contacts")).body.items;
    expect(contacts).toEqual([expect.objectContaining({ name: "Bob Lee", title: "Buyer" })]);
    const pulled = await api("GET", `/v1/sync/pull?cursor=0&clientId=${newId()}&protocolVersion=${PROTOCOL_VERSION}`);
    expect(JSON.stringify(pulled.body)).toContain("ann@new.test");
    const history = await api("GET", "/v1/imports");
    expect(history.body.items).toEqual([res.body.import]);
    // The same file again: everyone is known now, nothing is created twice.
    const again = await api("POST", "/v1/imports", { format: "csv", text: CSV, dryRun: true });
    expect(again.body.rows.map((r: { action: string }) => r.action)).toEqual(["skip", "skip", "skip", "skip", "error"]);
  });

  it("follows the user's choices and onMatch", async () => {
    const { api } = await workspace();
    const skipAll = await api("POST", "/v1/imports", {
      format: "csv",
      text: CSV,
      onMatch: "skip",
      choices: { "3": "skip" },
      dryRun: true,
    });
    expect(skipAll.body.counts).toEqual({ created: 0, updated: 0, skipped: 4, failed: 1 });
    const createAnyway = await api("POST", "/v1/imports", { format: "csv", text: CSV, choices: { "1": "create" } });
    expect(createAnyway.body.import.counts).toEqual({ created: 2, updated: 1, skipped: 1, failed: 1 });
    const janes = (await api("GET", "/v1/leads?limit=200")).body.items.filter((l: { emails: string[] }) =>
      l.emails.includes("jane@acme.test"),
    );
    expect(janes).toHaveLength(2);
  });

  it("uses a given mapping, defaults and custom fields", async () => {
    const { api, team } = await workspace();
    const owner = http(server.url, team.members.owner.token);
    const settings = await owner("PATCH", "/v1/workspace/settings", {
      customFields: [{ key: "budget", label: "Budget", recordType: "lead", kind: "number" }],
    });
    expect(settings.status).toBe(200);
    const res = await api("POST", "/v1/imports", {
      format: "csv",
      text: 'Who,Mail,Money,Ignored\nKim Park,kim@x.test,"1,500",zzz',
      mapping: ["name", "email", "custom:budget", "ignore"],
      defaults: { status: "working", ownerId: team.members.admin.id, tags: ["q4"] },
    });
    expect(res.status).toBe(201);
    const kim = (await api("GET", "/v1/leads?q=kim")).body.items[0];
    expect(kim).toMatchObject({
      status: "working",
      ownerId: team.members.admin.id,
      tags: ["q4"],
      custom: { budget: 1500 },
    });
  });

  it("imports simple vCards", async () => {
    const { api } = await workspace();
    const text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lea Roth\r\nEMAIL:lea@roth.test\r\nORG:Roth GmbH\r\nEND:VCARD\r\n";
    const res = await api("POST", "/v1/imports", { format: "vcard", text, fileName: "lea.vcf" });
    expect(res.status).toBe(201);
    expect(res.body.import).toMatchObject({
      format: "vcard",
      counts: { created: 1, updated: 0, skipped: 0, failed: 0 },
    });
    expect((await api("GET", "/v1/leads?q=Lea")).body.items[0]).toMatchObject({
      name: "Lea Roth",
      companyName: "Roth GmbH",
    });
  });

  it("answers bad input with a 4xx in the contract's shape and writes nothing", async () => {
    const { api, team } = await workspace();
    const before = await rowsOf(team.workspaceId);
    const cases: Array<[unknown, number, string]> = [
      [{ format: "xls", text: "a" }, 400, "invalid_input"],
      [{ format: "csv" }, 400, "invalid_input"],
      [{ format: "csv", text: "Name\nA", extra: 1 }, 400, "invalid_input"],
      [{ format: "csv", text: "Name,Email\nA,a@x.test", mapping: ["name"] }, 400, "invalid_input"],
      [{ format: "csv", text: "Name\nA", mapping: ["nonsense"] }, 400, "invalid_input"],
      [{ format: "csv", text: "Name\n" }, 400, "invalid_input"],
      [{ format: "csv", text: "" }, 400, "invalid_input"],
      [{ format: "csv", text: 'Name\n"unterminated' }, 400, "invalid_input"],
      [{ format: "vcard", text: "nothing here" }, 400, "invalid_input"],
      [{ format: "csv", text: "Name\nA", defaults: { ownerId: newId() } }, 400, "invalid_input"],
      [{ format: "csv", text: "Name\nA", choices: { zero: "skip" } }, 400, "invalid_input"],
      [{ format: "csv", text: `Name\n${"A\n".repeat(MAX_IMPORT_ROWS + 1)}` }, 413, "payload_too_large"],
      [{ format: "csv", text: `Name\n${"x".repeat(MAX_IMPORT_CHARS)}` }, 413, "payload_too_large"],
      ["not json", 400, "invalid_json"],
    ];
    for (const [body, status, code] of cases) {
      const res = await api("POST", "/v1/imports", body);
      expect({ body, status: res.status, code: res.body?.error?.code }).toEqual({ body, status, code });
      expect(typeof res.body.error.message).toBe("string");
    }
    expect(await rowsOf(team.workspaceId)).toBe(before);
  });

  it("lets members and above import and undo; viewers read the history only", async () => {
    const { team, api } = await workspace();
    const viewer = http(server.url, team.members.viewer.token);
    const refused = await viewer("POST", "/v1/imports", { format: "csv", text: CSV, dryRun: true });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    const done = await api("POST", "/v1/imports", { format: "csv", text: CSV });
    expect((await viewer("GET", "/v1/imports")).body.items).toHaveLength(1);
    expect((await viewer("POST", `/v1/imports/${done.body.import.id}/undo`)).status).toBe(403);
    for (const role of ["owner", "admin"] as const) {
      const res = await http(server.url, team.members[role].token)("POST", "/v1/imports", {
        format: "csv",
        text: "Name\nX",
        dryRun: true,
      });
      expect(res.status).toBe(200);
    }
  });

  it("keeps workspaces apart: matching, history and undo", async () => {
    const a = await workspace();
    const b = await createTeam(server.url, "Other");
    const other = http(server.url, b.members.member.token);
    const planned = await other("POST", "/v1/imports", { format: "csv", text: CSV, dryRun: true });
    expect(planned.body.rows[0]).toMatchObject({ action: "create" });
    const done = await a.api("POST", "/v1/imports", { format: "csv", text: CSV });
    expect((await other("GET", "/v1/imports")).body.items).toEqual([]);
    const undo = await other("POST", `/v1/imports/${done.body.import.id}/undo`);
    expect(undo.status).toBe(404);
    expect((await a.api("GET", "/v1/imports")).body.items[0].undoneAt).toBeNull();
  });
});

describe("POST /v1/imports/:id/undo", () => {
  it("moves what the import created to the trash and puts back what it changed", async () => {
    const { api, jane, bob } = await workspace();
    const done = await api("POST", "/v1/imports", { format: "csv", text: CSV });
    const ann = (await api("GET", "/v1/leads?q=ann")).body.items[0].id;
    const res = await api("POST", `/v1/imports/${done.body.import.id}/undo`);
    expect(res.status).toBe(200);
    expect(res.body.import.undoneAt).toEqual(expect.any(String));
    expect(res.body.records).toEqual(
      expect.arrayContaining([
        {
          type: "lead",
          id: jane,
          name: "Jane Doe",
          outcome: "reverted",
          message: "Put back Jane Doe as before the import.",
        },
        {
          type: "contact",
          id: bob,
          name: "Bob Lee",
          outcome: "reverted",
          message: "Put back Bob Lee as before the import.",
        },
        { type: "lead", id: ann, name: "Ann Lee", outcome: "removed", message: "Moved Ann Lee to the trash." },
      ]),
    );
    expect((await api("GET", `/v1/leads/${jane}`)).body).toMatchObject({ title: "CTO", tags: [] });
    expect((await api("GET", `/v1/contacts/${bob}`)).body).toMatchObject({ title: null });
    expect((await api("GET", `/v1/leads/${ann}`)).status).toBe(404);
    const trash = (await api("GET", "/v1/trash")).body.items;
    expect(trash).toEqual([expect.objectContaining({ type: "lead", id: ann })]);
    // The undo is itself undoable: the record comes back from the trash.
    expect((await api("POST", `/v1/leads/${ann}/restore`)).status).toBe(200);
    const twice = await api("POST", `/v1/imports/${done.body.import.id}/undo`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("conflict");
  });

  it("leaves what someone changed since, and says so per record", async () => {
    const { api, jane, team } = await workspace();
    const done = await api("POST", "/v1/imports", { format: "csv", text: CSV });
    const ann = (await api("GET", "/v1/leads?q=ann")).body.items[0].id;
    const admin = http(server.url, team.members.admin.token);
    await admin("PATCH", `/v1/leads/${jane}`, { title: "CEO" });
    await admin("PATCH", `/v1/leads/${ann}`, { title: "Co-founder" });
    const res = await api("POST", `/v1/imports/${done.body.import.id}/undo`);
    expect(res.body.records).toEqual(
      expect.arrayContaining([
        {
          type: "lead",
          id: jane,
          name: "Jane Doe",
          outcome: "partly",
          message: "Kept the title of Jane Doe: changed after the import.",
        },
        {
          type: "lead",
          id: ann,
          name: "Ann Lee",
          outcome: "kept",
          message: "Kept the lead Ann Lee: it was changed after the import.",
        },
      ]),
    );
    expect((await api("GET", `/v1/leads/${jane}`)).body).toMatchObject({ title: "CEO", tags: [] });
    expect((await api("GET", `/v1/leads/${ann}`)).body).toMatchObject({ title: "Co-founder" });
  });

  it("404s an unknown import", async () => {
    const { api } = await workspace();
    expect((await api("POST", `/v1/imports/${newId()}/undo`)).status).toBe(404);
    expect((await api("POST", "/v1/imports/not-an-id/undo")).status).toBe(400);
  });
});

describe("an import committed through sync push", () => {
  it("is one history entry made of its parts, written with the push", async () => {
    const { api, team } = await workspace();
    const clientId = newId();
    const importId = newId();
    const lead = newId();
    let wall = Date.now();
    const hlc = () => formatHlc({ wall: ++wall, counter: 0, node: clientId });
    const part = (created: Array<{ type: string; id: string }>, counts: Record<string, number>) => ({
      id: importId,
      fileName: "offline.csv",
      format: "csv",
      counts: { created: 0, updated: 0, skipped: 0, failed: 0, ...counts },
      created,
      updated: [],
    });
    const res = await api("POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [
        {
          id: 1,
          name: "create",
          args: { type: "lead", id: lead, fields: { name: "Offline Olga", source: { kind: "import" } } },
          hlc: hlc(),
        },
        { id: 2, name: "recordImport", args: part([{ type: "lead", id: lead }], { created: 1 }), hlc: hlc() },
        { id: 3, name: "recordImport", args: part([], { skipped: 2, failed: 1 }), hlc: hlc() },
      ],
    });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["applied", "applied", "applied"]);
    const [entry] = (await api("GET", "/v1/imports")).body.items;
    expect(entry).toMatchObject({
      id: importId,
      fileName: "offline.csv",
      memberId: team.members.member.id,
      counts: { created: 1, updated: 0, skipped: 2, failed: 1 },
    });
    const undo = await api("POST", `/v1/imports/${importId}/undo`);
    expect(undo.body.records).toEqual([expect.objectContaining({ id: lead, outcome: "removed" })]);
  });
});
