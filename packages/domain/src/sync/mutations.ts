import { z } from "zod";
import { IdSchema, RecordTypeSchema, SET_FIELDS, ShortText } from "../common.ts";
import { CurrencySchema } from "../deal.ts";
import { LeadStatusSchema } from "../lead.ts";

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

/**
 * Moves a lead along its status table and records a status_change activity with `activityId`
 * (client-generated, so every replica creates the same activity). Unqualifying needs a reason.
 */
export const SetLeadStatusArgsSchema = z.object({
  leadId: IdSchema,
  status: LeadStatusSchema,
  reason: z.string().trim().max(300).optional(),
  activityId: IdSchema,
});
/**
 * Converts a lead into a contact, a company and optionally a deal. The ids are proposals for
 * records the conversion creates; an existing contact or company that matches is used instead.
 */
export const ConvertLeadArgsSchema = z
  .object({
    leadId: IdSchema,
    contactId: IdSchema,
    companyId: IdSchema,
    dealId: IdSchema.optional(),
    deal: z
      .object({
        title: ShortText,
        amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        currency: CurrencySchema.optional(),
      })
      .optional(),
    activityId: IdSchema,
  })
  .refine((args) => (args.deal === undefined) === (args.dealId === undefined), "deal and dealId go together");
/**
 * Merges `mergedId` into `survivorId` (two leads, contacts or companies); `picks` chooses a side per
 * field; with `activityId` a merge activity is recorded on the survivor.
 */
export const MergeRecordsArgsSchema = z.object({
  type: z.enum(["lead", "contact", "company"]),
  survivorId: IdSchema,
  mergedId: IdSchema,
  picks: z.record(z.string().max(64), z.enum(["survivor", "merged"])).optional(),
  activityId: IdSchema.optional(),
});
/** Moves a deal to another pipeline stage and records a stage_change activity with `activityId`. */
export const MoveDealArgsSchema = z.object({
  dealId: IdSchema,
  stage: z.string().trim().min(1).max(64),
  activityId: IdSchema,
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
  setLeadStatus: SetLeadStatusArgsSchema,
  convertLead: ConvertLeadArgsSchema,
  mergeRecords: MergeRecordsArgsSchema,
  moveDeal: MoveDealArgsSchema,
} as const;

/** Mutations that change several records under the domain rules (lifecycle, convert, merge, pipeline). */
export const DOMAIN_MUTATION_NAMES = ["setLeadStatus", "convertLead", "mergeRecords", "moveDeal"] as const;
/** The name of a domain mutation. */
export type DomainMutationName = (typeof DOMAIN_MUTATION_NAMES)[number];
/** The name of a primitive, single-record mutation. */
export type PrimitiveMutationName = Exclude<keyof typeof MUTATION_ARGS, DomainMutationName>;

/** The name of a mutation. */
export type MutationName = keyof typeof MUTATION_ARGS;
export const MUTATION_NAMES = Object.keys(MUTATION_ARGS) as MutationName[];

/** Arguments of each mutation. */
export type MutationArgs = { [N in MutationName]: z.infer<(typeof MUTATION_ARGS)[N]> };
