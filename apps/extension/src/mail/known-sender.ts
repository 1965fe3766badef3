// Who a mail sender is in the local workspace, without the email extractor: the side panel reads it
// live from the panel's first paint and loads mail-actions.ts (the extractor) only for a message.
import { captureTarget, findMatchesIn } from "@leadpane/domain";
import { db, getMeta, type LeadpaneDb } from "../local-db/db.ts";
import { dexieReplica } from "../local-db/local-mutations.ts";
import type { KnownPerson } from "./mail-changes.ts";

/** The workspace's default phone region (settings), else US. */
export async function defaultRegion(database: LeadpaneDb = db): Promise<string> {
  return (await getMeta("settings", null, database))?.defaultRegion ?? "US";
}

/** The lead or contact a capture of these addresses goes to (a converted lead's contact), or null. */
export async function findKnownSender(
  emails: readonly string[],
  region: string,
  database: LeadpaneDb = db,
): Promise<KnownPerson | null> {
  if (!emails.length) return null;
  const reader = dexieReplica(database);
  const target = captureTarget(await findMatchesIn(reader, { kind: "person", emails }, { defaultRegion: region }));
  if (!target || (target.type !== "lead" && target.type !== "contact")) return null;
  const record = await reader.get(target.type, target.id);
  if (!record || record.deleted) return null;
  let companyName = record.type === "lead" ? (record.data.companyName ?? null) : null;
  if (record.type === "contact" && typeof record.data.companyId === "string") {
    const company = await reader.get("company", record.data.companyId);
    companyName = company?.data.name ?? null;
  }
  return { type: record.type, id: record.id, data: record.data, companyName };
}
