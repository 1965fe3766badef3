import { z } from "zod";
import { IdSchema, isSetField, RecordTypeSchema } from "../common.ts";
import { FIELD_SCHEMAS, INSERT_ONLY_TYPES } from "../records.ts";
import { clockAfter } from "../sync/batch.ts";
import { failed, type ApplyContext, type ApplyResult } from "../sync/context.ts";
import { updateRecord } from "../sync/fields.ts";
import { defineMutation } from "../sync/handler.ts";
import { keepHistory } from "../sync/history.ts";
import { onRecord } from "../sync/primitives.ts";
import { REVERT_UNITS } from "../undo/units.ts";
import { fieldsOf, isRecordOf, type RecordOf, type SyncedRecord } from "../sync/record.ts";

/** Fields an undo never writes: the record's identity and the engine's own times. */
const SYSTEM_FIELDS = new Set(["id", "createdAt", "updatedAt"]);

/**
 * Undoes an action's writes to one record: each named scalar field goes back `to` its value before
 * the action, but only while it still holds what the action wrote (`from`) and `to` is a value the
 * field's history shows it held. A field someone changed since keeps their value.
 */
const RevertFieldsArgsSchema = z.object({
  type: RecordTypeSchema,
  id: IdSchema,
  fields: z
    .record(z.string().max(64), z.object({ from: z.unknown(), to: z.unknown() }))
    .refine((fields) => Object.keys(fields).length > 0 && Object.keys(fields).length <= 64, "1 to 64 fields"),
});

/** Puts back the values an action overwrote on one record (an undo), keeping any field changed since. */
export const revertFieldsMutation = defineMutation({
  name: "revertFields",
  args: RevertFieldsArgsSchema,
  refs: ({ type, id }) => [{ type, id }],
  apply: (reader, { type, id, fields }, ctx) =>
    onRecord(reader, { type, id }, (record) => revertFields(record, fields, ctx)),
});

function revertFields(
  record: SyncedRecord,
  fields: Record<string, { from?: unknown; to?: unknown }>,
  ctx: ApplyContext,
): ApplyResult {
  const data = fieldsOf(record);
  const unit = REVERT_UNITS[record.type] ?? [];
  const unitChanged = unit.some((field) => field in fields && !same(data[field], fields[field]?.from));
  const set: Record<string, unknown> = {};
  for (const [field, { from, to }] of Object.entries(fields)) {
    if (unitChanged && unit.includes(field)) continue;
    if (SYSTEM_FIELDS.has(field)) return failed("invalid", `${field} cannot be reverted`);
    if (isSetField(field)) return failed("invalid", `${field} is reverted by add and remove, not revertFields`);
    if (INSERT_ONLY_TYPES.has(record.type) && field !== "subject")
      return failed("immutable", `${record.type} records cannot be changed`);
    // Someone changed it after the action: their value stays (this is what makes undo safe to sync).
    if (!same(data[field], from) || same(from, to)) continue;
    // Only a value the field held: an undo restores history, it never writes a new value (nor lets a
    // client skip the lifecycle to a status the lead never had).
    if (!record.meta.history.some((entry) => entry.field === field && same(entry.value, to))) continue;
    set[field] = to ?? null;
  }
  if (!Object.keys(set).length) return { ok: true, changed: [] };
  // Written after every clock on the record, so it replaces the action's write even when this
  // writer's clock runs behind; the lifecycle's transition table is not asked: this is a way back.
  const at = clockAfter(ctx, [record]);
  if (isRecordOf(record, "activity")) return resubject(record, set.subject, at);
  return updateRecord(record, set, at);
}

// An activity's subject moves only by a merge (merge-records.ts) and back by its undo, history kept.
function resubject(record: RecordOf<"activity">, value: unknown, ctx: ApplyContext): ApplyResult {
  const subject = FIELD_SCHEMAS.activity.shape.subject.safeParse(value);
  if (!subject.success) return failed("invalid", "invalid subject");
  const next = structuredClone(record);
  keepHistory(
    next,
    { field: "subject", value: record.data.subject, hlc: record.meta.clocks.subject ?? "", replacedBy: ctx.hlc },
    ctx,
  );
  next.data.subject = subject.data;
  next.data.updatedAt = ctx.now;
  next.meta.clocks.subject = ctx.hlc;
  return { ok: true, changed: [next] };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
