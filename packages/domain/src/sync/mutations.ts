import { z } from "zod";
import { IdSchema, RecordTypeSchema, SET_FIELDS } from "../common.ts";

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
export const RestoreArgsSchema = DeleteArgsSchema;
/** Puts an overwritten value from a record's history back. */
export const RestoreValueArgsSchema = z.object({
  type: RecordTypeSchema,
  id: IdSchema,
  field: z.string().max(64),
  value: z.unknown(),
});

/** The mutations, by name, with the schema of their arguments. */
export const MUTATION_ARGS = {
  create: CreateArgsSchema,
  update: UpdateArgsSchema,
  add: AddArgsSchema,
  remove: RemoveArgsSchema,
  delete: DeleteArgsSchema,
  restore: RestoreArgsSchema,
  restoreValue: RestoreValueArgsSchema,
} as const;

/** The name of a mutation. */
export type MutationName = keyof typeof MUTATION_ARGS;
export const MUTATION_NAMES = Object.keys(MUTATION_ARGS) as MutationName[];

/** Arguments of each mutation. */
export type MutationArgs = { [N in MutationName]: z.infer<(typeof MUTATION_ARGS)[N]> };
