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
