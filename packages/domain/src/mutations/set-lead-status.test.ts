import { describe, expect, it } from "vitest";
import { newId } from "../ids.ts";
import type { LeadStatus } from "../lead.ts";
import type { ApplyContext } from "../sync/context.ts";
import { formatHlc } from "../sync/hlc.ts";
import { MemoryRecordStore } from "../sync/memory-store.ts";
import { applyMutation } from "./registry.ts";

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

describe("setLeadStatus", () => {
  it("changes the status and records one status_change activity", async () => {
    const { store, run, id } = await leadIn();
    const activityId = newId();
    const result = await run("setLeadStatus", { leadId: id, status: "working", activityId }, ctx(2));
    expect(result.ok).toBe(true);
    expect((await store.get("lead", id))!.data.status).toBe("working");
    const activity = await store.get("activity", activityId);
    expect(activity!.data).toMatchObject({
      type: "status_change",
      subject: { type: "lead", id },
      data: { from: "new", to: "working", reason: null },
    });
  });

  it("is a no-op when replayed", async () => {
    const { run, id } = await leadIn();
    const activityId = newId();
    await run("setLeadStatus", { leadId: id, status: "working", activityId }, ctx(2));
    expect(await run("setLeadStatus", { leadId: id, status: "working", activityId }, ctx(3))).toEqual({
      ok: true,
      changed: [],
    });
  });

  it("rejects a transition outside the table and changes nothing", async () => {
    const { store, run, id } = await leadIn("unqualified");
    const before = await store.get("lead", id);
    const result = await run("setLeadStatus", { leadId: id, status: "qualified", activityId: newId() }, ctx(2));
    expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await store.get("lead", id)).toEqual(before);
    expect(store.all("activity")).toHaveLength(0);
  });

  it("stores the reason when unqualifying and requires one", async () => {
    const { store, run, id } = await leadIn();
    expect(
      await run("setLeadStatus", { leadId: id, status: "unqualified", activityId: newId() }, ctx(2)),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    await run("setLeadStatus", { leadId: id, status: "unqualified", reason: "student", activityId: newId() }, ctx(3));
    expect((await store.get("lead", id))!.data).toMatchObject({ status: "unqualified", unqualifiedReason: "student" });
  });

  it("refuses to set converted", async () => {
    const { run, id } = await leadIn("qualified");
    expect(await run("setLeadStatus", { leadId: id, status: "converted", activityId: newId() }, ctx(2))).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
  });

  it("takes effect even when the writer's clock is behind the last status write", async () => {
    const { store, run, id } = await leadIn();
    await run("setLeadStatus", { leadId: id, status: "working", activityId: newId() }, ctx(50, "fast"));
    const result = await run(
      "setLeadStatus",
      { leadId: id, status: "qualified", activityId: newId() },
      ctx(10, "slow"),
    );
    expect(result.ok).toBe(true);
    expect((await store.get("lead", id))!.data.status).toBe("qualified");
  });

  it("answers not_found for an unknown lead, and a conflict for a deleted or converted one", async () => {
    const { run } = setup();
    const unknown = newId();
    expect(await run("setLeadStatus", { leadId: unknown, status: "working", activityId: newId() }, ctx(1))).toEqual({
      ok: false,
      error: { code: "not_found", message: `lead ${unknown} does not exist` },
    });
    const deleted = await leadIn();
    await deleted.run("delete", { type: "lead", id: deleted.id }, ctx(2));
    expect(
      await deleted.run("setLeadStatus", { leadId: deleted.id, status: "working", activityId: newId() }, ctx(3)),
    ).toEqual({
      ok: false,
      error: { code: "conflict", message: `lead ${deleted.id} is deleted` },
    });
    expect(deleted.store.all("activity")).toHaveLength(0);
    // Asking a converted lead to be "converted" is no replay: conversion is its own mutation.
    const converted = await leadIn("qualified");
    await converted.run(
      "convertLead",
      { leadId: converted.id, contactId: newId(), companyId: newId(), activityId: newId() },
      ctx(2),
    );
    expect(
      await converted.run("setLeadStatus", { leadId: converted.id, status: "converted", activityId: newId() }, ctx(3)),
    ).toEqual({
      ok: false,
      error: { code: "conflict", message: "a converted lead is read-only" },
    });
  });
});
