import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../db/client.ts";
import { withWriteTransaction } from "./transaction.ts";

let dir: string;
let database: Database;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "leadpane-tx-"));
  database = await openDatabase(`file:${join(dir, "tx.db")}`);
  await database.client.execute("CREATE TABLE probe (name TEXT PRIMARY KEY)");
});
afterAll(() => {
  database?.close();
  rmSync(dir, { recursive: true, force: true });
});

const names = async () =>
  (await database.client.execute("SELECT name FROM probe ORDER BY name")).rows.map((r) => String(r.name));

describe("withWriteTransaction", () => {
  it("commits concurrent jobs together, each in its own savepoint: one failure rolls back only itself", async () => {
    const jobs = ["a", "b", "fail", "c", "d"].map((name) =>
      withWriteTransaction(database, async (tx) => {
        await tx.run(sql`INSERT INTO probe (name) VALUES (${name})`);
        if (name === "fail") throw new Error("refused");
        return name;
      }),
    );
    const outcomes = await Promise.allSettled(jobs);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(await names()).toEqual(["a", "b", "c", "d"]);
  });

  it("runs one process's transactions one at a time, so none waits on the lock inside the event loop", async () => {
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withWriteTransaction(database, async (tx) => {
          inside += 1;
          most = Math.max(most, inside);
          await tx.run(sql`INSERT INTO probe (name) VALUES (${`n${i}`})`);
          await new Promise((r) => setTimeout(r, 2));
          inside -= 1;
        }),
      ),
    );
    // Jobs of a group run one after another inside one transaction; groups never overlap.
    expect(most).toBe(1);
    expect((await names()).filter((n) => n.startsWith("n"))).toHaveLength(20);
  });

  it("a job queued while a transaction runs joins it before the commit, and commits with it", async () => {
    // What another connection sees when the joining job runs: the first job's row only after a commit.
    const outside = createClient({ url: `file:${join(dir, "tx.db")}` });
    let seenOutside: string[] | null = null;
    let joined!: Promise<string>;
    const first = withWriteTransaction(database, async (tx) => {
      await tx.run(sql`INSERT INTO probe (name) VALUES ('lead-push')`);
      // The second push of a pipelined client, arriving while the first is applied.
      joined = withWriteTransaction(database, async (inner) => {
        seenOutside = (await outside.execute("SELECT name FROM probe WHERE name = 'lead-push'")).rows.map((r) =>
          String(r.name),
        );
        await inner.run(sql`INSERT INTO probe (name) VALUES ('next-push')`);
        return "next";
      });
      return "first";
    });
    expect(await first).toBe("first");
    expect(await joined).toBe("next");
    outside.close();
    // Run in the first job's transaction: its row was not committed yet.
    expect(seenOutside).toEqual([]);
    expect(await names()).toEqual(expect.arrayContaining(["lead-push", "next-push"]));
  });

  it("a job that joins a transaction and fails rolls back alone; the one it joined commits", async () => {
    let joined!: Promise<unknown>;
    const first = withWriteTransaction(database, async (tx) => {
      await tx.run(sql`INSERT INTO probe (name) VALUES ('kept')`);
      joined = withWriteTransaction(database, async (inner) => {
        await inner.run(sql`INSERT INTO probe (name) VALUES ('joiner')`);
        throw new Error("joiner refused");
      });
      joined.catch(() => undefined);
    });
    await first;
    await expect(joined).rejects.toThrow("joiner refused");
    const all = await names();
    expect(all).toContain("kept");
    expect(all).not.toContain("joiner");
  });

  it("a failed lone job rolls back and leaves the queue working", async () => {
    await expect(
      withWriteTransaction(database, async (tx) => {
        await tx.run(sql`INSERT INTO probe (name) VALUES ('lonely')`);
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    await withWriteTransaction(database, (tx) => tx.run(sql`INSERT INTO probe (name) VALUES ('after')`));
    const all = await names();
    expect(all).toContain("after");
    expect(all).not.toContain("lonely");
  });
});
