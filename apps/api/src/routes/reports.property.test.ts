import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkspaceSettingsSchema } from "@leadpane/domain";
import { REPORT_NAMES, runReport } from "@leadpane/domain/reports";
import { typedRecord, type SyncedRecord } from "@leadpane/domain/sync";
import { syncedToRow } from "../db/mappers.ts";
import { records } from "../db/schema.ts";
import { http, signUp, startTestServer, type TestServer } from "../testing/server.ts";
import { UNLIMITED } from "../testing/team.ts";

// The API answers every report exactly as the domain function does over the same records (what the
// extension computes offline), over random workspaces written straight into libSQL.

let server: TestServer;
let workspaceId: string;
let token: string;
let owner: string;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
  const signed = await signUp(server.url, "Reports", "owner@reports.test");
  workspaceId = signed.workspace.id;
  token = signed.token;
  owner = signed.member.id;
});
afterAll(async () => server.close());

const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const OTHER = uuid(0xfffff);
// Timestamps around the ranges asked for, and today (this quarter's forecast, overdue tasks).
const instant = fc.constantFrom(
  "2025-12-31T23:59:59.999Z",
  "2026-01-01T00:00:00.000Z",
  "2026-01-05T08:30:00Z",
  "2026-02-15T12:00:00.000Z",
  "2026-03-31T23:00:00.000Z",
  `${TODAY}T00:00:00.000Z`,
  "2090-01-01T00:00:00.000Z",
);
const LEAD_STATUSES = ["new", "working", "qualified", "unqualified", "converted"];
const STAGES = ["qualification", "discovery", "proposal", "negotiation", "won", "lost", "retired"];

function base(type: SyncedRecord["type"], id: string, data: Record<string, unknown>, deleted: boolean): SyncedRecord {
  return typedRecord({
    type,
    id,
    data: { id, ...data },
    meta: { clocks: {}, sets: {}, history: [] },
    deleted,
    version: 1,
  });
}

const who = fc.option(fc.constantFrom("owner", "other"), { nil: null });
const member = (value: string | null) => (value === "owner" ? owner : value === "other" ? OTHER : null);

const workspace = fc
  .record({
    leads: fc.array(
      fc.record({
        status: fc.constantFrom(...LEAD_STATUSES),
        source: fc.constantFrom("web", "email", "manual", "import"),
        owner: who,
        at: instant,
        updatedAt: instant,
        deleted: fc.constantFrom(false, false, false, false, true),
        changes: fc.array(
          fc.record({ from: fc.constantFrom(...LEAD_STATUSES), to: fc.constantFrom(...LEAD_STATUSES), at: instant }),
          { maxLength: 3 },
        ),
        converted: fc.option(instant, { nil: null }),
      }),
      { maxLength: 12 },
    ),
    deals: fc.array(
      fc.record({
        stage: fc.constantFrom(...STAGES),
        amount: fc.integer({ min: 0, max: 1_000_000 }),
        currency: fc.constantFrom("USD", "EUR"),
        owner: who,
        lead: fc.option(fc.nat(11), { nil: null }),
        at: instant,
        updatedAt: instant,
        closeAt: fc.option(instant, { nil: null }),
        changes: fc.array(fc.record({ to: fc.constantFrom(...STAGES), at: instant }), { maxLength: 2 }),
      }),
      { maxLength: 10 },
    ),
    work: fc.array(
      fc.record({
        type: fc.constantFrom("capture", "note", "email", "call", "meeting", "field_change"),
        author: who,
        at: instant,
        lead: fc.option(fc.nat(11), { nil: null }),
      }),
      { maxLength: 10 },
    ),
    tasks: fc.array(
      fc.record({
        done: fc.boolean(),
        due: fc.option(instant, { nil: null }),
        assignee: who,
        updatedAt: instant,
        lead: fc.option(fc.nat(11), { nil: null }),
      }),
      { maxLength: 6 },
    ),
  })
  .map((w) => {
    let n = 1;
    const out: SyncedRecord[] = [];
    const leadIds = w.leads.map(() => uuid(n++));
    const subject = (i: number | null) => ({
      type: "lead",
      id: i === null ? uuid(0xeeeee) : (leadIds[i] ?? uuid(0xddddd)),
    });
    const activity = (
      type: string,
      about: { type: string; id: string },
      at: string,
      author: string | null,
      data: object,
    ) =>
      base(
        "activity",
        uuid(n++),
        { type, subject: about, body: "", occurredAt: at, authorId: author, data, createdAt: at, updatedAt: at },
        false,
      );
    w.leads.forEach((l, i) => {
      const id = leadIds[i]!;
      out.push(
        base(
          "lead",
          id,
          {
            name: `Lead ${i}`,
            status: l.status,
            unqualifiedReason: l.status === "unqualified" ? "No budget" : null,
            source: { kind: l.source },
            ownerId: member(l.owner),
            createdAt: l.at,
            updatedAt: l.updatedAt,
          },
          l.deleted,
        ),
      );
      for (const c of l.changes)
        out.push(activity("status_change", { type: "lead", id }, c.at, null, { from: c.from, to: c.to }));
      if (l.converted) out.push(activity("conversion", { type: "lead", id }, l.converted, null, {}));
    });
    for (const d of w.deals) {
      const id = uuid(n++);
      out.push(
        base(
          "deal",
          id,
          {
            title: "Deal",
            stage: d.stage,
            amount: d.amount,
            currency: d.currency,
            ownerId: member(d.owner),
            leadId: d.lead === null ? null : (leadIds[d.lead] ?? null),
            expectedCloseAt: d.closeAt,
            createdAt: d.at,
            updatedAt: d.updatedAt,
          },
          false,
        ),
      );
      for (const c of d.changes)
        out.push(activity("stage_change", { type: "deal", id }, c.at, null, { from: "proposal", to: c.to }));
    }
    for (const a of w.work) out.push(activity(a.type, subject(a.lead), a.at, member(a.author), {}));
    for (const t of w.tasks)
      out.push(
        base(
          "task",
          uuid(n++),
          {
            title: "Task",
            notes: "",
            done: t.done,
            dueAt: t.due,
            assigneeId: member(t.assignee),
            subject: t.lead === null ? null : subject(t.lead),
            createdAt: t.updatedAt,
            updatedAt: t.updatedAt,
          },
          false,
        ),
      );
    return out;
  });

const query = fc.record({
  from: fc.constantFrom("2025-06-01", "2026-01-01", "2026-01-05"),
  to: fc.constantFrom("2026-01-05", "2026-03-31", TODAY),
  owner: fc.option(fc.constantFrom("owner", "other"), { nil: null }),
  source: fc.option(fc.constantFrom("web", "email", "manual", "import"), { nil: null }),
});

describe("reports over HTTP", () => {
  it("equal the domain's reports over the same records, on random workspaces", async () => {
    const api = http(server.url, token);
    const pipeline = WorkspaceSettingsSchema.parse({}).pipeline;
    await fc.assert(
      fc.asyncProperty(workspace, query, async (all, q) => {
        await server.database.db.delete(records).where(eq(records.workspaceId, workspaceId));
        if (all.length) await server.database.db.insert(records).values(all.map((r) => syncedToRow(workspaceId, r, 1)));
        const ownerId = member(q.owner);
        const params = new URLSearchParams({
          from: q.from,
          to: q.to,
          ...(ownerId ? { owner: ownerId } : {}),
          ...(q.source ? { source: q.source } : {}),
        });
        for (const name of REPORT_NAMES) {
          const res = await api("GET", `/v1/reports/${name}?${params}`);
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          const { report, from, to, ...served } = res.body;
          const expected = runReport(name, all, {
            from: q.from,
            to: q.to,
            owner: ownerId,
            source: q.source as never,
            now: NOW.toISOString(),
            pipeline,
          });
          expect([report, from, to]).toEqual([name, q.from, q.to]);
          expect(served, name).toEqual(JSON.parse(JSON.stringify(expected)));
        }
      }),
      { numRuns: 40 },
    );
  });
});
