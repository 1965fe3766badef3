import type { RecordType } from "./common.ts";
import type { PipelineStage } from "./workspace.ts";

/** The events a webhook endpoint can subscribe to, grouped by record type. */
export const WEBHOOK_EVENT_GROUPS = {
  lead: ["lead.created", "lead.updated", "lead.converted", "lead.deleted"],
  contact: ["contact.created", "contact.updated", "contact.deleted"],
  company: ["company.created", "company.updated", "company.deleted"],
  deal: ["deal.stage_changed", "deal.won", "deal.lost"],
  task: ["task.completed"],
  activity: ["activity.logged"],
} as const satisfies Partial<Record<RecordType, readonly string[]>>;

/** Every webhook event type. */
export const WEBHOOK_EVENT_TYPES = Object.values(WEBHOOK_EVENT_GROUPS).flat();
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const LOGGED_ACTIVITIES = new Set(["note", "email", "call", "meeting"]);

/** A record's state as events are derived from it: its type, fields and whether it is a tombstone. */
export interface RecordState {
  type: RecordType;
  data: Record<string, unknown>;
  deleted: boolean;
}

/**
 * The events one applied change makes, from the record before it (undefined when it did not
 * exist) and after it. A record restored from the trash counts as created again; a lead converted
 * is `lead.converted` (not also updated); a deal moved to a won or lost stage is both
 * `deal.stage_changed` and `deal.won`/`deal.lost`. Deals' other edits, tasks' other than
 * completion and activities other than people's notes, emails, calls and meetings are not events.
 */
export function webhookEventsFor(
  before: RecordState | undefined,
  after: RecordState,
  pipeline: readonly PipelineStage[],
): WebhookEventType[] {
  const existed = before !== undefined && !before.deleted;
  switch (after.type) {
    case "lead":
      if (after.deleted) return existed ? ["lead.deleted"] : [];
      if (!existed) return ["lead.created"];
      if (after.data.status === "converted" && before.data.status !== "converted") return ["lead.converted"];
      return ["lead.updated"];
    case "contact":
    case "company":
      if (after.deleted) return existed ? [`${after.type}.deleted`] : [];
      return [existed ? `${after.type}.updated` : `${after.type}.created`];
    case "deal": {
      if (after.deleted || !existed || before.data.stage === after.data.stage) return [];
      const terminal = pipeline.find((stage) => stage.key === after.data.stage)?.terminal ?? null;
      return terminal ? ["deal.stage_changed", `deal.${terminal}`] : ["deal.stage_changed"];
    }
    case "task":
      return !after.deleted && after.data.done === true && !(existed && before.data.done === true)
        ? ["task.completed"]
        : [];
    case "activity":
      // What people log (notes, emails, calls, meetings); not the timeline's own entries for
      // captures, status or stage changes, conversions and merges, which have their own events.
      return !after.deleted && !existed && LOGGED_ACTIVITIES.has(String(after.data.type)) ? ["activity.logged"] : [];
  }
}

/** Whether an endpoint's filters pass a record: its owner (a task's assignee) and a tag. */
export function webhookFilterPasses(
  filter: { ownerId: string | null; tag: string | null },
  record: RecordState,
): boolean {
  const owner = record.type === "task" ? record.data.assigneeId : record.data.ownerId;
  if (filter.ownerId !== null && owner !== filter.ownerId) return false;
  if (filter.tag !== null) {
    const tags = Array.isArray(record.data.tags) ? (record.data.tags as unknown[]) : [];
    const wanted = filter.tag.toLowerCase();
    if (!tags.some((tag) => typeof tag === "string" && tag.toLowerCase() === wanted)) return false;
  }
  return true;
}
