import { z } from "zod";

/** A record id: a UUID (clients generate UUIDv7) — any UUID-shaped string is accepted. */
export const IdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a UUID");
export type Id = z.infer<typeof IdSchema>;

/** An ISO 8601 UTC timestamp such as 2026-11-23T10:00:00.000Z. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: false });
export type IsoDateTime = z.infer<typeof IsoDateTimeSchema>;

/** Longest free-text field we store (notes, bodies). */
export const MAX_TEXT = 20_000;
/** Longest short string (names, titles). */
export const MAX_SHORT = 300;
/** Most values in one set-valued field (emails, phones, tags, urls). */
export const MAX_SET = 50;

/** A short, trimmed, non-empty string. */
export const ShortText = z.string().trim().min(1).max(MAX_SHORT);
/** A short string that may be empty or null. */
export const OptionalShortText = z.string().trim().max(MAX_SHORT).nullable();

/** An email address, normalized to lower case. */
export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .toLowerCase()
  .pipe(z.email({ pattern: z.regexes.html5Email }));

/** A phone number as captured: E.164 when it parsed, else as written. */
export const PhoneSchema = z.string().trim().min(3).max(40);

/** An absolute http(s) URL. */
export const UrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), "must be an absolute http(s) URL");

/** A tag: short label, trimmed. */
export const TagSchema = z.string().trim().min(1).max(64);

/** The kinds of records the workspace holds. */
export const RECORD_TYPES = ["lead", "contact", "company", "deal", "activity", "task"] as const;
/** One kind of record. */
export const RecordTypeSchema = z.enum(RECORD_TYPES);
export type RecordType = z.infer<typeof RecordTypeSchema>;

/** A pointer to the record an activity or task is about. */
export const SubjectRefSchema = z.object({ type: RecordTypeSchema, id: IdSchema });
export type SubjectRef = z.infer<typeof SubjectRefSchema>;

/** Values of custom fields, by field key. Validated against definitions in workspace settings. */
export const CustomFieldValuesSchema = z.record(
  z.string().max(64),
  z.union([z.string().max(MAX_SHORT * 4), z.number(), z.null()]),
);
export type CustomFieldValues = z.infer<typeof CustomFieldValuesSchema>;

/** Where a value came from: the page or message, the method and who captured it when. */
export const ProvenanceSchema = z.object({
  url: z.string().max(2048).nullable(),
  method: z.string().max(40),
  at: IsoDateTimeSchema,
  by: z.string().max(64).nullable(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** Fields every stored record carries. */
export const BaseRecordShape = {
  id: IdSchema,
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
};

/** Set-valued fields: merged as add-wins sets by sync, union on merge. */
export const SET_FIELDS = ["emails", "phones", "tags", "urls"] as const;
export type SetField = (typeof SET_FIELDS)[number];
export function isSetField(field: string): field is SetField {
  return (SET_FIELDS as readonly string[]).includes(field);
}
