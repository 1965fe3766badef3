import { lookupKeys } from "./keys.ts";
import type { RecordReader } from "./sync/context.ts";
import { isRecordOf, type RecordOf, type SyncedRecord } from "./sync/record.ts";
import { timelineSubjects } from "./timeline-subjects.ts";

/** What the side panel shows for a page or sender: the records found and their recent activities. */
export interface LookupResult {
  leads: SyncedRecord[];
  contacts: SyncedRecord[];
  companies: SyncedRecord[];
  activities: SyncedRecord[];
}

/**
 * Answers a lookup by email, domain or URL through a replica's index. A contact's timeline includes
 * the activities of the leads it was converted from (`sourceLeadIds`); newest activities first.
 */
export async function lookupRecords(
  reader: RecordReader,
  query: { email?: string | undefined; domain?: string | undefined; url?: string | undefined },
  limits: { records?: number; activities?: number } = {},
): Promise<LookupResult> {
  const result: LookupResult = { leads: [], contacts: [], companies: [], activities: [] };
  if (!reader.findByKey) return result;
  const found = new Map<string, SyncedRecord>();
  for (const key of lookupKeys(query)) for (const record of await reader.findByKey(key)) found.set(`${record.type}:${record.id}`, record);
  const people = [...found.values()].filter((r) => !r.deleted);
  const max = limits.records ?? 100;
  result.leads = people.filter((r) => r.type === "lead").slice(0, max);
  result.contacts = people.filter((r) => r.type === "contact").slice(0, max);
  result.companies = people.filter((r) => r.type === "company").slice(0, max);
  const activities = new Map<string, RecordOf<"activity">>();
  for (const record of [...result.leads, ...result.contacts, ...result.companies]) {
    for (const subject of timelineSubjects(record)) {
      for (const hit of await reader.findByKey(`subject:${subject.type}:${subject.id}`)) {
        if (isRecordOf(hit, "activity")) activities.set(hit.id, hit);
      }
    }
  }
  result.activities = [...activities.values()]
    .sort((a, b) => String(b.data.occurredAt).localeCompare(String(a.data.occurredAt)) || (a.id < b.id ? -1 : 1))
    .slice(0, limits.activities ?? 200);
  return result;
}
