import { describe, expect, it } from "vitest";
import type { RecordType } from "../common.ts";
import { newId } from "../ids.ts";
import { applyMutation } from "../mutations/registry.ts";
import type { ApplyContext } from "../sync/context.ts";
import { formatHlc } from "../sync/hlc.ts";
import { MemoryRecordStore } from "../sync/memory-store.ts";
import { describeKept } from "./describe.ts";
import { planUndo } from "./plan-undo.ts";
import type { ActionTrace, UndoPlan } from "./trace.ts";

const T0 = 1_700_000_000_000;
const REP = "01890a5d-ac96-774b-bcce-b30209900001";
const MATE = "01890a5d-ac96-774b-bcce-b30209900002";

/** A small workspace changed only through the registry's mutations, each a millisecond after the last. */
function workspace() {
  const store = new MemoryRecordStore();
  let wall = 1;
  const at = (actorId: string, node: string): ApplyContext => {
    wall += 1;
    return {
      now: new Date(T0 + wall).toISOString(),
      hlc: formatHlc({ wall: T0 + wall, counter: 0, node }),
      actorId,
      defaultRegion: "US",
    };
  };
  /** Applies a mutation as `actorId` and returns what it did, as the replica's trace. */
  const act = async (name: string, args: unknown, actorId = REP, node = "rep"): Promise<ActionTrace> => {
    const result = await applyMutation(store, name, args, at(actorId, node));
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    const before = await Promise.all(result.changed.map(async (r) => (await store.get(r.type, r.id)) ?? null));
    store.write(result.changed);
    return { before, after: result.changed };
  };
  const create = async (type: RecordType, fields: Record<string, unknown>) => {
    const id = newId();
    await act("create", { type, id, fields });
    return id;
  };
  /** Plans the undo of `trace` now and applies it; the plan is returned for its `kept`. */
  const undo = async (trace: ActionTrace): Promise<UndoPlan> => {
    const plan = await planUndo(trace, store);
    for (const change of plan.changes) await act(change.name, change.args);
    return plan;
  };
  const get = async (type: RecordType, id: string) => (await store.get(type, id))!;
  const data = async (type: RecordType, id: string) => (await get(type, id)).data as Record<string, unknown>;
  const live = (type: RecordType) => store.all(type).filter((r) => !r.deleted);
  return { store, act, create, undo, get, data, live };
}

describe("undo of a delete", () => {
  it("restores the record, and a deleted note too", async () => {
    const w = workspace();
    const lead = await w.create("lead", { name: "Jane Doe" });
    const note = await w.create("activity", {
      type: "note",
      subject: { type: "lead", id: lead },
      body: "Met at expo",
      occurredAt: new Date(T0).toISOString(),
    });
    const deleted = await w.act("delete", { type: "lead", id: lead });
    const noteDeleted = await w.act("delete", { type: "activity", id: note });
    expect((await w.get("lead", lead)).deleted).toBe(true);
    await w.undo(deleted);
    await w.undo(noteDeleted);
    expect((await w.get("lead", lead)).deleted).toBe(false);
    expect((await w.get("activity", note)).deleted).toBe(false);
  });
});

describe("undo of a status change", () => {
  it("sets the old status back (even against the transition table) and removes its status_change entry", async () => {
    const w = workspace();
    const lead = await w.create("lead", { name: "Jane Doe", status: "new" });
    const activityId = newId();
    const change = await w.act("setLeadStatus", { leadId: lead, status: "qualified", activityId });
    const plan = await w.undo(change);
    expect(plan.kept).toEqual([]);
    expect(await w.data("lead", lead)).toMatchObject({ status: "new", unqualifiedReason: null });
    expect((await w.get("activity", activityId)).deleted).toBe(true);
  });

  it("brings back an unqualified lead's reason", async () => {
    const w = workspace();
    const lead = await w.create("lead", { name: "Jane Doe", status: "unqualified", unqualifiedReason: "No budget" });
    const change = await w.act("setLeadStatus", { leadId: lead, status: "working", activityId: newId() });
    await w.undo(change);
    expect(await w.data("lead", lead)).toMatchObject({ status: "unqualified", unqualifiedReason: "No budget" });
  });

  it("keeps a teammate's later status and says whose it is", async () => {
    const w = workspace();
    const lead = await w.create("lead", { name: "Jane Doe", status: "new" });
    const activityId = newId();
    const change = await w.act("setLeadStatus", { leadId: lead, status: "working", activityId });
    await w.act("setLeadStatus", { leadId: lead, status: "qualified", activityId: newId() }, MATE, "mate");
    const plan = await w.undo(change);
    expect((await w.data("lead", lead)).status).toBe("qualified");
    // Its entry stays: it tells how the lead got to the status the teammate moved on from.
    expect((await w.get("activity", activityId)).deleted).toBe(false);
    expect(plan.kept).toMatchObject([{ type: "lead", id: lead, field: "status", value: "qualified", by: MATE }]);
    expect(describeKept(plan.kept, (id) => (id === MATE ? "Sam Lee's" : null))).toEqual([
      "Kept Sam Lee's change to Jane Doe's status.",
    ]);
  });
});

describe("undo of a bulk edit", () => {
  it("puts back each record's old owner and removes only the bulk's own tag adds", async () => {
    const w = workspace();
    const a = await w.create("lead", { name: "Ann", ownerId: REP });
    const b = await w.create("lead", { name: "Bob", ownerId: null });
    const traces = [
      await w.act("update", { type: "lead", id: a, set: { ownerId: MATE } }),
      await w.act("update", { type: "lead", id: b, set: { ownerId: MATE } }),
      await w.act("add", { type: "lead", id: a, field: "tags", values: ["expo"] }),
      await w.act("add", { type: "lead", id: b, field: "tags", values: ["expo"] }),
    ];
    // A teammate reassigns Bob after the bulk change, and tags Ann "expo" on their own.
    await w.act("update", { type: "lead", id: b, set: { ownerId: REP } }, MATE, "mate");
    await w.act("add", { type: "lead", id: a, field: "tags", values: ["expo"] }, MATE, "mate");
    const bulk: ActionTrace = { before: traces.flatMap((t) => t.before), after: traces.flatMap((t) => t.after) };
    const plan = await w.undo(bulk);
    expect(await w.data("lead", a)).toMatchObject({ ownerId: REP, tags: ["expo"] });
    expect(await w.data("lead", b)).toMatchObject({ ownerId: REP, tags: [] });
    expect(plan.kept).toMatchObject([{ id: b, field: "ownerId", by: MATE }]);
  });
});

describe("undo of a tag removal", () => {
  it("adds the tag back, unless someone added it again since", async () => {
    const w = workspace();
    const lead = await w.create("lead", { name: "Ann", tags: ["expo", "vip"] });
    const observed = async (tag: string) => ({ [tag]: [...((await w.get("lead", lead)).meta.sets.tags?.[tag] ?? [])] });
    const removal = await w.act("remove", { type: "lead", id: lead, field: "tags", observed: await observed("vip") });
    const again = await w.act("remove", { type: "lead", id: lead, field: "tags", observed: await observed("expo") });
    await w.act("add", { type: "lead", id: lead, field: "tags", values: ["expo"] }, MATE, "mate");
    expect((await w.undo(removal)).changes).toHaveLength(1);
    expect((await w.undo(again)).changes).toEqual([]);
    expect((await w.data("lead", lead)).tags).toEqual(["expo", "vip"]);
  });
});

describe("undo of a bulk status change", () => {
  it("reverts each lead nobody touched since, with its entry; a lead a teammate moved on keeps both", async () => {
    const w = workspace();
    const a = await w.create("lead", { name: "Ann", status: "new" });
    const b = await w.create("lead", { name: "Bob", status: "new" });
    const [entryA, entryB] = [newId(), newId()];
    const traces = [
      await w.act("setLeadStatus", { leadId: a, status: "working", activityId: entryA }),
      await w.act("setLeadStatus", { leadId: b, status: "working", activityId: entryB }),
    ];
    await w.act("setLeadStatus", { leadId: b, status: "qualified", activityId: newId() }, MATE, "mate");
    await w.undo({ before: traces.flatMap((t) => t.before), after: traces.flatMap((t) => t.after) });
    expect([(await w.data("lead", a)).status, (await w.data("lead", b)).status]).toEqual(["new", "qualified"]);
    expect([(await w.get("activity", entryA)).deleted, (await w.get("activity", entryB)).deleted]).toEqual([
      true,
      false,
    ]);
  });
});

describe("undo of a stage move", () => {
  it("moves the deal back, out of a final stage too, and removes its stage_change entry", async () => {
    const w = workspace();
    const deal = await w.create("deal", { title: "Acme", stage: "proposal" });
    const activityId = newId();
    const move = await w.act("moveDeal", { dealId: deal, stage: "won", activityId });
    await w.undo(move);
    expect((await w.data("deal", deal)).stage).toBe("proposal");
    expect((await w.get("activity", activityId)).deleted).toBe(true);
  });
});

describe("undo of a conversion", () => {
  const convertArgs = (leadId: string) => ({
    leadId,
    contactId: newId(),
    companyId: newId(),
    activityId: newId(),
    dealId: newId(),
    deal: { title: "Acme deal", amount: 1_920_000, currency: "USD" },
  });

  it("reverts the lead and removes the contact, company, deal and entry it made; tasks go back", async () => {
    const w = workspace();
    const lead = await w.create("lead", {
      name: "Jane Doe",
      status: "qualified",
      companyName: "Acme",
      emails: ["jane@acme.com"],
    });
    const task = await w.create("task", { title: "Call Jane", subject: { type: "lead", id: lead } });
    const args = convertArgs(lead);
    const conversion = await w.act("convertLead", args);
    expect((await w.data("task", task)).subject).toEqual({ type: "contact", id: args.contactId });
    const plan = await w.undo(conversion);
    expect(plan.kept).toEqual([]);
    expect(await w.data("lead", lead)).toMatchObject({
      status: "qualified",
      convertedContactId: null,
      convertedCompanyId: null,
      convertedDealId: null,
      companyId: null,
    });
    expect((await w.data("task", task)).subject).toEqual({ type: "lead", id: lead });
    expect(w.live("contact")).toEqual([]);
    expect(w.live("company")).toEqual([]);
    expect(w.live("deal")).toEqual([]);
    expect((await w.get("activity", args.activityId)).deleted).toBe(true);
    // And the lead converts again, as if never converted.
    expect(
      (
        await applyMutation(w.store, "convertLead", convertArgs(lead), {
          now: new Date(T0 + 99).toISOString(),
          hlc: formatHlc({ wall: T0 + 99_000, counter: 0, node: "rep" }),
          actorId: REP,
          defaultRegion: "US",
        })
      ).ok,
    ).toBe(true);
  });

  it("keeps a created contact someone worked on since, and still removes the untouched deal", async () => {
    const w = workspace();
    const lead = await w.create("lead", { name: "Jane Doe", status: "new", companyName: "Acme" });
    const args = convertArgs(lead);
    const conversion = await w.act("convertLead", args);
    await w.act("update", { type: "contact", id: args.contactId, set: { title: "CTO" } }, MATE, "mate");
    const plan = await w.undo(conversion);
    expect((await w.data("lead", lead)).status).toBe("new");
    expect(w.live("contact").map((c) => c.id)).toEqual([args.contactId]);
    expect(w.live("deal")).toEqual([]);
    expect(plan.kept).toMatchObject([{ type: "contact", id: args.contactId, name: "Jane Doe", field: null }]);
    expect(describeKept(plan.kept, () => null, "the conversion")).toEqual([
      "Kept the contact Jane Doe: it was changed after the conversion.",
    ]);
  });

  it("keeps the whole conversion when the server made it differently than this browser saw", async () => {
    const w = workspace();
    const lead = await w.create("lead", { name: "Jane Doe", status: "new", companyName: "Acme" });
    const args = convertArgs(lead);
    const conversion = await w.act("convertLead", args);
    // This browser saw the conversion create another contact than the server's (which matched one).
    const seen = structuredClone(conversion);
    for (const record of seen.after)
      if (record.type === "lead") record.data.convertedContactId = "01890a5d-ac96-774b-bcce-b302099a80ff";
    const plan = await w.undo(seen);
    expect(await w.data("lead", lead)).toMatchObject({ status: "converted", convertedDealId: args.dealId });
    expect(w.live("deal").map((d) => d.id)).toEqual([args.dealId]);
    expect(plan.kept).toMatchObject([{ type: "lead", field: "convertedContactId" }]);
  });

  it("keeps a created company a teammate added a note to", async () => {
    const w = workspace();
    const lead = await w.create("lead", { name: "Jane Doe", companyName: "Acme" });
    const args = convertArgs(lead);
    const conversion = await w.act("convertLead", args);
    await w.act(
      "create",
      {
        type: "activity",
        id: newId(),
        fields: {
          type: "note",
          subject: { type: "company", id: args.companyId },
          occurredAt: new Date(T0).toISOString(),
        },
      },
      MATE,
      "mate",
    );
    const plan = await w.undo(conversion);
    expect(w.live("company").map((c) => c.id)).toEqual([args.companyId]);
    expect(plan.kept).toMatchObject([{ type: "company", id: args.companyId }]);
  });

  it("into an existing contact: takes back only what the conversion filled and added", async () => {
    const w = workspace();
    const contact = await w.create("contact", { name: "Jane Doe", emails: ["jane@acme.com"], title: null });
    const lead = await w.create("lead", {
      name: "Jane Doe",
      title: "VP Sales",
      emails: ["jane@acme.com", "jd@acme.com"],
    });
    const conversion = await w.act("convertLead", { ...convertArgs(lead), deal: undefined, dealId: undefined });
    expect(await w.data("contact", contact)).toMatchObject({
      title: "VP Sales",
      emails: ["jane@acme.com", "jd@acme.com"],
    });
    await w.undo(conversion);
    expect(await w.data("contact", contact)).toMatchObject({
      title: null,
      emails: ["jane@acme.com"],
      sourceLeadIds: [],
    });
    expect((await w.get("contact", contact)).deleted).toBe(false);
  });
});

describe("undo of a merge", () => {
  it("restores the merged record, reverts the survivor's taken fields and values, and re-points back", async () => {
    const w = workspace();
    const survivor = await w.create("lead", { name: "Jane Doe", emails: ["jane@acme.com"], title: null });
    const merged = await w.create("lead", { name: "Jane D.", emails: ["jd@acme.com"], title: "CTO" });
    const note = await w.create("activity", {
      type: "note",
      subject: { type: "lead", id: merged },
      body: "hi",
      occurredAt: new Date(T0).toISOString(),
    });
    const task = await w.create("task", { title: "Call", subject: { type: "lead", id: merged } });
    const activityId = newId();
    const merge = await w.act("mergeRecords", { type: "lead", survivorId: survivor, mergedId: merged, activityId });
    expect(await w.data("lead", survivor)).toMatchObject({ title: "CTO", emails: ["jane@acme.com", "jd@acme.com"] });
    const plan = await w.undo(merge);
    expect(plan.kept).toEqual([]);
    expect(await w.get("lead", merged)).toMatchObject({ deleted: false, data: { mergedIntoId: null, title: "CTO" } });
    expect(await w.data("lead", survivor)).toMatchObject({ name: "Jane Doe", title: null, emails: ["jane@acme.com"] });
    expect((await w.data("activity", note)).subject).toEqual({ type: "lead", id: merged });
    expect((await w.data("task", task)).subject).toEqual({ type: "lead", id: merged });
    expect((await w.get("activity", activityId)).deleted).toBe(true);
  });

  it("keeps a survivor field a teammate changed after the merge", async () => {
    const w = workspace();
    const survivor = await w.create("lead", { name: "Jane Doe", title: null });
    const merged = await w.create("lead", { name: "Jane D.", title: "CTO" });
    const merge = await w.act("mergeRecords", { type: "lead", survivorId: survivor, mergedId: merged });
    await w.act("update", { type: "lead", id: survivor, set: { title: "CEO" } }, MATE, "mate");
    const plan = await w.undo(merge);
    expect((await w.data("lead", survivor)).title).toBe("CEO");
    expect((await w.get("lead", merged)).deleted).toBe(false);
    expect(plan.kept).toMatchObject([{ id: survivor, field: "title", value: "CEO", by: MATE }]);
  });
});
