import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@leadpane/domain";
import { typedRecord, type SyncedRecord } from "@leadpane/domain/sync";
import { openDatabase, type Database } from "./client.ts";
import { RECORD_COLUMNS, rowToSynced, storedRecordFromSql, syncedToRow } from "./mappers.ts";
import { records } from "./schema.ts";

let dir: string;
let database: Database;
const workspaceId = newId();
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "leadpane-mappers-"));
  database = await openDatabase(`file:${join(dir, "mappers.db")}`);
  await database.client.execute({
    sql: "INSERT INTO workspaces (id, name, settings, version, created_at) VALUES (?, 'W', '{}', 0, ?)",
    args: [workspaceId, new Date().toISOString()],
  });
});
afterAll(() => {
  database?.close();
  rmSync(dir, { recursive: true, force: true });
});

function record(deleted: boolean): SyncedRecord {
  const at = "2026-01-02T03:04:05.000Z";
  return typedRecord({
    type: "lead",
    id: newId(),
    data: { name: "Jane Doe", emails: ["jane@acme.test"], createdAt: at, updatedAt: at },
    meta: { clocks: { name: "0000000000001:0000:a" }, sets: {}, history: [] },
    deleted,
    version: 0,
  });
}

describe("record rows", () => {
  it("reads back what was stored, through drizzle and through hand-written SQL alike", async () => {
    for (const deleted of [false, true]) {
      const stored = record(deleted);
      await database.db.insert(records).values(syncedToRow(workspaceId, stored, 7));
      const expected = { ...stored, version: 7 };
      const [viaDrizzle] = await database.db.select().from(records).where(eq(records.id, stored.id));
      expect(rowToSynced(viaDrizzle!)).toEqual(expected);
      const raw = await database.client.execute({
        sql: `SELECT ${RECORD_COLUMNS} FROM records WHERE id = ?`,
        args: [stored.id],
      });
      const viaSql = storedRecordFromSql(raw.rows[0]!);
      // SQLite hands the flag back as 0/1: it must read as a boolean, or a tombstone would look alive.
      expect(viaSql.deleted).toBe(deleted);
      expect(rowToSynced(viaSql)).toEqual(expected);
    }
  });
});
