import { describe, expect, it } from "vitest";
import { ctx, memory } from "../testing/registry-replica.ts";
import { typedRecord } from "../sync/record.ts";
import { importChanges } from "./changes.ts";
import type { ImportPart } from "./entry.ts";
import { mapRow } from "./map-row.ts";
import { planImportUndo } from "./plan-import-undo.ts";
import { matchSource, planImport } from "./plan.ts";
import type { ImportMapping } from "./types.ts";

const LEAD = "01890a5d-ac96-774b-bcce-b30209900001";
const IMPORT = "01890a5d-ac96-774b-bcce-b30209900009";
const mapping: ImportMapping = ["name", "email", "title", "tags", "notes"];

/** A workspace with Jane, and an import that updates her title and tags and creates Ann with a note. */
async function imported() {
  const db = memory();
  await db.run(
    "create",
    { type: "lead", id: LEAD, fields: { name: "Jane Doe", emails: ["jane@acme.test"], title: "CTO" } },
    ctx(1),
  );
  const rows = [
    ["Jane", "jane@acme.test", "VP Sales", "fair", ""],
    ["Ann Lee", "ann@x.test", "Buyer", "", "Met at the fair"],
    ["Ann Again", "ann@x.test", "", "", ""],
  ];
  const plans = planImport(
    rows.map((cells) => mapRow(cells, mapping, { defaultRegion: "US" })),
    matchSource([...db.rows.values()].map(typedRecord)),
  );
  let n = 0;
  const commit = importChanges(
    plans,
    {},
    {
      importId: IMPORT,
      fileName: "people.csv",
      format: "csv",
      now: ctx(2).now,
      newId: () => `01890a5d-ac96-774b-bcce-b3020990010${n++}`,
    },
  );
  for (const change of commit.chunks.flat()) {
    const result = await db.run(change.name, change.args, ctx(2));
    if (!result.ok) throw new Error(result.error.message);
  }
  const parts = commit.chunks.flat().flatMap((c) => (c.name === "recordImport" ? [c.args as ImportPart] : []));
  return { db, commit, parts };
}

async function undo(db: ReturnType<typeof memory>, parts: ImportPart[]) {
  const plan = await planImportUndo(parts, db);
  for (const change of plan.changes) {
    const result = await db.run(change.name, change.args, ctx(10));
    if (!result.ok) throw new Error(result.error.message);
  }
  return plan;
}

describe("importChanges and planImportUndo", () => {
  it("commits the plan: one created lead with its note, one update, counts and one history part", async () => {
    const { db, commit, parts } = await imported();
    expect(commit.counts).toEqual({ created: 1, updated: 1, skipped: 1, failed: 0 });
    expect(db.rows.get(`lead:${LEAD}`)?.data).toMatchObject({ title: "VP Sales", tags: ["fair"] });
    const ann = db.rows.get("lead:01890a5d-ac96-774b-bcce-b30209900100");
    expect(ann?.data).toMatchObject({ name: "Ann Lee", emails: ["ann@x.test"], source: { kind: "import" } });
    expect(db.rows.get("activity:01890a5d-ac96-774b-bcce-b30209900101")?.data).toMatchObject({
      type: "note",
      body: "Met at the fair",
    });
    expect(parts).toHaveLength(1);
    expect(parts[0]?.updated).toEqual([
      { type: "lead", id: LEAD, fields: { title: { from: "VP Sales", to: "CTO" } }, added: { tags: ["fair"] } },
    ]);
  });

  it("the user's choice per row wins when the row allows it", async () => {
    const db = memory();
    const plans = planImport([mapRow(["A", "a@x.test"], ["name", "email"], { defaultRegion: "US" })], matchSource([]));
    const skipped = importChanges(
      plans,
      { 1: "skip" },
      { importId: IMPORT, fileName: "", format: "csv", now: ctx(1).now, newId: () => LEAD },
    );
    expect(skipped.counts).toEqual({ created: 0, updated: 0, skipped: 1, failed: 0 });
    const refused = importChanges(
      plans,
      { 1: "update" },
      { importId: IMPORT, fileName: "", format: "csv", now: ctx(1).now, newId: () => LEAD },
    );
    expect(refused.counts.created).toBe(1);
    expect(db.rows.size).toBe(0);
  });

  it("undo moves created records to the trash and puts changed fields back", async () => {
    const { db, parts } = await imported();
    const plan = await undo(db, parts);
    expect(db.rows.get(`lead:${LEAD}`)?.data).toMatchObject({ title: "CTO", tags: [] });
    expect(db.rows.get("lead:01890a5d-ac96-774b-bcce-b30209900100")?.deleted).toBe(true);
    expect(db.rows.get("activity:01890a5d-ac96-774b-bcce-b30209900101")?.deleted).toBe(true);
    expect(plan.records.map((r) => r.outcome).sort()).toEqual(["removed", "reverted"]);
  });

  it("undo keeps what someone changed since, and says so", async () => {
    const { db, parts } = await imported();
    await db.run("update", { type: "lead", id: LEAD, set: { title: "CEO" } }, ctx(5));
    await db.run(
      "update",
      { type: "lead", id: "01890a5d-ac96-774b-bcce-b30209900100", set: { title: "Head of Buying" } },
      ctx(5),
    );
    const plan = await undo(db, parts);
    expect(db.rows.get(`lead:${LEAD}`)?.data).toMatchObject({ title: "CEO", tags: [] });
    expect(db.rows.get("lead:01890a5d-ac96-774b-bcce-b30209900100")?.deleted).toBe(false);
    expect(plan.records).toEqual([
      expect.objectContaining({ outcome: "partly", message: "Kept the title of Jane Doe: changed after the import." }),
      expect.objectContaining({ outcome: "kept", message: "Kept the lead Ann Lee: it was changed after the import." }),
    ]);
  });
});
