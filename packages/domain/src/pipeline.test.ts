import { describe, expect, it } from "vitest";
import { newId } from "./ids.ts";
import { MemoryRecordStore } from "./match.ts";
import { canMoveDeal, currencyDigits, firstStage, fromMinorUnits, isTerminalStage, pipelineValue, toMinorUnits, weightedAmount } from "./pipeline.ts";
import { applyMutation, type ApplyContext } from "./sync/apply.ts";
import { formatHlc } from "./sync/hlc.ts";
import { WorkspaceSettingsSchema } from "./workspace.ts";

const T0 = 1_700_000_000_000;
const settings = WorkspaceSettingsSchema.parse({});
const pipeline = settings.pipeline;
function ctx(wall: number): ApplyContext {
  return { now: new Date(T0 + wall).toISOString(), hlc: formatHlc({ wall: T0 + wall, counter: 0, node: "a" }), actorId: null, defaultRegion: "US", settings };
}

describe("pipeline rules", () => {
  it("starts deals in the first open stage and knows the terminal ones", () => {
    expect(firstStage(pipeline).key).toBe("qualification");
    expect(isTerminalStage(pipeline, "won")).toBe(true);
    expect(isTerminalStage(pipeline, "lost")).toBe(true);
    expect(isTerminalStage(pipeline, "proposal")).toBe(false);
  });

  it("allows moves between open stages and into won or lost, never out of them", () => {
    expect(canMoveDeal(pipeline, "qualification", "negotiation")).toMatchObject({ ok: true, value: { key: "negotiation" } });
    expect(canMoveDeal(pipeline, "proposal", "discovery").ok).toBe(true);
    expect(canMoveDeal(pipeline, "proposal", "won").ok).toBe(true);
    expect(canMoveDeal(pipeline, "won", "proposal")).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(canMoveDeal(pipeline, "lost", "won")).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(canMoveDeal(pipeline, "proposal", "nowhere")).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  it("weights open deals by probability and totals per currency", () => {
    expect(weightedAmount({ amount: 10_001, stage: "proposal" }, pipeline)).toBe(5001);
    const totals = pipelineValue(
      [
        { amount: 100_00, stage: "qualification", currency: "USD" },
        { amount: 200_00, stage: "negotiation", currency: "USD" },
        { amount: 300_00, stage: "won", currency: "USD" },
        { amount: 50_00, stage: "lost", currency: "USD" },
        { amount: 1000, stage: "proposal", currency: "JPY" },
      ],
      pipeline,
    );
    expect(totals).toEqual({
      USD: { openCount: 2, open: 300_00, weighted: 10_00 + 150_00, won: 300_00, lost: 50_00 },
      JPY: { openCount: 1, open: 1000, weighted: 500, won: 0, lost: 0 },
    });
  });

  it("converts decimal amounts to integer minor units without float drift", () => {
    expect(currencyDigits("EUR")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("KWD")).toBe(3);
    expect(toMinorUnits("1234.5", "EUR")).toEqual({ ok: true, value: 123450 });
    expect(toMinorUnits(0.1 + 0.2, "USD")).toEqual({ ok: true, value: 30 });
    expect(toMinorUnits("1500", "JPY")).toEqual({ ok: true, value: 1500 });
    expect(toMinorUnits("1.234", "EUR").ok).toBe(false);
    expect(toMinorUnits("-5", "EUR").ok).toBe(false);
    expect(fromMinorUnits(123450, "EUR")).toBe("1234.50");
    expect(fromMinorUnits(5, "USD")).toBe("0.05");
    expect(fromMinorUnits(1500, "JPY")).toBe("1500");
  });

  it("rejects pipelines with duplicate keys or no open stage", () => {
    expect(WorkspaceSettingsSchema.safeParse({ pipeline: [{ key: "a", label: "A", probability: 0 }, { key: "a", label: "B", probability: 1 }] }).success).toBe(false);
    expect(
      WorkspaceSettingsSchema.safeParse({ pipeline: [{ key: "won", label: "Won", probability: 1, terminal: "won" }, { key: "lost", label: "Lost", probability: 0, terminal: "lost" }] }).success,
    ).toBe(false);
  });
});

describe("moveDeal", () => {
  async function dealIn(stage: string) {
    const store = new MemoryRecordStore();
    const id = newId();
    const created = await applyMutation(store, "create", { type: "deal", id, fields: { title: "Pilot", stage, amount: 1000 } }, ctx(1));
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
    expect(activity!.data).toMatchObject({ type: "stage_change", subject: { type: "deal", id }, data: { from: "qualification", to: "proposal", probability: 0.5 } });
  });

  it("is a no-op for the current stage and refuses moves out of won, changing nothing", async () => {
    const { store, move } = await dealIn("won");
    expect(await move("won")).toEqual({ ok: true, changed: [] });
    expect(await move("proposal")).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await move("nowhere")).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(store.all("activity")).toHaveLength(0);
  });
});

describe("pipeline rules in detail", () => {
  it("refuses an empty pipeline, and starts in the first stage when all are terminal", () => {
    expect(() => firstStage([])).toThrow("a pipeline has at least one stage");
    const closed = [{ key: "won", label: "Won", probability: 1, terminal: "won" as const }];
    expect(firstStage(closed).key).toBe("won");
  });

  it("counts stages the pipeline no longer has as open, with no probability", () => {
    expect(isTerminalStage(pipeline, "retired")).toBe(false);
    expect(weightedAmount({ amount: 1000, stage: "retired" }, pipeline)).toBe(0);
    expect(canMoveDeal(pipeline, "retired", "won")).toMatchObject({ ok: true, value: { key: "won" } });
    expect(pipelineValue([{ amount: 700, stage: "retired", currency: "EUR" }], pipeline)).toEqual({ EUR: { openCount: 1, open: 700, weighted: 0, won: 0, lost: 0 } });
  });

  it("explains a refused move", () => {
    expect(canMoveDeal(pipeline, "won", "proposal")).toEqual({ ok: false, error: { code: "conflict", message: "the deal is won; won is final" } });
    expect(canMoveDeal(pipeline, "proposal", "nowhere")).toEqual({ ok: false, error: { code: "invalid", message: "the pipeline has no stage nowhere" } });
  });

  it("reads amounts strictly and explains what it refuses", () => {
    expect(toMinorUnits("12.", "EUR")).toEqual({ ok: true, value: 1200 });
    expect(toMinorUnits(" 7.10 ", "EUR")).toEqual({ ok: true, value: 710 });
    expect(toMinorUnits("1.500", "EUR")).toEqual({ ok: true, value: 150 });
    expect(toMinorUnits("1.05", "EUR")).toEqual({ ok: true, value: 105 });
    expect(toMinorUnits(12.5, "JPY")).toEqual({ ok: false, error: { code: "invalid", message: "JPY has 0 decimal places" } });
    expect(toMinorUnits("1.234", "EUR")).toEqual({ ok: false, error: { code: "invalid", message: "EUR has 2 decimal places" } });
    expect(toMinorUnits("12 EUR", "EUR")).toEqual({ ok: false, error: { code: "invalid", message: "amount must be a non-negative decimal number" } });
    expect(toMinorUnits("x12", "EUR").ok).toBe(false);
    expect(toMinorUnits(Number.NaN, "EUR").ok).toBe(false);
    expect(toMinorUnits(Number.POSITIVE_INFINITY, "EUR").ok).toBe(false);
    expect(toMinorUnits("90071992547409.93", "USD")).toEqual({ ok: false, error: { code: "invalid", message: "amount is too large" } });
    expect(toMinorUnits("90071992547409.91", "USD")).toEqual({ ok: true, value: 9007199254740991 });
    expect(currencyDigits("NOT-A-CURRENCY")).toBe(2);
  });

  it("writes negative and small minor amounts", () => {
    expect(fromMinorUnits(-5, "EUR")).toBe("-0.05");
    expect(fromMinorUnits(-123450, "EUR")).toBe("-1234.50");
    expect(fromMinorUnits(0, "EUR")).toBe("0.00");
    expect(fromMinorUnits(1234, "KWD")).toBe("1.234");
  });
});

describe("moveDeal in detail", () => {
  it("answers not_found and conflict for missing and deleted deals", async () => {
    const store = new MemoryRecordStore();
    const dealId = newId();
    expect(await applyMutation(store, "moveDeal", { dealId, stage: "won", activityId: newId() }, ctx(2))).toEqual({ ok: false, error: { code: "not_found", message: `deal ${dealId} does not exist` } });
    const created = await applyMutation(store, "create", { type: "deal", id: dealId, fields: { title: "Pilot" } }, ctx(1));
    store.write(created.ok ? created.changed : []);
    const deleted = await applyMutation(store, "delete", { type: "deal", id: dealId }, ctx(2));
    store.write(deleted.ok ? deleted.changed : []);
    expect(await applyMutation(store, "moveDeal", { dealId, stage: "won", activityId: newId() }, ctx(3))).toEqual({ ok: false, error: { code: "conflict", message: `deal ${dealId} is deleted` } });
  });

  it("takes effect even when the mover's clock is behind the deal's", async () => {
    const store = new MemoryRecordStore();
    const dealId = newId();
    const created = await applyMutation(store, "create", { type: "deal", id: dealId, fields: { title: "Pilot" } }, ctx(10));
    store.write(created.ok ? created.changed : []);
    const moved = await applyMutation(store, "moveDeal", { dealId, stage: "won", activityId: newId() }, ctx(2));
    expect(moved.ok).toBe(true);
    store.write(moved.ok ? moved.changed : []);
    expect((await store.get("deal", dealId))!.data.stage).toBe("won");
    expect(store.all("activity")[0]!.data.data).toEqual({ from: "qualification", to: "won", probability: 1, terminal: "won" });
  });
});
