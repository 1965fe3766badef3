import { describe, expect, it } from "vitest";
import { typedRecord } from "@leadpane/domain/sync";
import { EMPTY_FILTER, filterRows, sortRows, tagsOf, toListRow, UNASSIGNED } from "./list-rows.ts";
import { loadRules } from "./rules.ts";

// Rows score leads and filters read phones with the rules a page loads on demand (before any row here).
await loadRules();

const OWNER = "0190c7a0-0000-7000-8000-000000000001";

function lead(id: string, data: Record<string, unknown>) {
  const record = typedRecord({
    type: "lead",
    id,
    data: {
      name: "x",
      emails: [],
      phones: [],
      urls: [],
      tags: [],
      status: "new",
      source: { kind: "web" },
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
      ...data,
    },
    meta: { clocks: {}, sets: {}, history: [] },
    deleted: false,
    version: 1,
  });
  return { ...record, keys: [] };
}

const now = new Date("2026-02-01T00:00:00.000Z");
const rows = [
  toListRow(
    lead("a", {
      name: "Jane Doe",
      title: "CEO",
      companyName: "Acme",
      emails: ["jane@acme.com"],
      tags: ["VIP"],
      ownerId: OWNER,
      createdAt: "2026-01-03T00:00:00.000Z",
    }),
    [],
    now,
  ),
  toListRow(
    lead("b", { name: "Bob Roe", status: "working", source: { kind: "email" }, createdAt: "2026-01-02T00:00:00.000Z" }),
    [],
    now,
  ),
  toListRow(
    lead("c", {
      name: "Ann Poe",
      status: "qualified",
      emails: ["ann@gmail.com"],
      tags: ["vip", "fintech"],
      createdAt: "2026-01-01T00:00:00.000Z",
    }),
    [],
    now,
  ),
];

describe("dashboard list rows", () => {
  it("flattens a lead with its score and searchable text", () => {
    expect(rows[0]).toMatchObject({
      name: "Jane Doe",
      company: "Acme",
      email: "jane@acme.com",
      status: "new",
      source: "web",
      ownerId: OWNER,
    });
    expect(rows[0]!.score).toBeGreaterThan(rows[1]!.score);
    expect(rows[0]!.haystack).toContain("jane@acme.com");
  });

  it("filters by text, status, owner, tag (case-insensitive), source and score", () => {
    const names = (f: Partial<typeof EMPTY_FILTER>) => filterRows(rows, { ...EMPTY_FILTER, ...f }).map((r) => r.name);
    expect(names({})).toEqual(["Jane Doe", "Bob Roe", "Ann Poe"]);
    expect(names({ text: "ACME" })).toEqual(["Jane Doe"]);
    expect(names({ status: "working" })).toEqual(["Bob Roe"]);
    expect(names({ ownerId: OWNER })).toEqual(["Jane Doe"]);
    expect(names({ ownerId: UNASSIGNED })).toEqual(["Bob Roe", "Ann Poe"]);
    expect(names({ tag: "vip" })).toEqual(["Jane Doe", "Ann Poe"]);
    expect(names({ source: "email" })).toEqual(["Bob Roe"]);
    expect(names({ minScore: rows[0]!.score })).toEqual(["Jane Doe"]);
  });

  it("finds names without their accents and phones however they are typed", () => {
    const people = [
      toListRow(lead("m", { name: "Aoife Márquez", phones: ["+14155550100"] }), [], now),
      toListRow(lead("u", { name: "Jürgen Müller", phones: ["+442079460958"] }), [], now),
    ];
    const names = (text: string, region?: string) =>
      filterRows(people, { ...EMPTY_FILTER, text }, region).map((r) => r.name);
    expect(names("marquez")).toEqual(["Aoife Márquez"]);
    expect(names("Muller")).toEqual(["Jürgen Müller"]);
    for (const typed of ["+1 (415) 555-0100", "415.555.0100", "4155550100"])
      expect(names(typed), typed).toEqual(["Aoife Márquez"]);
    expect(names("020 7946 0958", "GB")).toEqual(["Jürgen Müller"]);
    expect(names("4155550199")).toEqual([]);
  });

  it("shows a contact's company, which the contact holds by id, in the company column", () => {
    const contact = { ...lead("k", { name: "Aoife" }), type: "contact" as const };
    const row = toListRow(
      typedRecord({ ...contact, data: { ...contact.data, companyId: "co" } }),
      [],
      now,
      "Pipedream",
    );
    expect(row.company).toBe("Pipedream");
    expect(row.haystack).toContain("pipedream");
  });

  it("sorts by a column either way, newest first on ties", () => {
    expect(sortRows(rows, { key: "name", dir: "asc" }).map((r) => r.id)).toEqual(["c", "b", "a"]);
    expect(sortRows(rows, { key: "score", dir: "desc" })[0]!.id).toBe("a");
    expect(sortRows(rows, { key: "status", dir: "asc" }).map((r) => r.id)).toEqual(["a", "c", "b"]);
  });

  it("lists distinct tags", () => {
    expect(tagsOf(rows)).toEqual(["fintech", "vip", "VIP"]);
  });
});
