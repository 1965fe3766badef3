import { describe, expect, it } from "vitest";
import { ctx, ID, memory } from "./test-support.ts";

const part = {
  id: ID,
  fileName: "people.csv",
  format: "csv",
  counts: { created: 1, updated: 0, skipped: 0, failed: 0 },
  created: [{ type: "lead", id: ID }],
  updated: [],
};

describe("recordImport", () => {
  it("changes no record: the history is the server's", async () => {
    const db = memory();
    const result = await db.run("recordImport", part, ctx(1));
    expect(result).toEqual({ ok: true, changed: [] });
    expect(db.rows.size).toBe(0);
  });

  it("refuses a part that is not one", async () => {
    const db = memory();
    const result = await db.run("recordImport", { ...part, format: "xls" }, ctx(1));
    expect(result.ok).toBe(false);
    const negative = await db.run("recordImport", { ...part, counts: { ...part.counts, created: -1 } }, ctx(1));
    expect(negative.ok).toBe(false);
  });
});
