import {
  draftKeys,
  type ImportMapping,
  mapRow,
  matchSource,
  type OnMatch,
  planImport,
  type RowContext,
  type RowPlan,
} from "@leadpane/domain/import";
import type { SyncedRecord } from "@leadpane/domain/sync";
import { db, type LeadpaneDb } from "../local-db/db.ts";
import { visibleBulkGet, visibleByKeys } from "../local-db/visible-records.ts";

/**
 * The plan of every row against this browser's copy of the workspace: the rows' emails and phones
 * are looked up in one indexed query (and converted leads' contacts in one more), then the domain
 * plans in memory. Works offline; the server applies the same rules when the changes arrive.
 */
export async function planLocally(
  rows: readonly string[][],
  mapping: ImportMapping,
  context: RowContext,
  onMatch: OnMatch,
  database: LeadpaneDb = db,
): Promise<RowPlan[]> {
  const results = rows.map((cells) => mapRow(cells, mapping, context));
  const keys = [...new Set(results.flatMap((r) => (r.ok ? draftKeys(r.draft) : [])))];
  const found: SyncedRecord[] = keys.length ? await visibleByKeys(database, keys) : [];
  const contactIds = found.flatMap((r) =>
    r.type === "lead" && r.data.convertedContactId ? [r.data.convertedContactId] : [],
  );
  const contacts = contactIds.length
    ? (
        await visibleBulkGet(
          database,
          contactIds.map((id) => ["contact", id] as [string, string]),
        )
      ).filter((r): r is NonNullable<typeof r> => !!r)
    : [];
  return planImport(results, matchSource([...found, ...contacts]), { onMatch, defaultRegion: context.defaultRegion });
}
