import { describe, expect, it } from "vitest";
import { type RecordState, WEBHOOK_EVENT_TYPES, webhookEventsFor, webhookFilterPasses } from "./webhook-events.ts";
import { WorkspaceSettingsSchema } from "./workspace.ts";

const pipeline = WorkspaceSettingsSchema.parse({}).pipeline;
const state = (type: RecordState["type"], data: Record<string, unknown>, deleted = false): RecordState => ({
  type,
  data,
  deleted,
});

describe("webhookEventsFor", () => {
  it("names creation, update, conversion, deletion and restore of leads, contacts and companies", () => {
    const lead = state("lead", { status: "new" });
    expect(webhookEventsFor(undefined, lead, pipeline)).toEqual(["lead.created"]);
    expect(webhookEventsFor(lead, state("lead", { status: "working" }), pipeline)).toEqual(["lead.updated"]);
    expect(webhookEventsFor(lead, state("lead", { status: "converted" }), pipeline)).toEqual(["lead.converted"]);
    const converted = state("lead", { status: "converted" });
    expect(webhookEventsFor(converted, state("lead", { status: "converted", title: "x" }), pipeline)).toEqual([
      "lead.updated",
    ]);
    expect(webhookEventsFor(lead, state("lead", { status: "new" }, true), pipeline)).toEqual(["lead.deleted"]);
    expect(webhookEventsFor(state("lead", {}, true), state("lead", {}, true), pipeline)).toEqual([]);
    expect(webhookEventsFor(state("contact", {}, true), state("contact", {}), pipeline)).toEqual(["contact.created"]);
    expect(webhookEventsFor(state("company", {}), state("company", {}), pipeline)).toEqual(["company.updated"]);
    expect(webhookEventsFor(state("company", {}), state("company", {}, true), pipeline)).toEqual(["company.deleted"]);
  });

  it("names a deal's stage moves, won and lost by the pipeline's terminal stages", () => {
    const open = state("deal", { stage: "qualification" });
    expect(webhookEventsFor(undefined, open, pipeline)).toEqual([]);
    expect(webhookEventsFor(open, state("deal", { stage: "proposal" }), pipeline)).toEqual(["deal.stage_changed"]);
    expect(webhookEventsFor(open, state("deal", { stage: "won" }), pipeline)).toEqual([
      "deal.stage_changed",
      "deal.won",
    ]);
    expect(webhookEventsFor(open, state("deal", { stage: "lost" }), pipeline)).toEqual([
      "deal.stage_changed",
      "deal.lost",
    ]);
    expect(webhookEventsFor(open, state("deal", { stage: "qualification", amount: 5 }), pipeline)).toEqual([]);
  });

  it("names a task's completion once and what people log", () => {
    const todo = state("task", { done: false });
    expect(webhookEventsFor(todo, state("task", { done: true }), pipeline)).toEqual(["task.completed"]);
    expect(webhookEventsFor(undefined, state("task", { done: true }), pipeline)).toEqual(["task.completed"]);
    expect(webhookEventsFor(state("task", { done: true }), state("task", { done: true }), pipeline)).toEqual([]);
    expect(webhookEventsFor(undefined, todo, pipeline)).toEqual([]);
    expect(webhookEventsFor(undefined, state("activity", { type: "call" }), pipeline)).toEqual(["activity.logged"]);
    expect(webhookEventsFor(undefined, state("activity", { type: "status_change" }), pipeline)).toEqual([]);
  });

  it("has every event of the issue", () => {
    expect(WEBHOOK_EVENT_TYPES).toHaveLength(15);
  });
});

describe("webhookFilterPasses", () => {
  it("filters by owner (a task's assignee) and by tag, ignoring case", () => {
    const lead = state("lead", { ownerId: "a", tags: ["VIP"] });
    expect(webhookFilterPasses({ ownerId: null, tag: null }, lead)).toBe(true);
    expect(webhookFilterPasses({ ownerId: "a", tag: "vip" }, lead)).toBe(true);
    expect(webhookFilterPasses({ ownerId: "b", tag: null }, lead)).toBe(false);
    expect(webhookFilterPasses({ ownerId: null, tag: "cold" }, lead)).toBe(false);
    expect(webhookFilterPasses({ ownerId: "a", tag: null }, state("task", { assigneeId: "a" }))).toBe(true);
    expect(webhookFilterPasses({ ownerId: null, tag: "vip" }, state("activity", {}))).toBe(false);
  });
});
