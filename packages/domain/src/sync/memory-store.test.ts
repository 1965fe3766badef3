import { describe, expect, it } from "vitest";
import type { ApplyContext } from "./context.ts";
import { createRecord, setDeleted } from "./fields.ts";
import { formatHlc } from "./hlc.ts";
import { MemoryRecordStore } from "./memory-store.ts";
import type { SyncedRecord } from "./record.ts";

const ctx: ApplyContext = {
  now: "2026-01-01T00:00:00.000Z",
  hlc: formatHlc({ wall: 1_700_000_000_000, counter: 0, node: "a" }),
  actorId: null,
  defaultRegion: "US",
};
const ids = ["1", "2", "3", "4", "5"].map((n) => `01890a5d-ac96-774b-bcce-b302099a805${n}`);

function contact(id: string, fields: Record<string, unknown>): SyncedRecord {
  const created = createRecord("contact", id, fields, ctx);
  if (!created.ok) throw new Error(created.error.message);
  return created.changed[0]!;
}

describe("MemoryRecordStore (the reference of the lookup contract)", () => {
  it("finds live records by key, sorted by id whatever the order they were written in", async () => {
    const shared = { name: "Jane", emails: ["team@acme.com"] };
    const gone = setDeleted(contact(ids[1]!, shared), true, ctx);
    if (!gone.ok) throw new Error(gone.error.message);
    const store = new MemoryRecordStore([contact(ids[3]!, shared), contact(ids[0]!, shared), ...gone.changed]);
    store.write([contact(ids[2]!, shared), contact(ids[4]!, { name: "Bob" })]);
    expect((await store.findByKey("email:team@acme.com")).map((r) => r.id)).toEqual([ids[0], ids[2], ids[3]]);
    expect(await store.findByKey("email:bob@acme.com")).toEqual([]);
    // Tombstones are still read by id.
    expect((await store.get("contact", ids[1]!))?.deleted).toBe(true);
  });
});
