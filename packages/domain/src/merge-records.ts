import { isSetField, SET_FIELDS, type RecordType, type SetField } from "./common.ts";
import { REFERENCE_FIELDS } from "./keys.ts";
import { FIELD_SCHEMAS } from "./records.ts";
import type { Result } from "./result.ts";
import { clockAfter, createNew, openBatch } from "./sync/batch.ts";
import { authorIdOf, type ApplyContext, type ApplyError, type ApplyResult, type RecordReader } from "./sync/context.ts";
import { keepHistory } from "./sync/history.ts";
import { fieldsOf, isRecordOf, type RecordOf, type SyncedRecord, type WireRecord } from "./sync/record.ts";

/** Record types two of which can be merged into one. */
export const MERGEABLE_TYPES = ["lead", "contact", "company"] as const;
/** A record type that can be merged. */
export type MergeableType = (typeof MERGEABLE_TYPES)[number];

/** The user's choice per field: keep the survivor's value or take the merged record's. */
export type MergePicks = Record<string, "survivor" | "merged">;

/**
 * A merge to make: `mergedId` into `survivorId`, both of `type`, with the user's picks and an
 * optional merge activity's id.
 */
export interface MergeRequest {
  type: MergeableType;
  survivorId: string;
  mergedId: string;
  picks?: MergePicks | undefined;
  activityId?: string | undefined;
}

/** What merging does to the survivor: scalar fields to set, set values to add. */
export interface MergePlan {
  set: Record<string, unknown>;
  add: Partial<Record<SetField, string[]>>;
}

/**
 * Fields a merge never takes from the merged record: a lead's status and conversion pointers
 * describe the survivor's own lifecycle, and `mergedIntoId` only ever points away from a tombstone.
 */
const SURVIVOR_ONLY: Record<MergeableType, readonly string[]> = {
  lead: ["status", "unqualifiedReason", "convertedContactId", "convertedCompanyId", "convertedDealId", "mergedIntoId"],
  contact: ["mergedIntoId"],
  company: ["mergedIntoId"],
};

/**
 * Fields where the survivor's value stays unless empty, whatever the clocks say: a company's domain
 * is its identity in lookups, so a merge never swaps it silently (a pick can).
 */
const SURVIVOR_FIRST: Record<MergeableType, readonly string[]> = { lead: [], contact: [], company: ["domain"] };

/** Most provenance entries kept per field (as the schemas allow). */
const MAX_PROVENANCE = 20;
/** Most ids in a contact's sourceLeadIds (as the schema allows). */
const MAX_SOURCE_LEADS = 50;

/** A record as a merge plan reads it: its fields by name and their clocks. */
type MergeSide = Pick<WireRecord, "data" | "meta">;

/**
 * The deterministic merge of two records of one type: per scalar field the user's pick, else the
 * newest non-empty value by field clock (the survivor on a tie); emails, phones, tags and urls are
 * unioned; source leads unioned; custom values and provenance combined key by key.
 */
export function planMerge(
  type: MergeableType,
  survivor: MergeSide,
  merged: MergeSide,
  picks: MergePicks = {},
): Result<MergePlan> {
  const shape = FIELD_SCHEMAS[type].shape as Record<string, unknown>;
  const keep = SURVIVOR_ONLY[type];
  for (const field of Object.keys(picks)) {
    if (!(field in shape) || isSetField(field) || keep.includes(field) || field === "sourceLeadIds") {
      return {
        ok: false,
        error: { code: "invalid", message: `${field} cannot be picked when merging ${type} records` },
      };
    }
  }
  const s = survivor.data;
  const m = merged.data;
  if (type === "lead" && m.status === "converted" && s.status !== "converted") {
    return {
      ok: false,
      error: { code: "conflict", message: "merge the open lead into the converted one, not the other way round" },
    };
  }
  const set: Record<string, unknown> = {};
  for (const field of Object.keys(shape)) {
    if (isSetField(field) || keep.includes(field) || (!(field in s) && !(field in m))) continue;
    let value: unknown;
    if (field === "sourceLeadIds") {
      value = union(strings(s[field]), strings(m[field])).slice(0, MAX_SOURCE_LEADS);
    } else if (picks[field]) {
      value = picks[field] === "merged" ? m[field] : s[field];
    } else if (field === "custom") {
      value = combineCustom(survivor, merged);
    } else if (field === "provenance") {
      value = combineProvenance(s[field], m[field]);
    } else if (SURVIVOR_FIRST[type].includes(field)) {
      value = isEmpty(s[field]) ? m[field] : s[field];
    } else {
      value = newestNonEmpty(field, survivor, merged);
    }
    if (JSON.stringify(value ?? null) !== JSON.stringify(s[field] ?? null)) set[field] = value;
  }
  const add: Partial<Record<SetField, string[]>> = {};
  for (const field of SET_FIELDS) {
    if (!(field in shape)) continue;
    const present = new Set(strings(s[field]));
    const missing = strings(m[field]).filter((value) => !present.has(value));
    if (missing.length) add[field] = missing;
  }
  return { ok: true, value: { set, add } };
}

/**
 * Merges two records (the `mergeRecords` mutation): the survivor takes the planned fields, every
 * activity, task, deal, contact and lead pointing at the merged record is re-pointed to the
 * survivor, and the merged record is tombstoned with `mergedIntoId`. Merging the same pair again is
 * a no-op.
 */
export async function mergeRecords(reader: RecordReader, args: MergeRequest, ctx: ApplyContext): Promise<ApplyResult> {
  const { type, survivorId, mergedId } = args;
  if (survivorId === mergedId) return fail("invalid", "a record cannot be merged into itself");
  const survivor = await reader.get(type, survivorId);
  const merged = await reader.get(type, mergedId);
  if (!survivor) return fail("not_found", `${type} ${survivorId} does not exist`);
  if (!merged) return fail("not_found", `${type} ${mergedId} does not exist`);
  if (merged.deleted && merged.data.mergedIntoId === survivorId) return { ok: true, changed: [] };
  if (survivor.deleted) return fail("conflict", `${type} ${survivorId} is deleted`);
  if (merged.deleted) return fail("conflict", `${type} ${mergedId} is deleted`);
  const plan = planMerge(type, survivor, merged, args.picks ?? {});
  if (!plan.ok) return { ok: false, error: plan.error };

  const batch = openBatch(reader, ctx);
  const at = clockAfter(ctx, [survivor, merged]);
  const steps: Array<() => Promise<ApplyError | null>> = [];
  if (Object.keys(plan.value.set).length)
    steps.push(() => batch.run("update", { type, id: survivorId, set: plan.value.set }, at));
  for (const field of SET_FIELDS) {
    const values = plan.value.add[field];
    if (values) steps.push(() => batch.run("add", { type, id: survivorId, field, values }, at));
  }
  steps.push(
    () => batch.run("update", { type, id: mergedId, set: { mergedIntoId: survivorId } }, at),
    () => batch.run("delete", { type, id: mergedId }, at),
  );
  for (const step of steps) {
    const failed = await step();
    if (failed) return { ok: false, error: failed };
  }

  // Activities and tasks about the merged record now tell the survivor's story.
  for (const record of await batch.findByKey(`subject:${type}:${mergedId}`)) {
    const subject = { type, id: survivorId };
    if (isRecordOf(record, "activity")) {
      batch.put(repointActivity(record, subject, clockAfter(at, [record])));
    } else if (record.type === "task") {
      const failed = await batch.run(
        "update",
        { type: "task", id: record.id, set: { subject } },
        clockAfter(at, [record]),
      );
      if (failed) return { ok: false, error: failed };
    }
  }
  // Deals, contacts and leads that point at the merged record point at the survivor instead.
  for (const record of await batch.findByKey(`ref:${type}:${mergedId}`)) {
    if (record.id === survivorId || record.id === mergedId) continue;
    const set = repointReferences(record, type, mergedId, survivorId);
    if (!Object.keys(set).length) continue;
    const failed = await batch.run("update", { type: record.type, id: record.id, set }, clockAfter(at, [record]));
    if (failed) return { ok: false, error: failed };
  }

  if (args.activityId) {
    const failed = await createNew(
      batch,
      "activity",
      args.activityId,
      {
        type: "merge",
        subject: { type, id: survivorId },
        occurredAt: ctx.now,
        authorId: authorIdOf(ctx),
        data: { survivorId, mergedId, picks: args.picks ?? {} },
      },
      at,
    );
    if (failed) return { ok: false, error: failed };
  }
  return batch.result();
}

/** The reference fields of `record` that point at `fromId` (a record of `type`), re-pointed to `toId`. */
export function repointReferences(
  record: SyncedRecord,
  type: RecordType,
  fromId: string,
  toId: string,
): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  const data = fieldsOf(record);
  for (const [field, target] of Object.entries(REFERENCE_FIELDS)) {
    if (target !== type || !(field in data)) continue;
    const value = data[field];
    if (Array.isArray(value)) {
      if (value.includes(fromId))
        set[field] = union(
          strings(value).map((id) => (id === fromId ? toId : id)),
          [],
        );
    } else if (value === fromId) set[field] = toId;
  }
  return set;
}

// Activities are insert-only for people; a merge is the one system change that moves them,
// keeping the old subject in history so the move can be traced.
function repointActivity(
  record: RecordOf<"activity">,
  subject: { type: RecordType; id: string },
  ctx: ApplyContext,
): RecordOf<"activity"> {
  const next = structuredClone(record);
  keepHistory(
    next,
    { field: "subject", value: record.data.subject, hlc: record.meta.clocks.subject ?? "", replacedBy: ctx.hlc },
    ctx,
  );
  next.data.subject = subject;
  next.data.updatedAt = ctx.now;
  next.meta.clocks.subject = ctx.hlc;
  return next;
}

function newestNonEmpty(field: string, survivor: MergeSide, merged: MergeSide): unknown {
  const s = survivor.data[field];
  const m = merged.data[field];
  if (isEmpty(m)) return s;
  if (isEmpty(s)) return m;
  return (merged.meta.clocks[field] ?? "") > (survivor.meta.clocks[field] ?? "") ? m : s;
}

function combineCustom(survivor: MergeSide, merged: MergeSide): Record<string, unknown> {
  const s = customOf(survivor);
  const m = customOf(merged);
  const mergedNewer = (merged.meta.clocks.custom ?? "") > (survivor.meta.clocks.custom ?? "");
  const [older, newer] = mergedNewer ? [s, m] : [m, s];
  const combined: Record<string, unknown> = { ...older };
  for (const [key, value] of Object.entries(newer))
    if (!isEmpty(value) || combined[key] === undefined) combined[key] = value;
  return Object.fromEntries(
    Object.keys(combined)
      .sort()
      .map((key) => [key, combined[key]]),
  );
}

function customOf(record: MergeSide): object {
  const custom = record.data.custom;
  return custom && typeof custom === "object" ? custom : {};
}

function combineProvenance(s: unknown, m: unknown): Record<string, unknown[]> {
  const a = new Map(entriesOf(s));
  const b = new Map(entriesOf(m));
  // No prototype: a provenance key named `__proto__` or `constructor` is stored like any other.
  const combined: Record<string, unknown[]> = Object.create(null);
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const seen = new Set<string>();
    const entries = [...listOf(a.get(key)), ...listOf(b.get(key))].filter((entry) => {
      const id = JSON.stringify(entry);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    combined[key] = entries.slice(-MAX_PROVENANCE);
  }
  return combined;
}

function entriesOf(value: unknown): Array<[string, unknown]> {
  return value && typeof value === "object" ? Object.entries(value) : [];
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function isEmpty(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === "" ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === "object" && !Array.isArray(value) && Object.keys(value as object).length === 0)
  );
}

function fail(code: "invalid" | "not_found" | "conflict", message: string): ApplyResult {
  return { ok: false, error: { code, message } };
}
