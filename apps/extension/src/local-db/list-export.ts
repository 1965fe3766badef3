import { toCsv } from "@leadpane/domain";
import { type RecordOf, recordsOf } from "@leadpane/domain/sync";
import { contactToVcard, leadToVcard, serializeVcards } from "@leadpane/domain/vcard";
import { db, type LeadpaneDb, type LocalRecord } from "./db.ts";
import type { ListType } from "./list-rows.ts";
import { visibleBulkGet } from "./visible-records.ts";

/** Live records of one type, read by id from the local store, in the order of `ids`. */
async function liveRecords(type: ListType, ids: readonly string[], database: LeadpaneDb): Promise<LocalRecord[]> {
  const found = await visibleBulkGet(
    database,
    ids.map((id): [string, string] => [type, id]),
  );
  return found.filter((record): record is LocalRecord => record !== undefined && !record.deleted);
}

/** The names of the companies the contacts belong to, by id (contacts hold only the company's id). */
async function companyNames(contacts: ReadonlyArray<RecordOf<"contact">>, database: LeadpaneDb) {
  const ids = [...new Set(contacts.flatMap((c) => (c.data.companyId ? [c.data.companyId] : [])))];
  const names = new Map<string, string>();
  for (const company of recordsOf(await liveRecords("company", ids, database), "company"))
    names.set(company.id, company.data.name);
  return names;
}

/**
 * The listed records as CSV, in the list's order, written by the same function as the API's CSV
 * export (formula cells neutralised); contacts also get their company's name.
 */
export async function listCsv(type: ListType, ids: readonly string[], database: LeadpaneDb = db): Promise<string> {
  const records = await liveRecords(type, ids, database);
  if (type !== "contact") return toCsv(records.map((record) => record.data));
  const contacts = recordsOf(records, "contact");
  const names = await companyNames(contacts, database);
  return toCsv(
    contacts.map((contact) => ({
      ...contact.data,
      companyName: contact.data.companyId ? (names.get(contact.data.companyId) ?? "") : "",
    })),
  );
}

/** The listed leads or contacts as one vCard 4.0 file, in the list's order. */
export async function listVcards(
  type: "lead" | "contact",
  ids: readonly string[],
  database: LeadpaneDb = db,
): Promise<string> {
  if (type === "lead")
    return serializeVcards(recordsOf(await liveRecords("lead", ids, database), "lead").map((r) => leadToVcard(r.data)));
  const contacts = recordsOf(await liveRecords("contact", ids, database), "contact");
  const names = await companyNames(contacts, database);
  return serializeVcards(
    contacts.map((c) => contactToVcard(c.data, c.data.companyId ? (names.get(c.data.companyId) ?? null) : null)),
  );
}
