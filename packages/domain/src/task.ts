import { z } from "zod";
import {
  BaseRecordShape,
  IdSchema,
  IsoDateTimeSchema,
  longText,
  MAX_TEXT,
  ShortText,
  SubjectRefSchema,
} from "./common.ts";

/** The editable fields of a task. */
export const TaskFieldsSchema = z.object({
  title: ShortText,
  notes: longText(MAX_TEXT).default(""),
  dueAt: IsoDateTimeSchema.nullable().default(null),
  done: z.boolean().default(false),
  assigneeId: IdSchema.nullable().default(null),
  subject: SubjectRefSchema.nullable().default(null),
});
export type TaskFields = z.infer<typeof TaskFieldsSchema>;

/** Something to do, optionally about a record, optionally due. */
export const TaskSchema = TaskFieldsSchema.extend(BaseRecordShape);
export type Task = z.infer<typeof TaskSchema>;
