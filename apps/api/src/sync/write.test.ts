import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexKeys, newId, type RecordType } from "@leadpane/domain";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { openDatabase, type Database } from "../db/client.ts";
import type { Actor } from "../auth/actor.ts";
import { push } from "./push.ts";

let dir: string;
let database: Database;
let actor: Actor;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "leadpane-write-"));
  database = await openDatabase(`file:${join(dir, "write.db")}`);
  actor = { workspaceId: newId(), memberId: newId(), role: "member" };
  const now = new Date().toISOString();
  await database.client.execute({
    sql: "INSERT INTO workspaces (id, name, settings, version, created_at) VALUES (?, 'W', '{}', 0, ?)",
    args: [actor.workspaceId, now],
  });
});
afterAll(() => {
  database?.close();
  rmSync(dir, { recursive: true, force: true });
});

let wall = Date.now();
const clientId = newId();
let next = 1;
const m = (name: string, args: unknown) => ({
  id: next++,
  name,
  args,
  hlc: formatHlc({ wall: ++wall, counter: 0, node: clientId }),
});
const keysOf = async (id: string) =>
  (
    await database.client.execute({
      sql: "SELECT key FROM record_keys WHERE workspace_id = ? AND id = ? ORDER BY key",
      args: [actor.workspaceId, id],
    })
  ).rows.map((r) => String(r.key));

describe("writeChanges keeps the match-key index equal to the records", () => {
  it("indexes a record created and changed in one push by its final state only", async () => {
    const id = newId();
    await push(database, actor, {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [
        m("create", { type: "lead", id, fields: { name: "Jane Doe", emails: ["jane@old.test"] } }),
        m("update", { type: "lead", id, set: { emails: ["jane@new.test"] } }),
      ],
    });
    const keys = await keysOf(id);
    expect(keys).toContain("email:jane@new.test");
    expect(keys).not.toContain("email:jane@old.test");
    expect(keys).toContain("name:person:jane doe");
  });

  it("replaces a stored record's keys when a later push changes it, and drops them on delete", async () => {
    const id = newId();
    await push(database, actor, {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [m("create", { type: "lead", id, fields: { name: "Ann", emails: ["ann@one.test"] } })],
    });
    await push(database, actor, {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [m("update", { type: "lead", id, set: { emails: ["ann@two.test"] } })],
    });
    expect(await keysOf(id)).toContain("email:ann@two.test");
    expect(await keysOf(id)).not.toContain("email:ann@one.test");
    await push(database, actor, {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [m("delete", { type: "lead", id })],
    });
    expect(await keysOf(id)).toEqual([]);
  });
});

describe("writeChanges by difference", () => {
  /** Every stored record's keys against what `indexKeys` derives from its stored data. */
  async function expectIndexMatchesRecords() {
    const rows = (
      await database.client.execute({
        sql: "SELECT type, id, data, deleted FROM records WHERE workspace_id = ?",
        args: [actor.workspaceId],
      })
    ).rows;
    const stored = (
      await database.client.execute({
        sql: "SELECT key, type, id FROM record_keys WHERE workspace_id = ?",
        args: [actor.workspaceId],
      })
    ).rows.map((r) => `${String(r.type)}:${String(r.id)}:${String(r.key)}`);
    const expected = rows.flatMap((r) =>
      Number(r.deleted) === 1
        ? []
        : indexKeys(String(r.type) as RecordType, JSON.parse(String(r.data))).map(
            (key) => `${String(r.type)}:${String(r.id)}:${key}`,
          ),
    );
    expect(stored.sort()).toEqual(expected.sort());
  }

  it("keeps the index equal to every record's keys through random edits, deletes, restores and merges", async () => {
    const ids = Array.from({ length: 12 }, () => newId());
    const pick = (i: number) => ids[i % ids.length]!;
    const emails = ["a@one.test", "b@two.test", "c@one.test", "d@three.test"];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    await push(database, actor, {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: ids.map((id, i) =>
        m("create", { type: "lead", id, fields: { name: `Person ${i}`, emails: [emails[i % emails.length]!] } }),
      ),
    });
    for (let round = 0; round < 8; round++) {
      const mutations = Array.from({ length: 10 }, () => {
        const id = pick(rand(ids.length));
        switch (rand(7)) {
          case 0:
            return m("update", { type: "lead", id, set: { title: `Title ${rand(100)}` } });
          case 1:
            return m("update", { type: "lead", id, set: { name: `Renamed ${rand(5)}` } });
          case 2:
            return m("add", { type: "lead", id, field: "emails", values: [emails[rand(emails.length)]!] });
          case 3:
            return m("delete", { type: "lead", id });
          case 4:
            return m("restore", { type: "lead", id });
          case 5:
            return m("mergeRecords", { type: "lead", survivorId: id, mergedId: pick(rand(ids.length)) });
          default:
            return m("update", { type: "lead", id, set: { website: `https://site${rand(3)}.test` } });
        }
      });
      await push(database, actor, { protocolVersion: PROTOCOL_VERSION, clientId, mutations });
      await expectIndexMatchesRecords();
    }
  });

  it("keeps keys when an edit changes none; stores data and meta exactly as JSON.stringify makes them", async () => {
    const id = newId();
    const title = 'VP "Sales" \\ ops \u2028 café 😀';
    await push(database, actor, {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [m("create", { type: "lead", id, fields: { name: "Kim Keys", emails: ["kim@keys.test"], title } })],
    });
    const before = await database.client
      .execute({
        sql: "SELECT key, rowid FROM record_keys WHERE workspace_id = ? AND id = ?",
        args: [actor.workspaceId, id],
      })
      .catch(() => null);
    // WITHOUT ROWID: the table has no rowid to select.
    expect(before).toBeNull();
    const keys = await keysOf(id);
    await push(database, actor, {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [m("update", { type: "lead", id, set: { title: "CEO" } })],
    });
    expect(await keysOf(id)).toEqual(keys);
    const row = (
      await database.client.execute({
        sql: "SELECT data, meta FROM records WHERE workspace_id = ? AND id = ?",
        args: [actor.workspaceId, id],
      })
    ).rows[0]!;
    const data = JSON.parse(String(row.data));
    expect(data.title).toBe("CEO");
    expect(data.meta).toBeUndefined();
    expect(JSON.stringify(data)).toBe(String(row.data));
    const meta = JSON.parse(String(row.meta));
    expect(JSON.stringify(meta)).toBe(String(row.meta));
    expect(meta.history.map((h: { value: unknown }) => h.value)).toContain(title);
  });
});

describe("writeChanges diffs against the stored keys", () => {
  it("drops a stale key and adds a missing one on any edit of the record", async () => {
    const id = newId();
    await push(database, actor, {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [m("create", { type: "lead", id, fields: { name: "Stale Keys", emails: ["stale@keys.test"] } })],
    });
    const keys = await keysOf(id);
    // An index written by an older indexKeys: one key it no longer derives, one it did not derive yet.
    await database.client.execute({
      sql: "INSERT INTO record_keys (workspace_id, key, type, id) VALUES (?, 'legacy:key', 'lead', ?)",
      args: [actor.workspaceId, id],
    });
    await database.client.execute({
      sql: "DELETE FROM record_keys WHERE workspace_id = ? AND id = ? AND key = 'email:stale@keys.test'",
      args: [actor.workspaceId, id],
    });
    await push(database, actor, {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [m("update", { type: "lead", id, set: { title: "Any edit" } })],
    });
    expect(await keysOf(id)).toEqual(keys);
  });
});

describe("audit entries", () => {
  it("writes one entry per applied mutation: its main record, and the other records it changed in detail", async () => {
    const leadId = newId();
    const activityId = newId();
    await push(database, actor, {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [
        m("create", { type: "lead", id: leadId, fields: { name: "Audit Me", emails: ["audit@me.test"] } }),
        m("setLeadStatus", { leadId, status: "working", activityId }),
        m("update", { type: "lead", id: newId(), set: { title: "nobody" } }),
      ],
    });
    const rows = (
      await database.client.execute({
        sql:
          "SELECT action, record_type, record_id, detail FROM audit_log WHERE " +
          "workspace_id = ? AND (record_id = ? OR detail LIKE ?) ORDER BY id",
        args: [actor.workspaceId, leadId, `%${leadId}%`],
      })
    ).rows.map((r) => ({
      action: String(r.action),
      type: String(r.record_type),
      id: String(r.record_id),
      detail: JSON.parse(String(r.detail)),
    }));
    expect(rows).toEqual([
      { action: "create", type: "lead", id: leadId, detail: {} },
      {
        action: "setLeadStatus",
        type: "lead",
        id: leadId,
        detail: { records: [{ type: "activity", id: activityId }] },
      },
    ]);
  });
});
