import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "./client.ts";

const opened: Array<{ database: Database; dir: string }> = [];
async function fresh(): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), "leadpane-stmt-cache-"));
  const database = await openDatabase(`file:${join(dir, "api.db")}`);
  opened.push({ database, dir });
  return database;
}
afterEach(() => {
  for (const { database, dir } of opened.splice(0)) {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

// The statements the local driver keeps (statement-cache.ts) must behave as fresh ones.
describe("kept statements", () => {
  it("belong to their own connection: the same SQL on two database files writes each to its own", async () => {
    const [a, b] = [await fresh(), await fresh()];
    const insert = "INSERT INTO server_settings (key, value) VALUES (?, ?)";
    await a.client.execute({ sql: insert, args: ["k", "in a"] });
    await b.client.execute({ sql: insert, args: ["k", "in b"] });
    const read = "SELECT value FROM server_settings WHERE key = ?";
    expect((await a.client.execute({ sql: read, args: ["k"] })).rows.map((r) => r.value)).toEqual(["in a"]);
    expect((await b.client.execute({ sql: read, args: ["k"] })).rows.map((r) => r.value)).toEqual(["in b"]);
  });

  it("run again after a failure, with new arguments, and see a schema change", async () => {
    const db = await fresh();
    const insert = "INSERT INTO server_settings (key, value) VALUES (?, ?)";
    await db.client.execute({ sql: insert, args: ["one", "1"] });
    await expect(db.client.execute({ sql: insert, args: ["one", "again"] })).rejects.toThrow(/UNIQUE|PRIMARY/i);
    await db.client.execute({ sql: insert, args: ["two", "2"] });
    const all = "SELECT * FROM server_settings ORDER BY key";
    expect((await db.client.execute(all)).rows.map((r) => [r.key, r.value])).toEqual([
      ["one", "1"],
      ["two", "2"],
    ]);
    await db.client.execute("ALTER TABLE server_settings ADD COLUMN note text");
    expect((await db.client.execute(all)).columns).toContain("note");
  });

  it("tell a write from a read each time they run again: rows written, rows returned, RETURNING rows", async () => {
    const db = await fresh();
    const insert = "INSERT INTO server_settings (key, value) VALUES (?, ?)";
    const update = "UPDATE server_settings SET value = ? WHERE key <> ?";
    const returning = "UPDATE server_settings SET value = ? WHERE key = ? RETURNING key, value";
    const read = "SELECT key FROM server_settings WHERE value = ? ORDER BY key";
    for (const round of [1, 2]) {
      const first = await db.client.execute({ sql: insert, args: [`a${round}`, "x"] });
      expect(first.rowsAffected).toBe(1);
      expect(first.columns).toEqual([]);
      await db.client.execute({ sql: insert, args: [`b${round}`, "x"] });
      expect((await db.client.execute({ sql: update, args: ["y", "none"] })).rowsAffected).toBe(round * 2);
      const changed = await db.client.execute({ sql: returning, args: ["z", `a${round}`] });
      expect(changed.rows.map((r) => [r.key, r.value])).toEqual([[`a${round}`, "z"]]);
      expect((await db.client.execute({ sql: read, args: ["y"] })).rows.map((r) => r.key)).toEqual(
        round === 1 ? ["b1"] : ["a1", "b1", "b2"],
      );
    }
  });

  it("inside a write transaction, roll back with it", async () => {
    const db = await fresh();
    const insert = "INSERT INTO server_settings (key, value) VALUES (?, ?)";
    const tx = await db.client.transaction("write");
    await tx.execute({ sql: insert, args: ["gone", "x"] });
    await tx.rollback();
    await db.client.execute({ sql: insert, args: ["kept", "y"] });
    const keys = (await db.client.execute("SELECT key FROM server_settings")).rows.map((r) => r.key);
    expect(keys).toEqual(["kept"]);
  });
});
