import type { RecordType } from "./common.ts";

/**
 * The display name of any record, from its data as stored: a person's or company's name, a deal's
 * or task's title, an activity's type; "" when that field is missing.
 */
export function recordLabel(type: RecordType, data: Readonly<Record<string, unknown>>): string {
  const label = type === "deal" || type === "task" ? data.title : type === "activity" ? data.type : data.name;
  return typeof label === "string" ? label : "";
}
