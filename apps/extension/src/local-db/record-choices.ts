import { recordLabel } from "@leadpane/domain";
import { db, type LeadpaneDb } from "./db.ts";
import { visibleRange } from "./visible-records.ts";

/** Most records a picker lists; past that, the rep narrows down with search. */
const MAX_CHOICES = 1000;

/** One record a picker offers: its id and name. */
export interface RecordChoice {
  id: string;
  name: string;
}

/** The live contacts or companies a deal or contact can point at, by name, for a picker. */
export async function recordChoices(type: "contact" | "company", database: LeadpaneDb = db): Promise<RecordChoice[]> {
  const rows = await visibleRange(database, type, { limit: MAX_CHOICES * 2 });
  return rows
    .filter((r) => !r.deleted)
    .map((r) => ({ id: r.id, name: recordLabel(r.type, r.data) || "(no name)" }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, MAX_CHOICES);
}
