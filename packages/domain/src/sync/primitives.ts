import { z } from "zod";
import { IdSchema, RecordTypeSchema, SET_FIELDS, type RecordType } from "../common.ts";
import { failed, notFound, type ApplyContext, type ApplyResult, type RecordReader } from "./context.ts";
import {
  addValues,
  createRecord,
  recreateRecord,
  removeValues,
  setDeleted,
  setFieldError,
  updateRecord,
} from "./fields.ts";
import type { SyncedRecord } from "./record.ts";

// The single-record mutations as the engine applies them when a domain mutation composes them
// (through a batch): the conflict rules alone. Their handlers (mutations/create.ts, …) add the domain's
// guards for changes a client makes directly.

/** A field value as a mutation carries it; validated against the record schema when applied. */
const FieldValues = z.record(z.string().max(64), z.unknown());

/** Creates a record (a replayed or concurrent create of an existing id sets its fields instead). */
export const CreateArgsSchema = z.object({ type: RecordTypeSchema, id: IdSchema, fields: FieldValues });
/** Sets scalar fields, last writer (by clock) wins per field. */
export const UpdateArgsSchema = z.object({ type: RecordTypeSchema, id: IdSchema, set: FieldValues });
/** Adds values to a set-valued field (emails, phones, tags, urls). */
export const AddArgsSchema = z.object({
  type: RecordTypeSchema,
  id: IdSchema,
  field: z.enum(SET_FIELDS),
  values: z.array(z.string().max(2048)).min(1).max(50),
});
/**
 * Removes values from a set-valued field. `observed` lists, per value, the add clocks the client
 * saw: only those adds are removed, so an add the client had not seen (a concurrent add) survives.
 */
export const RemoveArgsSchema = z.object({
  type: RecordTypeSchema,
  id: IdSchema,
  field: z.enum(SET_FIELDS),
  observed: z.record(z.string().max(2048), z.array(z.string().max(100)).max(100)),
});
/** Tombstones a record; its fields keep receiving concurrent edits, visible again on restore. */
export const DeleteArgsSchema = z.object({ type: RecordTypeSchema, id: IdSchema });
/** Brings a tombstoned record back. */
export const RestoreArgsSchema = z.object({ type: RecordTypeSchema, id: IdSchema });
/** Puts an overwritten value from a record's history back. */
export const RestoreValueArgsSchema = z.object({
  type: RecordTypeSchema,
  id: IdSchema,
  field: z.string().max(64),
  value: z.unknown(),
});

/** The single-record mutations, by name, with the schema of their arguments. */
export const PRIMITIVE_ARGS = {
  create: CreateArgsSchema,
  update: UpdateArgsSchema,
  add: AddArgsSchema,
  remove: RemoveArgsSchema,
  delete: DeleteArgsSchema,
  restore: RestoreArgsSchema,
  restoreValue: RestoreValueArgsSchema,
} as const;

/** The name of a single-record mutation. */
export type PrimitiveName = keyof typeof PRIMITIVE_ARGS;
/** Arguments of each single-record mutation, as written (before parsing). */
export type PrimitiveArgs = { [N in PrimitiveName]: z.input<(typeof PRIMITIVE_ARGS)[N]> };

type Step = (reader: RecordReader, rawArgs: unknown, ctx: ApplyContext) => Promise<ApplyResult>;

/** A primitive that parses its arguments, then applies them. */
function step<S extends z.ZodType>(
  name: PrimitiveName,
  schema: S,
  apply: (reader: RecordReader, args: z.output<S>, ctx: ApplyContext) => Promise<ApplyResult>,
): Step {
  return async (reader, rawArgs, ctx) => {
    const parsed = schema.safeParse(rawArgs);
    if (!parsed.success)
      return failed("invalid", `invalid ${name} arguments: ${parsed.error.issues[0]?.message ?? ""}`);
    return apply(reader, parsed.data, ctx);
  };
}

/** The record a change names, or why there is none. */
export async function onRecord(
  reader: RecordReader,
  args: { type: RecordType; id: string },
  change: (record: SyncedRecord) => ApplyResult | Promise<ApplyResult>,
): Promise<ApplyResult> {
  const record = await reader.get(args.type, args.id);
  return record ? await change(record) : notFound(args.type, args.id);
}

const PRIMITIVES: Record<PrimitiveName, Step> = {
  create: step("create", CreateArgsSchema, async (reader, { type, id, fields }, ctx) => {
    const record = await reader.get(type, id);
    return record ? recreateRecord(record, fields, ctx) : createRecord(type, id, fields, ctx);
  }),
  update: step("update", UpdateArgsSchema, (reader, args, ctx) =>
    onRecord(reader, args, (record) => updateRecord(record, args.set, ctx)),
  ),
  restoreValue: step("restoreValue", RestoreValueArgsSchema, (reader, args, ctx) =>
    onRecord(reader, args, (record) => updateRecord(record, { [args.field]: args.value }, ctx)),
  ),
  add: step("add", AddArgsSchema, (reader, args, ctx) =>
    onRecord(reader, args, (record) => {
      const refused = setFieldError(record, args.field);
      return refused ? { ok: false, error: refused } : addValues(record, args.field, args.values, ctx);
    }),
  ),
  remove: step("remove", RemoveArgsSchema, (reader, args, ctx) =>
    onRecord(reader, args, (record) => {
      const refused = setFieldError(record, args.field);
      return refused ? { ok: false, error: refused } : removeValues(record, args.field, args.observed, ctx);
    }),
  ),
  delete: step("delete", DeleteArgsSchema, (reader, args, ctx) =>
    onRecord(reader, args, (record) => setDeleted(record, true, ctx)),
  ),
  restore: step("restore", RestoreArgsSchema, (reader, args, ctx) =>
    onRecord(reader, args, (record) => setDeleted(record, false, ctx)),
  ),
};

/**
 * Applies a single-record mutation by the conflict rules alone, the domain's guards lifted: a step of a
 * domain mutation, whose own rule already decided the change is allowed.
 */
export function applyPrimitive(
  reader: RecordReader,
  name: PrimitiveName,
  rawArgs: unknown,
  ctx: ApplyContext,
): Promise<ApplyResult> {
  return PRIMITIVES[name](reader, rawArgs, ctx);
}
