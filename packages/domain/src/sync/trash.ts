import { DELETED_CLOCK } from "./meta-reads.ts";
import { formatHlc, parseHlc, type Hlc } from "./hlc.ts";
import { fieldsOf, type SyncedRecord } from "./record.ts";

/** How long a deleted record stays in the trash, restorable, before the server purges it. */
export const TRASH_RETENTION_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;
const RETENTION_MS = TRASH_RETENTION_DAYS * DAY_MS;

/** When and by whom a record in the trash was deleted. */
export interface Deletion {
  /** ISO time of the delete: the wall time of its clock, the same on every replica. */
  deletedAt: string;
  /** The member who deleted it, when its history still says (null for older tombstones). */
  deletedBy: string | null;
  /** ISO time after which the server purges it for good. */
  restorableUntil: string;
}

/**
 * Whether a record is in the trash: deleted, and not merged into another (a merged record lives on
 * in its survivor and cannot be restored, so it is not listed).
 */
export function isInTrash(record: Pick<SyncedRecord, "deleted" | "data">): boolean {
  return record.deleted && typeof fieldsOf(record).mergedIntoId !== "string";
}

/**
 * When a tombstone was deleted and by whom: its delete clock's wall time (so every replica counts
 * the 30 days from the same instant), and the author of the history entry the delete that moved it
 * into the trash wrote.
 * Null for a live record.
 */
export function deletionOf(record: Pick<SyncedRecord, "deleted" | "meta">): Deletion | null {
  if (!record.deleted) return null;
  const clock = record.meta.clocks[DELETED_CLOCK];
  // The delete that moved it into the trash (from live): a concurrent second delete only moves the clock.
  const entry = [...record.meta.history].reverse().find((h) => h.field === DELETED_CLOCK && h.value === false);
  const wall = clock ? parseHlc(clock).wall : entry ? Date.parse(entry.at) : 0;
  return {
    deletedAt: new Date(wall).toISOString(),
    deletedBy: entry?.by ?? null,
    restorableUntil: new Date(wall + RETENTION_MS).toISOString(),
  };
}

/**
 * The clock below which a delete is older than the retention period at `nowMs`: tombstones whose
 * delete clock sorts before it are purged (clocks sort as strings, by wall time first).
 */
export function purgeBefore(nowMs: number): Hlc {
  return formatHlc({ wall: nowMs - RETENTION_MS, counter: 0, node: "0" });
}

/** Whether a tombstone is past its retention period at `nowMs` (the server purges it on its next run). */
export function isPurgeable(record: Pick<SyncedRecord, "deleted" | "meta">, nowMs: number): boolean {
  const clock = record.meta.clocks[DELETED_CLOCK];
  return record.deleted && (clock ?? "") < purgeBefore(nowMs);
}

/** An activity's kind in a rep's words: the Trash lists "Status change", never "status_change". */
const ACTIVITY_WORDS: Readonly<Record<string, string>> = {
  note: "Note",
  email: "Email",
  call: "Call",
  meeting: "Meeting",
  capture: "Capture",
  status_change: "Status change",
  conversion: "Conversion",
  stage_change: "Stage move",
  merge: "Merge",
  field_change: "Field change",
};

/** What the trash calls a record: a person's or company's name, a deal's or task's title, an activity's gist. */
export function trashLabel(record: Pick<SyncedRecord, "type" | "data">): { name: string } | { title: string } {
  const fields = fieldsOf(record);
  if (record.type === "lead" || record.type === "contact" || record.type === "company")
    return { name: String(fields.name ?? "") };
  if (record.type === "activity") {
    const body = typeof fields.body === "string" ? fields.body.trim().split("\n")[0]!.slice(0, 120) : "";
    const details = fields.data as { subject?: unknown } | undefined;
    const subject = typeof details?.subject === "string" ? details.subject.trim().slice(0, 120) : "";
    const type = String(fields.type);
    const kind = Object.hasOwn(ACTIVITY_WORDS, type) ? ACTIVITY_WORDS[type]! : "Activity";
    const what = body || subject;
    return { title: what ? `${kind}: ${what}` : kind };
  }
  return { title: String(fields.title ?? "") };
}
