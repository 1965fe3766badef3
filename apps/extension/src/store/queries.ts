import { lookupKeys, type Activity, type Member } from "@leadpane/domain";
import { db, getMeta, type LeadpaneDb, type LocalRecord } from "./db.ts";

/** Records of a page or email and their history, newest first. */
export interface PageMatches {
  records: LocalRecord[];
  activities: Activity[];
}

/** What the workspace knows about a page (by URL: domain, profile) and the emails on it. */
export async function findForPage(query: { url?: string; emails?: string[] }, database: LeadpaneDb = db): Promise<PageMatches> {
  const keys = [
    ...(query.url ? lookupKeys({ url: query.url }) : []),
    ...(query.emails ?? []).flatMap((email) => lookupKeys({ email })),
  ];
  if (!keys.length) return { records: [], activities: [] };
  const found = await database.records.where("keys").anyOf(keys).distinct().toArray();
  const records = found.filter((r) => !r.deleted && (r.type === "lead" || r.type === "contact" || r.type === "company"));
  return { records: sortRecords(records), activities: await activitiesFor(records, database) };
}

/** The activities about these records (a contact's include those of the leads it came from). */
export async function activitiesFor(records: LocalRecord[], database: LeadpaneDb = db): Promise<Activity[]> {
  const subjectKeys = records.flatMap((r) => [
    `subject:${r.type}:${r.id}`,
    ...((r.data.sourceLeadIds as string[] | undefined) ?? []).map((id) => `subject:lead:${id}`),
  ]);
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

/** The workspace's members by id, for showing who did what. */
export async function membersById(database: LeadpaneDb = db): Promise<Map<string, Member>> {
  return new Map((await getMeta("members", [], database)).map((m) => [m.id, m]));
}

/** Records whose name or emails contain the text, for instant search. */
export async function searchRecords(text: string, limit = 20, database: LeadpaneDb = db): Promise<LocalRecord[]> {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  const out: LocalRecord[] = [];
  await database.records
    .filter((r) => {
      if (r.deleted || r.type === "activity" || r.type === "task") return false;
      const d = r.data as { name?: string; title?: string; emails?: string[]; companyName?: string };
      return [d.name, d.title, d.companyName, ...(d.emails ?? [])].some((v) => v?.toLowerCase().includes(needle));
    })
    .until(() => out.length >= limit)
    .each((r) => void out.push(r));
  return out;
}
