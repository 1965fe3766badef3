import { and, eq, inArray, sql } from "drizzle-orm";
import type { SyncedRecord } from "@leadpane/domain/sync";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import type { Database, Tx } from "../db/client.ts";
import { rowToSynced } from "../db/mappers.ts";
import { erasedKeys, erasures, recordKeys, records, workspaces } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import type { Actor } from "../auth/actor.ts";
import { withWriteTransaction } from "../sync/transaction.ts";
import { erasedKeyHash } from "../sync/erasures.ts";
import { writeChanges } from "../sync/write.ts";
import { findPerson, type PersonQuery } from "./person.ts";
import { scrubEmails } from "./scrub.ts";

/** What an erasure did, by record type. */
export interface ErasureSummary {
  erased: Record<string, number>;
  scrubbed: number;
  /** The workspace version at which clients learn of it (unchanged when nothing was held). */
  version: number;
}

const CHUNK = 200;
// Enough ids to trace an erasure in the audit log without turning one row into megabytes.
const MAX_AUDITED_IDS = 500;

/**
 * Erases a person in one write transaction: hard-deletes their leads and contacts and the
 * activities and tasks about them (rows and match keys), scrubs their email addresses from every
 * other record (data and sync history), and records an erasure per deleted record at a new
 * workspace version so every client's next pull drops it (`{ op: "del" }`). Scrubbed records are
 * rewritten through `writeChanges` at that same version, so clients receive their new state too.
 */
export async function erasePerson(database: Database, actor: Actor, query: PersonQuery): Promise<ErasureSummary> {
  return withWriteTransaction(database, async (tx) => {
    const found = await findPerson(tx, actor.workspaceId, query);
    if (!found) throw notFound(`${"type" in query ? query.type : "Record"}`);
    const now = new Date().toISOString();
    const doomed = [...found.people, ...found.about];
    const scrubbed: SyncedRecord[] = [];
    for (const row of found.mentions) {
      // Its data and sync history: type, id and flags hold no address.
      const scrub = scrubEmails(rowToSynced(row), found.emails);
      if (scrub.changed) scrubbed.push(scrub.value);
    }

    let version = await currentVersion(tx, actor.workspaceId);
    if (scrubbed.length) {
      version = await writeChanges(tx, actor.workspaceId, scrubbed, [], now);
    } else if (doomed.length) {
      version += 1;
      await tx.update(workspaces).set({ version }).where(eq(workspaces.id, actor.workspaceId));
    }

    const byType = new Map<SyncedRecord["type"], string[]>();
    for (const row of doomed) byType.set(row.type, [...(byType.get(row.type) ?? []), row.id]);
    for (const [type, ids] of byType) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        await tx
          .delete(records)
          .where(and(eq(records.workspaceId, actor.workspaceId), eq(records.type, type), inArray(records.id, chunk)));
        await tx
          .delete(recordKeys)
          .where(
            and(
              eq(recordKeys.workspaceId, actor.workspaceId),
              eq(recordKeys.type, type),
              inArray(recordKeys.id, chunk),
            ),
          );
        await tx
          .insert(erasures)
          .values(chunk.map((id) => ({ workspaceId: actor.workspaceId, type, id, version })))
          .onConflictDoUpdate({
            target: [erasures.workspaceId, erasures.type, erasures.id],
            set: { version: sql`excluded.version` },
          });
      }
    }

    // The addresses, as salted hashes with the moment of erasure: changes made before it that carry
    // them (an offline client's queue) are refused when they arrive (sync/erasures.ts).
    const erasedAtMs = Date.parse(now);
    for (let i = 0; i < found.emails.length; i += CHUNK) {
      await tx
        .insert(erasedKeys)
        .values(
          found.emails.slice(i, i + CHUNK).map((email) => ({
            workspaceId: actor.workspaceId,
            keyHash: erasedKeyHash(actor.workspaceId, email),
            erasedAtMs,
          })),
        )
        .onConflictDoUpdate({
          target: [erasedKeys.workspaceId, erasedKeys.keyHash],
          set: { erasedAtMs: sql`excluded.erased_at_ms` },
        });
    }

    const erased: Record<string, number> = {};
    for (const [type, ids] of byType) erased[type] = ids.length;
    // Ids and counts only: the audit log must not keep the personal data it records the erasure of.
    await writeAudit(
      tx,
      {
        workspaceId: actor.workspaceId,
        memberId: actor.memberId,
        action: AUDIT_ACTIONS.personErased,
        targetType: "type" in query ? query.type : null,
        targetId: "type" in query ? query.id : null,
        detail: {
          erased,
          scrubbed: scrubbed.length,
          records: doomed.slice(0, MAX_AUDITED_IDS).map((row) => ({ type: row.type, id: row.id })),
          scrubbedRecords: scrubbed.slice(0, MAX_AUDITED_IDS).map((record) => ({ type: record.type, id: record.id })),
        },
      },
      now,
    );
    return { erased, scrubbed: scrubbed.length, version };
  });
}

async function currentVersion(tx: Tx, workspaceId: string): Promise<number> {
  const [row] = await tx.select({ version: workspaces.version }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row?.version ?? 0;
}
