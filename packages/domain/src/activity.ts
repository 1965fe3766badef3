import { z } from "zod";
import { BaseRecordShape, IdSchema, IsoDateTimeSchema, MAX_TEXT, SubjectRefSchema } from "./common.ts";

/** What happened. */
export const ACTIVITY_TYPES = [
  "note",
  "email",
  "call",
  "meeting",
  "capture",
  "status_change",
  "conversion",
  "stage_change",
  "merge",
  "field_change",
] as const;
export const ActivityTypeSchema = z.enum(ACTIVITY_TYPES);
export type ActivityType = z.infer<typeof ActivityTypeSchema>;

/** The fields of an activity. Activities are insert-only: never edited, only added. */
export const ActivityFieldsSchema = z.object({
  type: ActivityTypeSchema,
  subject: SubjectRefSchema,
  body: z.string().max(MAX_TEXT).default(""),
  occurredAt: IsoDateTimeSchema,
  authorId: IdSchema.nullable().default(null),
  /** Structured details: e.g. the source URL of a capture or the from/to of a status change. */
  data: z.record(z.string(), z.unknown()).default({}),
});
export type ActivityFields = z.infer<typeof ActivityFieldsSchema>;

/** Something that happened with a record: a capture, a note, a logged email, a status change. */
export const ActivitySchema = ActivityFieldsSchema.extend(BaseRecordShape);
export type Activity = z.infer<typeof ActivitySchema>;
