import { findMatches, foldName, lookupKeys, timelineSubjects, type Activity, type Deal, type RecordMatch, type Task } from "@leadpane/domain";
import { db, type LeadpaneDb, type LocalRecord } from "./db.ts";
import { buildTimeline, type TimelineEntry } from "./timeline.ts";

/** Records of a page or email and their history, newest first. */
export interface PageMatches {
  records: LocalRecord[];
  activities: Activity[];
}

/** What the workspace knows about a page (by URL: domain, profile) and the emails on it. */
export async function findForPage(query: { url?: string; emails?: string[] }, database: LeadpaneDb = db): Promise<PageMatches> {
  const keys = [
    ...(query.url ? lookupKeys({ url: query.url }) : []),
    ...(query.emails ?? []).flatMap((email) => lookupKeys({ email, domain: email.split("@")[1] })),
  ];
  if (!keys.length) return { records: [], activities: [] };
  const found = await database.records.where("keys").anyOf(keys).distinct().toArray();
  const records = found.filter((r) => !r.deleted && (r.type === "lead" || r.type === "contact" || r.type === "company"));
  return { records: sortRecords(records), activities: await activitiesFor(records, database) };
}

/** The activities about these records (a contact's include those of the leads it came from). */
async function activitiesFor(records: Array<Pick<LocalRecord, "type" | "id" | "data">>, database: LeadpaneDb = db): Promise<Activity[]> {
  const subjectKeys = records.flatMap((r) => timelineSubjects(r).map((s) => `subject:${s.type}:${s.id}`));
  if (!subjectKeys.length) return [];
  const rows = await database.records.where("keys").anyOf(subjectKeys).distinct().toArray();
  return rows
    .filter((r) => r.type === "activity" && !r.deleted)
    .map((r) => r.data as unknown as Activity)
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
}

/** Leads and contacts first, then companies; most recently updated first within each. */
function sortRecords(records: LocalRecord[]): LocalRecord[] {
  const rank = { lead: 0, contact: 0, company: 1 } as Record<string, number>;
  return [...records].sort((a, b) => (rank[a.type] ?? 2) - (rank[b.type] ?? 2) || String(b.data.updatedAt).localeCompare(String(a.data.updatedAt)));
}

/** One record, or undefined when it does not exist here. */
export async function getRecord(type: string, id: string, database: LeadpaneDb = db): Promise<LocalRecord | undefined> {
  return database.records.get([type, id]);
}

/** Records whose name or emails contain the text, for instant search. */
export async function searchRecords(text: string, limit = 20, database: LeadpaneDb = db): Promise<LocalRecord[]> {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  const out: LocalRecord[] = [];
  // An email typed whole is answered by the index without a scan.
  if (/^\S+@\S+\.\S+$/.test(needle)) {
    const hits = await database.records.where("keys").equals(`email:${needle}`).toArray();
    out.push(...hits.filter((r) => !r.deleted));
  }
  const seen = new Set(out.map((r) => `${r.type}:${r.id}`));
  await database.records
    .filter((r) => {
      if (r.deleted || r.type === "activity" || r.type === "task" || seen.has(`${r.type}:${r.id}`)) return false;
      const d = r.data as { name?: string; title?: string; emails?: string[]; companyName?: string; domain?: string };
      return [d.name, d.title, d.companyName, d.domain, (d as { title?: string }).title, ...(d.emails ?? [])].some((v) => typeof v === "string" && v.toLowerCase().includes(needle));
    })
    .until(() => out.length >= limit)
    .each((r) => void out.push(r));
  return out.slice(0, limit);
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
  company: LocalRecord | null;
}

/**
 * A record's panel: its timeline (own activities, those of the leads a contact came from, those
 * of its deals, and its field history), its tasks, its deals and its company.
 */
export async function recordDetail(type: string, id: string, database: LeadpaneDb = db): Promise<RecordDetail | null> {
  const record = await database.records.get([type, id]);
  if (!record) return null;
  const deals = await dealsFor(record, database);
  const subjects = [record, ...deals.map((d) => ({ type: "deal" as const, id: d.id, data: d as unknown as Record<string, unknown> }))];
  const activities = await activitiesFor(subjects, database);
  const subjectKeys = timelineSubjects(record).map((s) => `subject:${s.type}:${s.id}`);
  const taskRows = await database.records.where("keys").anyOf(subjectKeys).distinct().toArray();
  const tasks = taskRows.filter((r) => r.type === "task" && !r.deleted).map((r) => r.data as unknown as Task);
  const companyId = (record.data.companyId as string | null | undefined) ?? null;
  const company = companyId ? ((await database.records.get(["company", companyId])) ?? null) : null;
  return { record, activities, timeline: buildTimeline(activities, [record]), tasks, deals, company };
}

/** Open and closed deals that belong to a record (by contact, lead or company). */
async function dealsFor(record: Pick<LocalRecord, "type" | "id" | "data">, database: LeadpaneDb = db): Promise<Deal[]> {
  const field = record.type === "contact" ? "contactId" : record.type === "lead" ? "leadId" : record.type === "company" ? "companyId" : null;
  if (!field) return [];
  const converted = record.type === "lead" ? (record.data.convertedDealId as string | null | undefined) : null;
  const rows = await database.records.where("type").equals("deal").toArray();
  return rows
    .filter((r) => !r.deleted && (r.data[field] === record.id || r.id === converted))
    .map((r) => r.data as unknown as Deal);
}

/** Every live deal, for the pipeline board. */
export async function allDeals(database: LeadpaneDb = db): Promise<Deal[]> {
  const rows = await database.records.where("type").equals("deal").toArray();
  return rows.filter((r) => !r.deleted).map((r) => r.data as unknown as Deal);
}

/** A task with the name of the record it is about, for lists outside that record. */
export interface TaskWithSubject extends Task {
  subjectName: string | null;
}

/** Every live task, with its subject's name. */
export async function allTasks(database: LeadpaneDb = db): Promise<TaskWithSubject[]> {
  const rows = await database.records.where("type").equals("task").toArray();
  const tasks = rows.filter((r) => !r.deleted).map((r) => r.data as unknown as Task);
  const subjects = await database.records.bulkGet(tasks.map((t) => (t.subject ? [t.subject.type, t.subject.id] : ["", ""]) as [string, string]));
  return tasks.map((t, i) => {
    const data = subjects[i]?.data as { name?: string; title?: string } | undefined;
    return { ...t, subjectName: data?.name ?? data?.title ?? null };
  });
}

/**
 * Records that may be the same party as this one, for "merge with a suggested duplicate": found
 * through the shared match keys (email, phone, profile URL) and same-named records of the same
 * type, then judged by the domain's findMatches so the reason shown is the domain's.
 */
export async function suggestedDuplicates(record: LocalRecord, database: LeadpaneDb = db): Promise<RecordMatch[]> {
  if (record.type !== "lead" && record.type !== "contact" && record.type !== "company") return [];
  const ownKeys = record.keys.filter((k) => k.startsWith("email:") || k.startsWith("phone:") || k.startsWith("url:") || (record.type === "company" && k.startsWith("domain:")));
  const byKey = ownKeys.length ? await database.records.where("keys").anyOf(ownKeys).distinct().toArray() : [];
  const name = foldName(String(record.data.name ?? ""));
  const byName = name
    ? await database.records
        .where("type")
        .equals(record.type)
        .filter((r) => !r.deleted && r.id !== record.id && foldName(String(r.data.name ?? "")) === name)
        .limit(20)
        .toArray()
    : [];
  const candidates = [...byKey, ...byName].filter((r) => r.type === record.type && r.id !== record.id && !r.deleted);
  const companies = record.type === "company" ? [] : await database.records.where("type").equals("company").limit(5000).toArray();
  const d = record.data as Record<string, unknown>;
  const matches = findMatches(
    {
      kind: record.type === "company" ? "company" : "person",
      name: (d.name as string) ?? null,
      emails: (d.emails as string[]) ?? [],
      phones: (d.phones as string[]) ?? [],
      urls: (d.urls as string[]) ?? [],
      companyName: (d.companyName as string) ?? null,
      companyId: (d.companyId as string) ?? null,
      website: (d.website as string) ?? null,
      domain: (d.domain as string) ?? null,
    },
    [...dedupe(candidates), ...companies],
  );
  return matches.filter((m) => m.type === record.type && m.id !== record.id && !(record.type === "lead" && m.record.data.status === "converted" && d.status !== "converted"));
}

function dedupe(records: LocalRecord[]): LocalRecord[] {
  return [...new Map(records.map((r) => [`${r.type}:${r.id}`, r])).values()];
}
