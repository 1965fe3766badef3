import { lookupKeys, type MatchKey } from "./keys.ts";
import type { RecordReader } from "./sync/context.ts";
import { recordsOf, type RecordOf, type SyncedRecord } from "./sync/record.ts";
import { timelineSubjects } from "./timeline-subjects.ts";

/** What a page or sender is looked up by: an email, a domain, a page's URL (any one suffices). */
export interface LookupQuery {
  email?: string | undefined;
  domain?: string | undefined;
  url?: string | undefined;
}

/**
 * How much a lookup answers: records of each type (default 100) and activities (default 200). With
 * `activities: 0` it reads no activity at all: a caller that shows each record's timeline itself
 * (the side panel) need not wait on, nor be woken by, notes it would throw away.
 */
export interface LookupLimits {
  records?: number;
  activities?: number;
}

/** What the side panel shows for a page or sender: the records found and their recent activities. */
export interface LookupResult {
  leads: Array<RecordOf<"lead">>;
  contacts: Array<RecordOf<"contact">>;
  companies: Array<RecordOf<"company">>;
  activities: Array<RecordOf<"activity">>;
}

/**
 * A replica's index read many keys at a time: the live records indexed under any of `keys` (as
 * `RecordReader.findByKey` finds them), each once. One index query where a replica can make one
 * (SQL `IN`, IndexedDB `anyOf`) instead of one per key.
 */
export interface KeyIndex {
  findByKeys(keys: readonly MatchKey[]): Promise<SyncedRecord[]>;
}

/**
 * Answers a lookup by email, domain or URL (or several: a page's URL and each email on it) through
 * a replica's index; a reader without one finds nothing. A contact's timeline includes the
 * activities of the leads it was converted from (`sourceLeadIds`); newest activities first, then
 * by id. The records keep the index's order within each type.
 */
export async function lookupRecords(
  reader: RecordReader | KeyIndex,
  query: LookupQuery | readonly LookupQuery[],
  limits: LookupLimits = {},
): Promise<LookupResult> {
  const result: LookupResult = { leads: [], contacts: [], companies: [], activities: [] };
  const findByKeys = keyIndexOf(reader);
  const keys = [...new Set((Array.isArray(query) ? query : [query]).flatMap(lookupKeys))];
  if (!findByKeys || !keys.length) return result;
  const found = (await findByKeys(keys)).filter((r) => !r.deleted);
  const max = limits.records ?? 100;
  result.leads = recordsOf(found, "lead").slice(0, max);
  result.contacts = recordsOf(found, "contact").slice(0, max);
  result.companies = recordsOf(found, "company").slice(0, max);
  const shown = [...result.leads, ...result.contacts, ...result.companies];
  const subjectKeys = [
    ...new Set(shown.flatMap((record) => timelineSubjects(record).map((s) => `subject:${s.type}:${s.id}`))),
  ];
  if (!subjectKeys.length || limits.activities === 0) return result;
  const activities = new Map(
    recordsOf(await findByKeys(subjectKeys), "activity").map((activity) => [activity.id, activity]),
  );
  result.activities = [...activities.values()]
    .sort((a, b) => String(b.data.occurredAt).localeCompare(String(a.data.occurredAt)) || (a.id < b.id ? -1 : 1))
    .slice(0, limits.activities ?? 200);
  return result;
}

/**
 * How to read many keys through this reader: its own `findByKeys`, else `findByKey` key by key;
 * null without an index.
 */
function keyIndexOf(reader: RecordReader | KeyIndex): KeyIndex["findByKeys"] | null {
  if ("findByKeys" in reader) return (keys) => reader.findByKeys(keys);
  if (!reader.findByKey) return null;
  const findByKey = reader.findByKey.bind(reader);
  return async (keys) => {
    const found = new Map<string, SyncedRecord>();
    for (const key of keys) for (const record of await findByKey(key)) found.set(`${record.type}:${record.id}`, record);
    return [...found.values()];
  };
}
