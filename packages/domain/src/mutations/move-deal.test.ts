import { describe, expect, it } from "vitest";
import { newId } from "../ids.ts";
import type { ApplyContext } from "../sync/context.ts";
import { formatHlc } from "../sync/hlc.ts";
import { MemoryRecordStore } from "../sync/memory-store.ts";
import { WorkspaceSettingsSchema } from "../workspace.ts";
import { applyMutation } from "./registry.ts";

const T0 = 1_700_000_000_000;
const settings = WorkspaceSettingsSchema.parse({});
function ctx(wall: number): ApplyContext {
  return {
    now: new Date(T0 + wall).toISOString(),
    hlc: formatHlc({ wall: T0 + wall, counter: 0, node: "a" }),
    actorId: null,
    defaultRegion: "US",
    settings,
  };
}

describe("moveDeal", () => {
  async function dealIn(stage: string) {
    const store = new MemoryRecordStore();
    const id = newId();
    const created = await applyMutation(
      store,
      "create",
      { type: "deal", id, fields: { title: "Pilot", stage, amount: 1000 } },
      ctx(1),
    );
    if (!created.ok) throw new Error(created.error.message);
    store.write(created.changed);
    const move = async (to: string, wall = 2) => {
      const result = await applyMutation(store, "moveDeal", { dealId: id, stage: to, activityId: newId() }, ctx(wall));
      if (result.ok) store.write(result.changed);
      return result;
    };
    return { store, id, move };
  }

  it("moves the deal and records a stage_change activity", async () => {
    const { store, id, move } = await dealIn("qualification");
    expect((await move("proposal")).ok).toBe(true);
    expect((await store.get("deal", id))!.data.stage).toBe("proposal");
    const [activity] = store.all("activity");
    expect(activity!.data).toMatchObject({
      type: "stage_change",
      subject: { type: "deal", id },
      data: { from: "qualification", to: "proposal", probability: 0.5 },
    });
  });

  it("is a no-op for the current stage and refuses moves out of won, changing nothing", async () => {
    const { store, move } = await dealIn("won");
    expect(await move("won")).toEqual({ ok: true, changed: [] });
    expect(await move("proposal")).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await move("nowhere")).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(store.all("activity")).toHaveLength(0);
  });
});

describe("moveDeal in detail", () => {
  it("answers not_found and conflict for missing and deleted deals", async () => {
    const store = new MemoryRecordStore();
    const dealId = newId();
    expect(await applyMutation(store, "moveDeal", { dealId, stage: "won", activityId: newId() }, ctx(2))).toEqual({
      ok: false,
      error: { code: "not_found", message: `deal ${dealId} does not exist` },
    });
    const created = await applyMutation(
      store,
      "create",
      { type: "deal", id: dealId, fields: { title: "Pilot" } },
      ctx(1),
    );
    store.write(created.ok ? created.changed : []);
    const deleted = await applyMutation(store, "delete", { type: "deal", id: dealId }, ctx(2));
    store.write(deleted.ok ? deleted.changed : []);
    expect(await applyMutation(store, "moveDeal", { dealId, stage: "won", activityId: newId() }, ctx(3))).toEqual({
      ok: false,
      error: { code: "conflict", message: `deal ${dealId} is deleted` },
    });
  });

  it("takes effect even when the mover's clock is behind the deal's", async () => {
    const store = new MemoryRecordStore();
    const dealId = newId();
    const created = await applyMutation(
      store,
      "create",
      { type: "deal", id: dealId, fields: { title: "Pilot" } },
      ctx(10),
    );
    store.write(created.ok ? created.changed : []);
    const moved = await applyMutation(store, "moveDeal", { dealId, stage: "won", activityId: newId() }, ctx(2));
    expect(moved.ok).toBe(true);
    store.write(moved.ok ? moved.changed : []);
    expect((await store.get("deal", dealId))!.data.stage).toBe("won");
    expect(store.all("activity")[0]!.data.data).toEqual({
      from: "qualification",
      to: "won",
      probability: 1,
      terminal: "won",
    });
  });
});
