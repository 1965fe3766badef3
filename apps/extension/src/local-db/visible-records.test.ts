import { describe, expect, it } from "vitest";
import type { LocalRecord } from "./db.ts";
import {
  buildSnapshotIndex,
  CHUNKS_PER_PAGE,
  resolveIndexed,
  slotsOf,
  type IndexedSnapshot,
} from "./visible-records.ts";

/** A contact with its lookup keys, as a first-load page holds it. */
function contact(id: string, email: string, name = `Person ${id}`): LocalRecord {
  return {
    type: "contact",
    id,
    data: { id, name, emails: [email] },
    meta: { clocks: {}, sets: {}, history: [] },
    deleted: false,
    version: 1,
    keys: [`email:${email}`, `name:person:${name.toLowerCase()}`],
  } as unknown as LocalRecord;
}

/** A snapshot in memory as a context holds it after reading every value of these pages. */
function memoryOf(pages: Array<{ page: number; records: LocalRecord[]; chunk: number }>): IndexedSnapshot {
  const memory: IndexedSnapshot = { values: new Set(), indexes: new Map(), chunks: new Map() };
  for (const { page, records, chunk } of pages) {
    memory.indexes.set(page, buildSnapshotIndex(page, records, chunk));
    for (let slot = 0, i = 0; slot < records.length; slot += chunk, i++) {
      const key = page + i / CHUNKS_PER_PAGE;
      memory.values.add(key);
      memory.chunks.set(key, records.slice(slot, slot + chunk));
    }
  }
  return memory;
}

describe("a snapshot page's compact key index", () => {
  const records = Array.from({ length: 3000 }, (_, i) => contact(`c${i}`, `p${i}@firm${i % 40}.test`));

  it("holds every record under each of its lookup keys and its type:id", () => {
    const index = buildSnapshotIndex(7, records, 500);
    records.forEach((record, slot) => {
      for (const key of [...record.keys, `#contact:${record.id}`]) expect(slotsOf(index, key)).toContain(slot);
    });
    expect(slotsOf(index, "email:nobody@nowhere.test")).toEqual([]);
  });

  it("answers by id and by key from the values it needs, and names the values it lacks", () => {
    const memory = memoryOf([{ page: 10, records, chunk: 500 }]);
    const need = new Set<number>();
    const answer = resolveIndexed(
      memory,
      [10],
      { ids: ["contact:c1234"], lookups: [["email:p2999@firm39.test"]] },
      need,
    );
    expect(need.size).toBe(0);
    expect(answer.byId.get("contact:c1234")?.id).toBe("c1234");
    expect(answer.hits).toEqual([["contact:c2999"]]);

    // Without the values in memory, it says which one holds each hit (slot 2999 is in value 5).
    memory.chunks.clear();
    const missing = new Set<number>();
    resolveIndexed(memory, [10], { lookups: [["email:p2999@firm39.test"]] }, missing);
    expect([...missing]).toEqual([10 + 5 / CHUNKS_PER_PAGE]);
  });

  it("answers a record's newest copy: a later page wins, and a key it lost no longer finds it", () => {
    const later = contact("c5", "new@firm5.test");
    const memory = memoryOf([
      { page: 10, records: records.slice(0, 100), chunk: 500 },
      { page: 20, records: [later], chunk: 500 },
    ]);
    const answer = resolveIndexed(
      memory,
      [10, 20],
      { ids: ["contact:c5"], lookups: [["email:p5@firm5.test"], ["email:new@firm5.test"]] },
      new Set(),
    );
    expect(answer.byId.get("contact:c5")?.keys).toContain("email:new@firm5.test");
    expect(answer.hits).toEqual([[], ["contact:c5"]]);
  });
});
