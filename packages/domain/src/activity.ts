import { z } from "zod";
import {
  BaseRecordShape,
  boundedJsonObject,
  IdSchema,
  IsoDateTimeSchema,
  isSafeLink,
  LINK_MESSAGE,
  longText,
  MAX_TEXT,
  SubjectRefSchema,
} from "./common.ts";

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
  body: longText(MAX_TEXT).default(""),
  occurredAt: IsoDateTimeSchema,
  authorId: IdSchema.nullable().default(null),
  /**
   * Structured details: e.g. the source URL of a capture or the from/to of a status change. Free
   * form but bounded in depth and size (every query over activities reads it), and its `url`, which
   * the timeline renders as a link, is http(s), mailto or tel.
   */
  data: boundedJsonObject()
    .refine(
      (data) => data.url === undefined || data.url === null || (typeof data.url === "string" && isSafeLink(data.url)),
      {
        message: LINK_MESSAGE,
        path: ["url"],
      },
    )
    .default({}),
});
export type ActivityFields = z.infer<typeof ActivityFieldsSchema>;

/** Something that happened with a record: a capture, a note, a logged email, a status change. */
export const ActivitySchema = ActivityFieldsSchema.extend(BaseRecordShape);
export type Activity = z.infer<typeof ActivitySchema>;
