import Dexie from "dexie";
import type { Activity } from "@leadpane/domain";
import { db, type LeadpaneDb, type LocalRecord } from "./db.ts";
import { toListRow, type ListRow, type ListType } from "./list-rows.ts";

/**
 * The newest records of a type, read by primary key ([type+id], ids are time-ordered UUIDv7) in
 * reverse: a first screen of the list without reading the other 99,900 rows.
 */
export async function newestRows(type: ListType, count: number, database: LeadpaneDb = db): Promise<ListRow[]> {
  const records = await database.records
    .where("[type+id]")
    .between([type, Dexie.minKey], [type, Dexie.maxKey])
    .reverse()
    .filter((r) => !r.deleted)
    .limit(count)
    .toArray();
  const now = new Date();
  return records.map((r) => toListRow(r, [], now));
}

/**
 * Every live record of a type as list rows, newest first. Leads are scored with their activities,
 * read in the same pass over the activity rows grouped by subject.
 */
export async function allRows(type: ListType, database: LeadpaneDb = db): Promise<ListRow[]> {
  const [records, activities] = await Promise.all([
    database.records.where("type").equals(type).toArray(),
    type === "lead" ? database.records.where("type").equals("activity").toArray() : Promise.resolve([] as LocalRecord[]),
  ]);
  const bySubject = new Map<string, Array<Pick<Activity, "type" | "occurredAt">>>();
  for (const a of activities) {
    const data = a.data as unknown as Activity;
    if (a.deleted || data.subject?.type !== "lead") continue;
    const list = bySubject.get(data.subject.id);
    if (list) list.push(data);
    else bySubject.set(data.subject.id, [data]);
  }
  const now = new Date();
  const rows: ListRow[] = [];
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (!r.deleted) rows.push(toListRow(r, bySubject.get(r.id) ?? [], now));
  }
  return rows;
}
