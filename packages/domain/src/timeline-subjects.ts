import type { SubjectRef } from "./common.ts";
import type { WireRecord } from "./sync/record.ts";

/**
 * The subjects whose activities and tasks make up a record's timeline: the record itself and, for a
 * contact, the leads it was converted from — conversion keeps activities linked to the lead (they
 * are insert-only history) and shows them on the contact through `sourceLeadIds`.
 */
export function timelineSubjects(record: Pick<WireRecord, "type" | "id" | "data">): SubjectRef[] {
  const subjects: SubjectRef[] = [{ type: record.type, id: record.id }];
  if (record.type === "contact")
    for (const id of strings(record.data.sourceLeadIds)) subjects.push({ type: "lead", id });
  return subjects;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
