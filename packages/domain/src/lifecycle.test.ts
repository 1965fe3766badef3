import { describe, expect, it } from "vitest";
import { deterministicId, newId } from "./ids.ts";
import { LEAD_STATUSES, type LeadStatus } from "./lead.ts";
import { canTransition, LEAD_TRANSITIONS, transitionLead } from "./lifecycle.ts";
import { applyMutation } from "./mutations/registry.ts";
import type { ApplyContext } from "./sync/context.ts";
import { createRecord } from "./sync/fields.ts";
import { formatHlc } from "./sync/hlc.ts";
import { MemoryRecordStore } from "./sync/memory-store.ts";
import { WorkspaceSettingsSchema } from "./workspace.ts";

const T0 = 1_700_000_000_000;
function ctx(wall: number, node = "a", extra: Partial<ApplyContext> = {}): ApplyContext {
  return {
    now: new Date(T0 + wall).toISOString(),
    hlc: formatHlc({ wall: T0 + wall, counter: 0, node }),
    actorId: null,
    defaultRegion: "US",
    ...extra,
  };
}

function setup() {
  const store = new MemoryRecordStore();
  const run = async (name: string, args: unknown, c: ApplyContext) => {
    const result = await applyMutation(store, name, args, c);
    if (result.ok) store.write(result.changed);
    return result;
  };
  return { store, run };
}

async function leadIn(status: LeadStatus | "new" = "new") {
  const env = setup();
  const id = newId();
  await env.run(
    "create",
    {
      type: "lead",
      id,
      fields: {
        name: "Jane Doe",
        status: status === "converted" ? "new" : status,
        unqualifiedReason: status === "unqualified" ? "no budget" : null,
      },
    },
    ctx(1),
  );
  return { ...env, id };
}

describe("transition table", () => {
  it("allows the forward path and the expected re-openings", () => {
    expect(canTransition("new", "working")).toBe(true);
    expect(canTransition("working", "qualified")).toBe(true);
    expect(canTransition("working", "unqualified")).toBe(true);
    expect(canTransition("unqualified", "working")).toBe(true);
    expect(canTransition("qualified", "working")).toBe(true);
    // A lead can be qualified on first contact, and a qualified one dropped (with a reason).
    expect(canTransition("new", "qualified")).toBe(true);
    expect(canTransition("qualified", "unqualified")).toBe(true);
  });

  it("never leaves converted and never reaches it by a status change", () => {
    for (const status of LEAD_STATUSES) {
      expect(canTransition("converted", status)).toBe(false);
      expect(canTransition(status, "converted")).toBe(false);
    }
    expect(LEAD_TRANSITIONS.converted).toEqual([]);
  });

  it("does not count staying put as a transition", () => {
    for (const status of LEAD_STATUSES) expect(canTransition(status, status)).toBe(false);
  });

  it("needs a reason to unqualify and clears it when re-opening", () => {
    expect(transitionLead("working", "unqualified")).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(transitionLead("working", "unqualified", "  ")).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(transitionLead("working", "unqualified", "no budget")).toEqual({
      ok: true,
      value: {
        set: { status: "unqualified", unqualifiedReason: "no budget" },
        activity: { type: "status_change", data: { from: "working", to: "unqualified", reason: "no budget" } },
      },
    });
    expect(transitionLead("unqualified", "working")).toMatchObject({
      ok: true,
      value: { set: { unqualifiedReason: null } },
    });
  });

  it("refuses a jump the table does not list as a conflict", () => {
    expect(transitionLead("unqualified", "qualified")).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(transitionLead("new", "converted")).toMatchObject({ ok: false, error: { code: "conflict" } });
  });

  it("says why in words a rep can act on", () => {
    const refusal = (from: LeadStatus, to: LeadStatus, reason?: string) => {
      const result = transitionLead(from, to, reason);
      return result.ok ? null : result.error;
    };
    expect(refusal("converted", "working")).toEqual({ code: "conflict", message: "a converted lead is read-only" });
    expect(refusal("converted", "converted")).toEqual({ code: "conflict", message: "a converted lead is read-only" });
    expect(refusal("qualified", "converted")).toEqual({
      code: "conflict",
      message: "a lead becomes converted only by conversion",
    });
    expect(refusal("unqualified", "qualified")).toEqual({
      code: "conflict",
      message: "a lead cannot go from unqualified to qualified",
    });
    expect(refusal("working", "unqualified", " ")).toEqual({
      code: "invalid",
      message: "unqualifying a lead needs a reason",
    });
  });

  it("clears the reason when re-opening even if one is given, and keeps it on the activity", () => {
    expect(transitionLead("unqualified", "working", "budget found")).toEqual({
      ok: true,
      value: {
        set: { status: "working", unqualifiedReason: null },
        activity: { type: "status_change", data: { from: "unqualified", to: "working", reason: "budget found" } },
      },
    });
  });
});

describe("the table inside plain updates", () => {
  it("rejects an invalid status update as a conflict", async () => {
    const { run, id } = await leadIn("unqualified");
    expect(await run("update", { type: "lead", id, set: { status: "qualified" } }, ctx(2))).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await run("update", { type: "lead", id, set: { status: "converted" } }, ctx(2))).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
  });

  it("lets a valid status update through with a status_change activity every replica derives alike", async () => {
    const a = await leadIn();
    const result = await a.run("update", { type: "lead", id: a.id, set: { status: "working" } }, ctx(2));
    expect(result.ok).toBe(true);
    const activities = a.store.all("activity");
    expect(activities).toHaveLength(1);
    expect(activities[0]!.id).toBe(deterministicId(`status:${a.id}:${ctx(2).hlc}`));
    expect(activities[0]!.data).toMatchObject({ type: "status_change", data: { from: "new", to: "working" } });
  });

  it("derives the status_change activity as the record a create of it at the update's clock would make", async () => {
    const { store, run, id } = await leadIn("unqualified");
    const actorId = newId();
    expect((await run("update", { type: "lead", id, set: { status: "working" } }, ctx(2, "a", { actorId }))).ok).toBe(
      true,
    );
    const [activity] = store.all("activity");
    const fields = {
      type: "status_change",
      subject: { type: "lead", id },
      body: "",
      occurredAt: ctx(2).now,
      authorId: actorId,
      data: { from: "unqualified", to: "working", reason: null },
    };
    const created = createRecord("activity", activity!.id, fields, ctx(2, "a", { actorId }));
    expect(created.ok && created.changed[0]).toEqual(activity);
  });

  it("leaves other fields and other record types alone", async () => {
    const { store, run, id } = await leadIn();
    expect((await run("update", { type: "lead", id, set: { title: "CTO" } }, ctx(2))).ok).toBe(true);
    expect(store.all("activity")).toHaveLength(0);
  });

  it("does not judge a write that loses the clock (it only lands in history)", async () => {
    const { store, run, id } = await leadIn();
    await run("update", { type: "lead", id, set: { status: "working" } }, ctx(10));
    const stale = await run("update", { type: "lead", id, set: { status: "new" } }, ctx(5));
    expect(stale.ok).toBe(true);
    expect((await store.get("lead", id))!.data.status).toBe("working");
  });

  it("refuses a create that claims conversion or merge pointers", async () => {
    const { run } = setup();
    expect(
      await run("create", { type: "lead", id: newId(), fields: { name: "X", status: "converted" } }, ctx(1)),
    ).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(
      await run("create", { type: "contact", id: newId(), fields: { name: "X", mergedIntoId: newId() } }, ctx(1)),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  it("names the rule a refused write breaks", async () => {
    const { run } = setup();
    expect(
      await run("create", { type: "lead", id: newId(), fields: { name: "X", status: "converted" } }, ctx(1)),
    ).toEqual({
      ok: false,
      error: { code: "conflict", message: "a lead becomes converted only by conversion" },
    });
    expect(
      await run("create", { type: "lead", id: newId(), fields: { name: "X", status: "unqualified" } }, ctx(1)),
    ).toEqual({
      ok: false,
      error: { code: "invalid", message: "an unqualified lead needs a reason" },
    });
    expect(
      await run("create", { type: "contact", id: newId(), fields: { name: "X", mergedIntoId: newId() } }, ctx(1)),
    ).toEqual({
      ok: false,
      error: { code: "invalid", message: "mergedIntoId is set by conversion or merge, not directly" },
    });
    const { run: runOn, id } = await leadIn("new");
    expect(await runOn("update", { type: "lead", id, set: { convertedContactId: newId() } }, ctx(2))).toEqual({
      ok: false,
      error: { code: "invalid", message: "convertedContactId is set by conversion or merge, not directly" },
    });
    // A reason goes only with unqualifying, even on a change the table allows.
    expect(
      await runOn("update", { type: "lead", id, set: { status: "working", unqualifiedReason: "student" } }, ctx(2)),
    ).toEqual({
      ok: false,
      error: { code: "invalid", message: "unqualifiedReason goes only with the unqualified status" },
    });
  });

  it("accepts a re-open that sends a blank reason (as a form does), and clears the reason", async () => {
    const { store, run, id } = await leadIn("unqualified");
    expect(
      (await run("update", { type: "lead", id, set: { status: "working", unqualifiedReason: "  " } }, ctx(2))).ok,
    ).toBe(true);
    expect((await store.get("lead", id))!.data).toMatchObject({ status: "working", unqualifiedReason: null });
  });

  it("keeps a converted lead read-only, but takes a replay of values it already has", async () => {
    const { store, run, id } = await leadIn("qualified");
    await run("convertLead", { leadId: id, contactId: newId(), companyId: newId(), activityId: newId() }, ctx(2));
    const lead = (await store.get("lead", id))!.data as Record<string, unknown>;
    // The form saved again as it is, conversion pointers included: nothing changes, nothing is refused.
    const same = {
      name: lead.name,
      status: "converted",
      convertedContactId: lead.convertedContactId,
      convertedCompanyId: lead.convertedCompanyId,
      convertedDealId: null,
    };
    expect((await run("update", { type: "lead", id, set: same }, ctx(3))).ok).toBe(true);
    expect((await store.get("lead", id))!.data).toEqual(lead);
    expect(await run("update", { type: "lead", id, set: { ...same, title: "CTO" } }, ctx(4))).toEqual({
      ok: false,
      error: { code: "conflict", message: `lead ${id} is converted and read-only` },
    });
    expect(await run("add", { type: "lead", id, field: "tags", values: ["vip"] }, ctx(5))).toEqual({
      ok: false,
      error: { code: "conflict", message: `lead ${id} is converted and read-only` },
    });
  });

  it("validates custom values when the workspace settings are known", async () => {
    const { run } = setup();
    const settings = WorkspaceSettingsSchema.parse({
      customFields: [{ key: "budget", label: "Budget", recordType: "lead", kind: "number" }],
    });
    const c = ctx(1, "a", { settings });
    expect(
      (await run("create", { type: "lead", id: newId(), fields: { name: "X", custom: { budget: 10 } } }, c)).ok,
    ).toBe(true);
    expect(
      await run("create", { type: "lead", id: newId(), fields: { name: "X", custom: { budget: "ten" } } }, c),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(
      await run("create", { type: "lead", id: newId(), fields: { name: "X", custom: { nope: 1 } } }, c),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  it("names every custom value that does not fit, and checks them in a status change too", async () => {
    const settings = WorkspaceSettingsSchema.parse({
      customFields: [{ key: "budget", label: "Budget", recordType: "lead", kind: "number" }],
    });
    const { run, id } = await leadIn("new");
    const result = await run(
      "update",
      { type: "lead", id, set: { status: "working", custom: { budget: "ten", nope: 1 } } },
      ctx(2, "a", { settings }),
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: "invalid",
        message:
          "custom.budget: Invalid input: expected number, received " +
          "string; custom.nope: no lead custom field named nope",
      },
    });
  });

  it("leaves custom values to the server when the replica does not know the workspace's settings", async () => {
    const { run } = setup();
    expect(
      (await run("create", { type: "lead", id: newId(), fields: { name: "X", custom: { anything: 1 } } }, ctx(1))).ok,
    ).toBe(true);
  });
});

describe("status and reason as one last-writer-wins unit", () => {
  const unit = async (store: MemoryRecordStore, id: string) => {
    const lead = (await store.get("lead", id))!;
    return { status: lead.data.status, unqualifiedReason: lead.data.unqualifiedReason };
  };

  it("a stale re-open loses the reason with the status (the two never come from different writes)", async () => {
    // Unqualified at 20; a status-only re-save at 35; a re-open written at 30 arrives last.
    const { store, run, id } = await leadIn("working");
    expect(
      (
        await run(
          "update",
          { type: "lead", id, set: { status: "unqualified", unqualifiedReason: "student" } },
          ctx(20, "a"),
        )
      ).ok,
    ).toBe(true);
    expect((await run("update", { type: "lead", id, set: { status: "unqualified" } }, ctx(35, "b"))).ok).toBe(true);
    expect(
      (await run("update", { type: "lead", id, set: { status: "working", unqualifiedReason: null } }, ctx(30, "c"))).ok,
    ).toBe(true);
    expect(await unit(store, id)).toEqual({ status: "unqualified", unqualifiedReason: "student" });
    // The losing write is kept in history, whole.
    const lost = (await store.get("lead", id))!.meta.history.filter((h) => h.hlc === ctx(30, "c").hlc);
    expect(lost.map((h) => [h.field, h.value])).toEqual([
      ["status", "working"],
      ["unqualifiedReason", null],
    ]);
    const clocks = (await store.get("lead", id))!.meta.clocks;
    expect(clocks.status).toBe(ctx(35, "b").hlc);
    expect(clocks.unqualifiedReason).toBe(ctx(35, "b").hlc);
  });

  it("a re-open and a reason edit give the same lead in either arrival order", async () => {
    const writes = [
      { set: { status: "working", unqualifiedReason: null }, c: ctx(30, "a") },
      { set: { unqualifiedReason: "budget frozen" }, c: ctx(25, "b") },
    ];
    const results = [];
    for (const order of [writes, [...writes].reverse()]) {
      const { store, run, id } = await leadIn("unqualified");
      for (const w of order) await run("update", { type: "lead", id, set: w.set }, w.c);
      results.push(await unit(store, id));
    }
    expect(results).toEqual([
      { status: "working", unqualifiedReason: null },
      { status: "working", unqualifiedReason: null },
    ]);
  });

  it("refuses a winning write that would leave an unqualified lead without a reason", async () => {
    const { store, run, id } = await leadIn("unqualified");
    expect(await run("update", { type: "lead", id, set: { unqualifiedReason: "  " } }, ctx(2))).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(
      await run("update", { type: "lead", id, set: { status: "unqualified", unqualifiedReason: null } }, ctx(3)),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(
      await run("restoreValue", { type: "lead", id, field: "unqualifiedReason", value: null }, ctx(4)),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await unit(store, id)).toEqual({ status: "unqualified", unqualifiedReason: "no budget" });
    // Editing the reason itself is fine, and trimmed.
    expect((await run("update", { type: "lead", id, set: { unqualifiedReason: " student " } }, ctx(5))).ok).toBe(true);
    expect(await unit(store, id)).toEqual({ status: "unqualified", unqualifiedReason: "student" });
  });

  it("refuses a reason on a lead that is not unqualified, and an unqualified create without one", async () => {
    const { store, run, id } = await leadIn("new");
    // The counterexample fast-check found (seed -40581943): a reason parked on a new lead, later
    // "justifying" a status-only unqualify, then blanked by a write that left the status alone.
    expect(
      await run("update", { type: "lead", id, set: { status: "new", unqualifiedReason: "no budget" } }, ctx(2, "n0")),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await run("update", { type: "lead", id, set: { status: "unqualified" } }, ctx(2, "n1"))).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(
      await run("update", { type: "lead", id, set: { status: "unqualified", unqualifiedReason: " " } }, ctx(2, "n2")),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await unit(store, id)).toEqual({ status: "new", unqualifiedReason: null });
    expect(
      await run("create", { type: "lead", id: newId(), fields: { name: "X", status: "unqualified" } }, ctx(1)),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(
      await run("create", { type: "lead", id: newId(), fields: { name: "X", unqualifiedReason: "student" } }, ctx(1)),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  it("clears the reason whenever the status leaves unqualified", async () => {
    const { store, run, id } = await leadIn("unqualified");
    expect((await run("update", { type: "lead", id, set: { status: "working" } }, ctx(2))).ok).toBe(true);
    expect(await unit(store, id)).toEqual({ status: "working", unqualifiedReason: null });
    const activities = store.all("activity");
    expect(activities.map((a) => a.data.data)).toEqual([{ from: "unqualified", to: "working", reason: null }]);
  });

  it("leaves the clocks of other fields alone", async () => {
    const { store, run, id } = await leadIn("working");
    await run("update", { type: "lead", id, set: { title: "CTO" } }, ctx(50, "z"));
    await run("update", { type: "lead", id, set: { status: "qualified", title: "CEO" } }, ctx(10, "y"));
    const lead = (await store.get("lead", id))!;
    expect(lead.data).toMatchObject({ status: "qualified", title: "CTO", unqualifiedReason: null });
    expect(lead.meta.clocks.title).toBe(ctx(50, "z").hlc);
    expect(lead.meta.clocks.status).toBe(ctx(10, "y").hlc);
  });
});
