import {
  foldName,
  matchesSearch,
  timelineSubjects,
  type Activity,
  type Deal,
  type KeyIndex,
  type LookupQuery,
  type RecordMatch,
  type SubjectRef,
  type Task,
} from "@leadpane/domain";
import { fieldsOf, isRecordOf, recordsOf, type RecordOf, type SyncedRecord } from "@leadpane/domain/sync";
import { db, getMeta, type LeadpaneDb, type LocalRecord } from "./db.ts";
import { loadRules } from "./rules.ts";
import { buildTimeline, type TimelineEntry } from "./timeline.ts";
import {
  visibleBulkGet,
  visibleByKeys,
  visibleGet,
  visibleOfTypes,
  visibleRange,
  visibleScan,
} from "./visible-records.ts";

/**
 * The records of a page or email. Their history is not read here: each record's panel reads its own
 * timeline (`recordDetail`), so the lookup neither waits on notes nor re-runs when one arrives.
 */
export interface PageMatches {
  records: Array<RecordOf<"lead" | "contact" | "company">>;
}

/**
 * What the workspace knows about a page (by URL: domain, profile) and the emails on it (each by
 * address and domain).
 */
export async function findForPage(
  query: { url?: string; emails?: string[] },
  database: LeadpaneDb = db,
): Promise<PageMatches> {
  const queries: LookupQuery[] = [
    { url: query.url },
    ...(query.emails ?? []).map((email) => ({ email, domain: email.split("@")[1] })),
  ];
  const { lookupRecords } = await loadRules();
  const index: KeyIndex = { findByKeys: async (keys) => visibleByKeys(database, [...keys]) };
  const found = await lookupRecords(index, queries, { records: Infinity, activities: 0 });
  return { records: sortRecords([...found.leads, ...found.contacts, ...found.companies]) };
}

/** The activities about these subjects, newest first. */
async function activitiesAbout(subjects: SubjectRef[], database: LeadpaneDb = db): Promise<Activity[]> {
  const subjectKeys = subjects.map((s) => `subject:${s.type}:${s.id}`);
  if (!subjectKeys.length) return [];
  const rows = await visibleByKeys(database, subjectKeys);
  return recordsOf(rows, "activity")
    .filter((r) => !r.deleted)
    .map((r) => r.data)
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
}

/**
 * Leads and contacts first, then companies; most recently updated first within each. On a tie (a
 * conversion updates a lead and its contact at once) by type, the contact first, then by id: the
 * order the local index reads them in.
 */
function sortRecords<R extends SyncedRecord>(records: R[]): R[] {
  const rank = (record: SyncedRecord) => (record.type === "company" ? 1 : 0);
  return [...records].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      String(b.data.updatedAt).localeCompare(String(a.data.updatedAt)) ||
      a.type.localeCompare(b.type) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** One record, or undefined when it does not exist here. */
export async function getRecord(type: string, id: string, database: LeadpaneDb = db): Promise<LocalRecord | undefined> {
  return visibleGet(database, type, id);
}

/**
 * Records whose name, title, company, domain, emails or phones match the text, for instant search:
 * accents are ignored ("Marquez" finds "Márquez") and a phone is found however it is typed
 * ("+1 (415) 555-0100", "415.555.0100"), read through the workspace's region.
 */
export async function searchRecords(text: string, limit = 20, database: LeadpaneDb = db): Promise<LocalRecord[]> {
  const region = (await getMeta("settings", null, database))?.defaultRegion ?? "US";
  const { prepareSearch } = await loadRules();
  const query = prepareSearch(text, region);
  if (!query) return [];
  const needle = text.trim().toLowerCase();
  const out: LocalRecord[] = [];
  // An email typed whole is answered by the index without a scan.
  if (/^\S+@\S+\.\S+$/.test(needle)) {
    const hits = await visibleByKeys(database, [`email:${needle}`]);
    out.push(...hits.filter((r) => !r.deleted));
  }
  const seen = new Set(out.map((r) => `${r.type}:${r.id}`));
  const found = await visibleScan(
    database,
    (r) => {
      if (r.deleted || r.type === "activity" || r.type === "task" || seen.has(`${r.type}:${r.id}`)) return false;
      const d = fieldsOf(r);
      const texts = [d.name, d.title, d.companyName, d.domain, ...(Array.isArray(d.emails) ? d.emails : [])];
      const phones = Array.isArray(d.phones) ? d.phones : [];
      return matchesSearch(
        query,
        texts.filter((v): v is string => typeof v === "string"),
        phones.filter((v): v is string => typeof v === "string"),
      );
    },
    limit - out.length,
  );
  return [...out, ...found].slice(0, limit);
}

/** A lead, contact or company with everything the record panel shows. */
export interface RecordDetail {
  record: LocalRecord;
  timeline: TimelineEntry[];
  /** Activities only (for the lead score's engagement). */
  activities: Activity[];
  tasks: Array<Task & { subjectName?: string }>;
  deals: Deal[];
  /** The company a lead or contact belongs to, when known. */
  company: Extract<LocalRecord, { type: "company" }> | null;
  /** A company's people: the contacts and the not yet converted leads linked to it. */
  people: Array<RecordOf<"lead" | "contact">>;
}

/**
 * A record's panel: its timeline (own activities, those of the leads a contact came from, those
 * of its deals, and its field history), its tasks, its deals and its company.
 */
export async function recordDetail(type: string, id: string, database: LeadpaneDb = db): Promise<RecordDetail | null> {
  // The record's card scores a lead with the domain's rules: loaded with the read, drawn in one go.
  const [record] = await Promise.all([visibleGet(database, type, id), loadRules()]);
  if (!record) return null;
  const deals = await dealsFor(record, database);
  const people = record.type === "company" ? await peopleOf(record.id, database) : [];
  // A company's timeline is its account's: its own entries, its deals' and its people's (as CRMs show it).
  const activities = await activitiesAbout(
    [
      ...timelineSubjects(record),
      ...deals.map((d) => ({ type: "deal" as const, id: d.id })),
      ...people.flatMap((p) => timelineSubjects(p)),
    ],
    database,
  );
  const subjectKeys = timelineSubjects(record).map((s) => `subject:${s.type}:${s.id}`);
  const taskRows = await visibleByKeys(database, subjectKeys);
  const tasks = recordsOf(taskRows, "task")
    .filter((r) => !r.deleted)
    .map((r) => r.data);
  const companyId = "companyId" in record.data ? record.data.companyId : null;
  const row = companyId ? await visibleGet(database, "company", companyId) : undefined;
  const company = row && isRecordOf(row, "company") ? row : null;
  // Stage moves read with the workspace's stage names, not their keys.
  const stages = (await getMeta("settings", null, database))?.pipeline ?? [];
  return {
    record,
    activities,
    timeline: buildTimeline(activities, [record], { stages }),
    tasks,
    deals,
    company,
    people,
  };
}

/**
 * The contacts and open (not converted) leads linked to a company, by name. Read through the
 * company's reference key, not by scanning every lead: an open company panel then re-reads only
 * when one of its people changes.
 */
async function peopleOf(companyId: string, database: LeadpaneDb): Promise<Array<RecordOf<"lead" | "contact">>> {
  const rows = await visibleByKeys(database, [`ref:company:${companyId}`]);
  const linked = [...recordsOf(rows, "contact"), ...recordsOf(rows, "lead")].filter(
    (r) =>
      !r.deleted &&
      r.data.companyId === companyId &&
      // A converted lead lives on as its contact: listed once.
      !(r.type === "lead" && r.data.status === "converted"),
  );
  return linked.sort((a, b) => String(a.data.name).localeCompare(String(b.data.name)));
}

/**
 * Open and closed deals that belong to a record (by contact, lead or company), read through the
 * record's reference key and the lead's converted deal, not by scanning every deal: an open panel
 * then re-reads only when one of its own deals changes.
 */
async function dealsFor(record: SyncedRecord, database: LeadpaneDb = db): Promise<Deal[]> {
  const field =
    record.type === "contact"
      ? "contactId"
      : record.type === "lead"
        ? "leadId"
        : record.type === "company"
          ? "companyId"
          : null;
  if (!field) return [];
  const converted = record.type === "lead" ? record.data.convertedDealId : null;
  const rows = await visibleByKeys(database, [`ref:${record.type}:${record.id}`]);
  const convertedRow = converted ? await visibleGet(database, "deal", converted) : undefined;
  if (convertedRow && !rows.some((r) => r.type === "deal" && r.id === converted)) rows.push(convertedRow);
  // In id order, as a scan of the deals read them.
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return recordsOf(rows, "deal")
    .filter((r) => !r.deleted && (r.data[field] === record.id || r.id === converted))
    .map((r) => r.data);
}

/** Every live deal, for the pipeline board. */
async function allDeals(database: LeadpaneDb = db): Promise<Deal[]> {
  const rows = await visibleOfTypes(database, ["deal"]);
  return recordsOf(rows, "deal")
    .filter((r) => !r.deleted)
    .map((r) => r.data);
}

/** A deal with the names of its contact and company, for its card on the board. */
export interface DealWithParties extends Deal {
  contactName: string | null;
  companyName: string | null;
}

/** Every live deal with its contact's and company's names, for the pipeline board. */
export async function allDealsWithParties(database: LeadpaneDb = db): Promise<DealWithParties[]> {
  return withParties(await allDeals(database), database);
}

/** Some live deals by id with their parties' names (the board's changed cards); deleted or unknown ones are left out. */
export async function dealsWithParties(ids: readonly string[], database: LeadpaneDb = db): Promise<DealWithParties[]> {
  const rows = await visibleBulkGet(
    database,
    ids.map((id): [string, string] => ["deal", id]),
  );
  const deals = recordsOf(
    rows.filter((row): row is LocalRecord => row !== undefined && !row.deleted),
    "deal",
  ).map((r) => r.data);
  return withParties(deals, database);
}

/** Deals with the names of their contact and company, read by key. */
async function withParties(deals: Deal[], database: LeadpaneDb): Promise<DealWithParties[]> {
  const keys = new Map<string, [string, string]>();
  for (const deal of deals) {
    if (deal.contactId) keys.set(`contact:${deal.contactId}`, ["contact", deal.contactId]);
    if (deal.companyId) keys.set(`company:${deal.companyId}`, ["company", deal.companyId]);
  }
  const rows = await visibleBulkGet(database, [...keys.values()]);
  const names = new Map<string, string>();
  for (const row of rows) {
    const name = row && !row.deleted ? fieldsOf(row).name : undefined;
    if (row && typeof name === "string") names.set(`${row.type}:${row.id}`, name);
  }
  return deals.map((deal) => ({
    ...deal,
    contactName: deal.contactId ? (names.get(`contact:${deal.contactId}`) ?? null) : null,
    companyName: deal.companyId ? (names.get(`company:${deal.companyId}`) ?? null) : null,
  }));
}

/** A task with the name of the record it is about, for lists outside that record. */
export interface TaskWithSubject extends Task {
  subjectName: string | null;
}

/** Every live task, with its subject's name. */
export async function allTasks(database: LeadpaneDb = db): Promise<TaskWithSubject[]> {
  const rows = await visibleOfTypes(database, ["task"]);
  const tasks = recordsOf(rows, "task")
    .filter((r) => !r.deleted)
    .map((r) => r.data);
  const subjects = await visibleBulkGet(
    database,
    tasks.map((t) => (t.subject ? [t.subject.type, t.subject.id] : ["", ""]) as [string, string]),
  );
  return tasks.map((t, i) => {
    const subject = subjects[i];
    const name = subject ? (fieldsOf(subject).name ?? fieldsOf(subject).title) : undefined;
    return { ...t, subjectName: typeof name === "string" ? name : null };
  });
}

/**
 * Records that may be the same party as this one, for "merge with a suggested duplicate": found
 * through the shared match keys (email, phone, profile URL) and same-named records of the same
 * type, then judged by the domain's findMatches so the reason shown is the domain's.
 */
export async function suggestedDuplicates(record: LocalRecord, database: LeadpaneDb = db): Promise<RecordMatch[]> {
  if (record.type !== "lead" && record.type !== "contact" && record.type !== "company") return [];
  const ownKeys = record.keys.filter(
    (k) =>
      k.startsWith("email:") ||
      k.startsWith("phone:") ||
      k.startsWith("url:") ||
      (record.type === "company" && k.startsWith("domain:")),
  );
  const byKey = ownKeys.length ? await visibleByKeys(database, ownKeys) : [];
  const name = foldName(record.data.name ?? "");
  const byName = name
    ? (await visibleOfTypes(database, [record.type]))
        .filter((r) => !r.deleted && r.id !== record.id && foldName(String(fieldsOf(r).name ?? "")) === name)
        .slice(0, 20)
    : [];
  const candidates = [...byKey, ...byName].filter((r) => r.type === record.type && r.id !== record.id && !r.deleted);
  const companies = record.type === "company" ? [] : await visibleRange(database, "company", { limit: 5000 });
  const { candidateOf, findMatches } = await loadRules();
  const matches = findMatches(candidateOf(record), [...dedupe(candidates), ...companies]);
  // An open lead is merged into a converted one, not the other way round.
  const convertedOverOpen = (m: RecordMatch) =>
    record.type === "lead" &&
    m.record.type === "lead" &&
    m.record.data.status === "converted" &&
    record.data.status !== "converted";
  return matches.filter((m) => m.type === record.type && m.id !== record.id && !convertedOverOpen(m));
}

function dedupe(records: LocalRecord[]): LocalRecord[] {
  return [...new Map(records.map((r) => [`${r.type}:${r.id}`, r])).values()];
}

/** The record types reports read. */
const REPORT_TYPES = ["lead", "deal", "activity", "task"] as const;

/** Every live lead, deal, activity and task: what the Reports view computes its reports over. */
export async function reportRecords(database: LeadpaneDb = db): Promise<SyncedRecord[]> {
  const rows = await visibleOfTypes(database, REPORT_TYPES);
  return rows.filter((row) => !row.deleted);
}

/** Some records by type and id (the ones behind a report's bar), live ones only, in the order asked. */
export async function recordsByIds(
  type: string,
  ids: readonly string[],
  database: LeadpaneDb = db,
): Promise<SyncedRecord[]> {
  const rows = await visibleBulkGet(
    database,
    ids.map((id): [string, string] => [type, id]),
  );
  return rows.filter((row): row is LocalRecord => !!row && !row.deleted);
}
