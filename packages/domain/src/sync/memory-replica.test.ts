import { describe, expect, it } from "vitest";
import { MemoryReplica } from "./memory-replica.ts";
import { fieldsOf, typedRecord } from "./record.ts";
import type { OutboxMutation } from "./replica.ts";

const record = (id: string, name = "Jane") =>
  typedRecord({
    type: "lead",
    id,
    data: { id, name },
    meta: { clocks: {}, sets: {}, history: [] },
    deleted: false,
    version: 1,
  });
const change = (id: number): OutboxMutation => ({
  id,
  name: "delete",
  args: { type: "lead", id: "x" },
  hlc: `h${id}`,
  createdAt: "2026-01-01T00:00:00.000Z",
});

describe("MemoryReplica", () => {
  it("writes and removes records in the view", async () => {
    const replica = new MemoryReplica();
    await replica.putRecords([record("a"), record("b")]);
    await replica.deleteRecord("lead", "a");
    await replica.deleteRecord("contact", "b");
    expect([...replica.records.keys()]).toEqual(["lead:b"]);
  });

  it("keeps bases as copies and says whether it has any", async () => {
    const replica = new MemoryReplica();
    expect(await replica.hasBases()).toBe(false);
    const base = { type: "lead" as const, id: "a", record: record("a") };
    await replica.putBase(base);
    base.record.data.name = "changed outside";
    expect(await replica.hasBases()).toBe(true);
    const read = (await replica.getBase("lead", "a"))!;
    expect(fieldsOf(read.record!).name).toBe("Jane");
    Object.assign(read.record!.data, { name: "changed by reader" });
    expect(fieldsOf((await replica.listBases())[0]!.record!).name).toBe("Jane");
    expect(await replica.getBase("lead", "b")).toBeUndefined();
    await replica.clearBases();
    expect(await replica.hasBases()).toBe(false);
    expect(await replica.listBases()).toEqual([]);
  });

  it("moves acknowledged changes to sent, then drops them, counting each step", async () => {
    const replica = new MemoryReplica();
    expect(await replica.hasPending()).toBe(false);
    replica.outbox = [change(1), change(2), change(3)];
    expect(await replica.hasPending()).toBe(true);
    expect(await replica.markSentThrough(2)).toBe(2);
    expect(replica.sent.map((m) => m.id)).toEqual([1, 2]);
    expect(replica.outbox.map((m) => m.id)).toEqual([3]);
    expect(await replica.markSentThrough(2)).toBe(0);
    expect((await replica.listPending()).map((m) => m.id)).toEqual([1, 2, 3]);
    expect(await replica.dropPendingThrough(1)).toBe(1);
    expect(await replica.dropPendingThrough(3)).toBe(2);
    expect(replica.sent).toEqual([]);
    expect(replica.outbox).toEqual([]);
    expect(await replica.hasPending()).toBe(false);
    // Only sent changes pending still counts as pending.
    replica.sent = [change(4)];
    expect(await replica.hasPending()).toBe(true);
    replica.sent = [];
    replica.outbox = [change(5)];
    expect(await replica.hasPending()).toBe(true);
    expect(await replica.dropPendingThrough(4)).toBe(0);
  });

  it("snapshots every part of its state as a deep copy", async () => {
    const replica = new MemoryReplica();
    await replica.putRecords([record("a")]);
    await replica.putBase({ type: "lead", id: "a", record: null });
    replica.outbox = [change(2)];
    replica.sent = [change(1)];
    await replica.setCookie(7);
    const copy = replica.snapshot();
    expect(copy.records).toEqual(replica.records);
    expect(copy.bases).toEqual(replica.bases);
    expect(copy.outbox).toEqual([change(2)]);
    expect(copy.sent).toEqual([change(1)]);
    expect(await copy.getCookie()).toBe(7);
    Object.assign(replica.records.get("lead:a")!.data, { name: "changed" });
    replica.outbox[0]!.hlc = "changed";
    expect(fieldsOf(copy.records.get("lead:a")!).name).toBe("Jane");
    expect(copy.outbox[0]!.hlc).toBe("h2");
  });
});
