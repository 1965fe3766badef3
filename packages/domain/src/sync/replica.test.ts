import { describe, expect, it } from "vitest";
import { newId } from "../ids.ts";
import { applyMutation } from "../mutations/registry.ts";
import { formatHlc } from "./hlc.ts";
import { MemoryReplica } from "./memory-replica.ts";
import type { PullResponse } from "./protocol.ts";
import type { RecordType } from "../common.ts";
import { fieldsOf, isRecordOf, typedRecord, type SyncedRecord } from "./record.ts";
import { applyLocal, applyPull, applyPushResponse, latestClockOf, type OutboxMutation } from "./replica.ts";

const T0 = 1_800_000_000_000;
const ctx = { actorId: null, defaultRegion: "US" };
const clientId = "client-a";

function mutation(id: number, name: string, args: unknown, wall: number, node = clientId): OutboxMutation {
  return {
    id,
    name,
    args,
    hlc: formatHlc({ wall: T0 + wall, counter: 0, node }),
    createdAt: new Date(T0 + wall).toISOString(),
  };
}

/** What the server would store for these mutations, applied in order (a stand-in for a pull). */
async function serverCopy(mutations: OutboxMutation[], version: number): Promise<SyncedRecord[]> {
  const rows = new Map<string, SyncedRecord>();
  const reader = {
    get: async <T extends RecordType>(type: T, id: string) => {
      const record = rows.get(`${type}:${id}`);
      return record && isRecordOf(record, type) ? structuredClone(record) : undefined;
    },
  };
  for (const m of mutations) {
    const result = await applyMutation(reader, m.name, m.args, {
      now: m.createdAt,
      hlc: m.hlc,
      actorId: null,
      defaultRegion: "US",
    });
    if (result.ok) for (const r of result.changed) rows.set(`${r.type}:${r.id}`, { ...r, version });
  }
  return [...rows.values()];
}

function page(
  records: SyncedRecord[],
  cookie: number,
  extra: Partial<PullResponse> = {},
): Pick<PullResponse, "cookie" | "patch" | "lastMutationIDChanges" | "hasMore"> {
  return {
    cookie,
    patch: records.map((record) => ({ op: "put" as const, record })),
    lastMutationIDChanges: {},
    hasMore: false,
    ...extra,
  };
}

/** A field of a record in the replica's view, by name (undefined when the view lacks the record). */
function viewField(replica: MemoryReplica, key: string, field: string): unknown {
  const record = replica.records.get(key);
  return record && fieldsOf(record)[field];
}

async function local(replica: MemoryReplica, m: OutboxMutation) {
  const result = await applyLocal(replica, m, ctx);
  if (result.ok) replica.outbox.push(m);
  return result;
}

describe("replica (the client's half of sync)", () => {
  it("shows a local change at once and keeps the server's copy to rebase on", async () => {
    const replica = new MemoryReplica();
    const id = newId();
    await local(replica, mutation(1, "create", { type: "lead", id, fields: { name: "Jane" } }, 1));
    expect(viewField(replica, `lead:${id}`, "name")).toBe("Jane");
    expect(replica.bases.get(`lead:${id}`)).toMatchObject({ record: null });
    expect(replica.outbox.map((m) => m.id)).toEqual([1]);
  });

  it("ignores a page fetched from another cookie (late, duplicated or replayed)", async () => {
    const replica = new MemoryReplica();
    const id = newId();
    const create = mutation(1, "create", { type: "lead", id, fields: { name: "Jane" } }, 1, "other");
    const rename = mutation(2, "update", { type: "lead", id, set: { name: "Janet" } }, 2, "other");
    const v1 = await serverCopy([create], 1);
    const v2 = await serverCopy([create, rename], 2);
    expect((await applyPull(replica, 0, page(v1, 1), clientId, ctx)).applied).toBe(true);
    expect((await applyPull(replica, 1, page(v2, 2), clientId, ctx)).applied).toBe(true);
    // The first page again, arriving late: the view must not go back to "Jane".
    expect((await applyPull(replica, 0, page(v1, 1), clientId, ctx)).applied).toBe(false);
    expect(viewField(replica, `lead:${id}`, "name")).toBe("Janet");
    expect(replica.cookie).toBe(2);
  });

  it("replays pending changes over a teammate's newer server state", async () => {
    const replica = new MemoryReplica();
    const id = newId();
    const create = mutation(1, "create", { type: "lead", id, fields: { name: "Jane" } }, 1, "other");
    await applyPull(replica, 0, page(await serverCopy([create], 1), 1), clientId, ctx);
    await local(replica, mutation(1, "update", { type: "lead", id, set: { title: "CTO" } }, 5));
    // A teammate's change to another field arrives while ours is pending: both show.
    const theirs = mutation(2, "update", { type: "lead", id, set: { location: "Lyon" } }, 3, "other");
    await applyPull(replica, 1, page(await serverCopy([create, theirs], 2), 2), clientId, ctx);
    expect(replica.records.get(`lead:${id}`)?.data).toMatchObject({ title: "CTO", location: "Lyon" });
    expect(replica.outbox).toHaveLength(1);
  });

  it("drops a change the server rejected from the view at the end of the round", async () => {
    const replica = new MemoryReplica();
    const id = newId();
    const create = mutation(1, "create", { type: "lead", id, fields: { name: "Jane" } }, 1, "other");
    await applyPull(replica, 0, page(await serverCopy([create], 1), 1), clientId, ctx);
    await local(replica, mutation(1, "update", { type: "lead", id, set: { title: "CTO" } }, 5));
    // The server processed it but refused it (say, the member became a viewer): nothing changed there.
    await applyPushResponse(replica, { lastMutationId: 1 });
    expect(replica.outbox).toEqual([]);
    expect(replica.sent.map((m) => m.id)).toEqual([1]);
    await applyPull(replica, 1, page([], 1, { lastMutationIDChanges: { [clientId]: 1 } }), clientId, ctx);
    expect(replica.sent).toEqual([]);
    expect(viewField(replica, `lead:${id}`, "title")).toBeNull();
    expect(replica.bases.size).toBe(0);
  });

  it("keeps a saved change in view until the page that holds it arrives", async () => {
    const replica = new MemoryReplica();
    const id = newId();
    const theirs = mutation(
      1,
      "create",
      { type: "lead", id: newId(), fields: { name: "Teammate's lead" } },
      1,
      "other",
    );
    await local(replica, mutation(1, "create", { type: "lead", id, fields: { name: "Jane" } }, 2));
    await applyPushResponse(replica, { lastMutationId: 1 });
    // A page from before our push (a teammate's change) arrives after the push answer: our lead
    // is saved but not in this page, and must not vanish from the view meanwhile.
    await applyPull(replica, 0, page(await serverCopy([theirs], 1), 1, { hasMore: true }), clientId, ctx);
    expect(viewField(replica, `lead:${id}`, "name")).toBe("Jane");
    expect(replica.sent.map((m) => m.id)).toEqual([1]);
    // The page that holds it acknowledges it: the view is the server's copy, nothing is pending.
    const ours = await serverCopy([mutation(1, "create", { type: "lead", id, fields: { name: "Jane" } }, 2)], 2);
    await applyPull(replica, 1, page(ours, 2, { lastMutationIDChanges: { [clientId]: 1 } }), clientId, ctx);
    expect(replica.records.get(`lead:${id}`)).toEqual(ours[0]);
    expect(replica.sent).toEqual([]);
    expect(replica.bases.size).toBe(0);
  });

  it("does not replay a change a page already holds and acknowledges", async () => {
    const replica = new MemoryReplica();
    const id = newId();
    const create = mutation(1, "create", { type: "lead", id, fields: { name: "Jane", title: "CEO" } }, 1, "other");
    await applyPull(replica, 0, page(await serverCopy([create], 1), 1), clientId, ctx);
    const ours = mutation(1, "update", { type: "lead", id, set: { title: "CTO" } }, 2);
    await local(replica, ours);
    await applyPushResponse(replica, { lastMutationId: 1 });
    // The next page holds our change and a teammate's newer one; it acknowledges ours, so ours is
    // not replayed a second time (which would add a second "lost" entry to the history).
    const newer = mutation(2, "update", { type: "lead", id, set: { title: "VP Sales" } }, 3, "other");
    const server = await serverCopy([create, ours, newer], 3);
    await applyPull(
      replica,
      1,
      page(server, 3, { hasMore: true, lastMutationIDChanges: { [clientId]: 1 } }),
      clientId,
      ctx,
    );
    expect(replica.records.get(`lead:${id}`)).toEqual(server[0]);
    expect(replica.sent).toEqual([]);
  });

  it("acknowledges only through the client's own entry and never backwards", async () => {
    const replica = new MemoryReplica();
    for (let i = 1; i <= 3; i++)
      await local(replica, mutation(i, "create", { type: "lead", id: newId(), fields: { name: `L${i}` } }, i));
    await applyPushResponse(replica, { lastMutationId: 2 });
    await applyPushResponse(replica, { lastMutationId: 1 });
    expect(replica.outbox.map((m) => m.id)).toEqual([3]);
    expect(replica.sent.map((m) => m.id)).toEqual([1, 2]);
    const outcome = await applyPull(
      replica,
      0,
      page([], 0, { lastMutationIDChanges: { "someone-else": 3 } }),
      clientId,
      ctx,
    );
    expect(outcome.acknowledged).toBe(0);
    expect(replica.outbox.map((m) => m.id)).toEqual([3]);
  });

  it("reports the newest clock of a page, so the client's next edit orders after it", async () => {
    const id = newId();
    const records = await serverCopy(
      [mutation(1, "create", { type: "lead", id, fields: { name: "Jane", tags: ["vip"] } }, 9, "ahead")],
      1,
    );
    expect(latestClockOf(page(records, 1).patch)).toBe(formatHlc({ wall: T0 + 9, counter: 0, node: "ahead" }));
  });
});

describe("replica steps in detail", () => {
  const hlc = (wall: number, node = "n") => formatHlc({ wall: T0 + wall, counter: 0, node });
  const rec = (id: string, clocks: Record<string, string>, sets: Record<string, Record<string, string[]>> = {}) =>
    typedRecord({
      type: "lead",
      id,
      data: { id, name: "X" },
      meta: { clocks, sets, history: [] },
      deleted: false,
      version: 1,
    });

  it("finds the newest clock among fields and set adds of put records, ignoring erasures", () => {
    expect(latestClockOf([])).toBeNull();
    expect(latestClockOf([{ op: "del", type: "lead", id: "x" }])).toBeNull();
    const fieldsNewest = rec("a", { name: hlc(9), title: hlc(3) }, { tags: { vip: [hlc(1), hlc(5)] } });
    const setsNewest = rec("b", { name: hlc(2) }, { tags: { vip: [hlc(4)], new: [hlc(12), hlc(11)] } });
    expect(latestClockOf([{ op: "put", record: fieldsNewest }])).toBe(hlc(9));
    expect(latestClockOf([{ op: "put", record: setsNewest }])).toBe(hlc(12));
    expect(
      latestClockOf([
        { op: "put", record: setsNewest },
        { op: "del", type: "lead", id: "c" },
        { op: "put", record: fieldsNewest },
      ]),
    ).toBe(hlc(12));
    expect(latestClockOf([{ op: "put", record: rec("c", {}, { tags: { x: [hlc(7)] } }) }])).toBe(hlc(7));
  });

  it("writes a quiet client's page straight into the view, erasures included", async () => {
    const replica = new MemoryReplica();
    await replica.putRecords([rec("old", {}), rec("keep", {})]);
    const outcome = await applyPull(
      replica,
      0,
      {
        cookie: 3,
        patch: [
          { op: "put", record: rec("new", { name: hlc(1) }) },
          { op: "del", type: "lead", id: "old" },
        ],
        lastMutationIDChanges: {},
        hasMore: false,
      },
      clientId,
      ctx,
    );
    expect(outcome).toEqual({ applied: true, acknowledged: 0, latestClock: hlc(1) });
    expect([...replica.records.keys()].sort()).toEqual(["lead:keep", "lead:new"]);
    expect(replica.cookie).toBe(3);
  });

  it("puts a page's copies of records with local changes into their bases, and the rest into the view", async () => {
    const replica = new MemoryReplica();
    const id = newId();
    const other = newId();
    await applyPull(
      replica,
      0,
      page(
        await serverCopy(
          [
            mutation(1, "create", { type: "lead", id, fields: { name: "Jane" } }, 1, "o"),
            mutation(2, "create", { type: "lead", id: other, fields: { name: "Bob" } }, 1, "o"),
          ],
          1,
        ),
        1,
      ),
      clientId,
      ctx,
    );
    await local(replica, mutation(1, "update", { type: "lead", id, set: { title: "CTO" } }, 5));
    expect(fieldsOf(replica.bases.get(`lead:${id}`)!.record!).title).toBeNull();
    // The server erases our record and renames the other one.
    const renamed = await serverCopy(
      [
        mutation(2, "create", { type: "lead", id: other, fields: { name: "Bob" } }, 1, "o"),
        mutation(3, "update", { type: "lead", id: other, set: { name: "Robert" } }, 2, "o"),
      ],
      2,
    );
    const outcome = await applyPull(
      replica,
      1,
      {
        cookie: 2,
        patch: [{ op: "del", type: "lead", id }, ...renamed.map((record) => ({ op: "put" as const, record }))],
        lastMutationIDChanges: {},
        hasMore: false,
      },
      clientId,
      ctx,
    );
    expect(outcome.applied).toBe(true);
    expect(fieldsOf(replica.records.get(`lead:${other}`)!).name).toBe("Robert");
    // Our pending update no longer applies to an erased record: the view drops it, the change stays queued.
    expect(replica.records.has(`lead:${id}`)).toBe(false);
    expect(replica.outbox.map((m) => m.id)).toEqual([1]);
    expect(replica.bases.size).toBe(0);
  });

  it("replays pending changes over a page that touches only other records", async () => {
    const replica = new MemoryReplica();
    const lead = newId();
    const company = newId();
    const create = mutation(
      1,
      "create",
      { type: "lead", id: lead, fields: { name: "Jane", emails: ["jane@acme.com"], status: "qualified" } },
      1,
      "o",
    );
    await applyPull(replica, 0, page(await serverCopy([create], 1), 1), clientId, ctx);
    await local(
      replica,
      mutation(1, "convertLead", { leadId: lead, contactId: newId(), companyId: newId(), activityId: newId() }, 5),
    );
    const mine = [...replica.records.values()].find((r) => r.type === "company")!;
    expect(mine.data.domain).toBe("acme.com");
    // A teammate's company with the same domain arrives: the pending conversion now links to it.
    const theirs = await serverCopy(
      [
        mutation(
          2,
          "create",
          { type: "company", id: company, fields: { name: "Acme Corp", domain: "acme.com" } },
          2,
          "o",
        ),
      ],
      2,
    );
    await applyPull(replica, 1, page(theirs, 2), clientId, ctx);
    expect(fieldsOf(replica.records.get(`lead:${lead}`)!).convertedCompanyId).toBe(company);
    expect(replica.records.has(`company:${mine.id}`)).toBe(false);
  });

  it("keeps no base for a local change that failed, and keeps the first base of a record", async () => {
    const replica = new MemoryReplica();
    const id = newId();
    const failed = await applyLocal(
      replica,
      mutation(1, "update", { type: "lead", id, set: { title: "CTO" } }, 1),
      ctx,
    );
    expect(failed.ok).toBe(false);
    expect(replica.bases.size).toBe(0);
    await local(replica, mutation(1, "create", { type: "lead", id, fields: { name: "Jane" } }, 2));
    await local(replica, mutation(2, "update", { type: "lead", id, set: { title: "CTO" } }, 3));
    expect(replica.bases.get(`lead:${id}`)).toEqual({ type: "lead", id, record: null });
    expect(fieldsOf(replica.records.get(`lead:${id}`)!).title).toBe("CTO");
  });
});
