import { z } from "zod";
import { IdSchema, RecordTypeSchema } from "../common.ts";

/** Most records one `recordImport` names (an import of more is recorded in several parts). */
export const MAX_RECORDS_PER_PART = 1000;

/** A record an import created. */
export const ImportedRefSchema = z.object({ type: RecordTypeSchema, id: IdSchema });

/**
 * A record an import changed: each scalar field's value before (`to`, what an undo puts back) and
 * the value it wrote (`from`, what must still be there for the undo to put it back), and the values
 * it added to list fields.
 */
export const ImportedUpdateSchema = z.object({
  type: z.enum(["lead", "contact"]),
  id: IdSchema,
  fields: z.record(z.string().max(64), z.object({ from: z.unknown(), to: z.unknown() })),
  added: z
    .object({
      emails: z.array(z.string().max(2048)).max(50).optional(),
      phones: z.array(z.string().max(2048)).max(50).optional(),
      tags: z.array(z.string().max(2048)).max(50).optional(),
    })
    .default({}),
});
export type ImportedUpdate = z.infer<typeof ImportedUpdateSchema>;

const Count = z.number().int().min(0).max(1_000_000);

/**
 * One part of an import's history entry: what a commit of some of its rows created and changed,
 * and how many rows it created, updated, skipped or failed. The parts of one import share its id
 * and add up; the server keeps them as one entry of its import history, and undoes from it.
 */
export const ImportPartSchema = z.object({
  /** The import's id (the same for all its parts). */
  id: IdSchema,
  fileName: z.string().trim().max(200).default(""),
  format: z.enum(["csv", "vcard"]),
  counts: z.object({ created: Count, updated: Count, skipped: Count, failed: Count }),
  created: z.array(ImportedRefSchema).max(MAX_RECORDS_PER_PART * 2),
  updated: z.array(ImportedUpdateSchema).max(MAX_RECORDS_PER_PART),
});
export type ImportPart = z.infer<typeof ImportPartSchema>;
