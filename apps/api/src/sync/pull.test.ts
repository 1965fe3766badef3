import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@leadpane/domain";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { openDatabase, type Database } from "../db/client.ts";
import { pull, pullJson } from "./pull.ts";
import type { Actor } from "../auth/actor.ts";
import { push } from "./push.ts";

let dir: string;
let database: Database;
let actor: Actor;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "leadpane-pull-"));
  database = await openDatabase(`file:${join(dir, "pull.db")}`);
  actor = { workspaceId: newId(), memberId: newId(), role: "member" };
  const now = new Date().toISOString();
  await database.client.execute({
    sql: "INSERT INTO workspaces (id, name, settings, version, created_at) VALUES (?, 'W', '{}', 0, ?)",
    args: [actor.workspaceId, now],
  });
  await database.client.execute({
    sql:
      "INSERT INTO members (id, workspace_id, name, email, role, " +
      "created_at) VALUES (?, ?, 'Rep', 'rep@w.test', 'member', ?)",
    args: [actor.memberId, actor.workspaceId, now],
  });
});
afterAll(() => {
  database?.close();
  rmSync(dir, { recursive: true, force: true });
});

let wall = Date.now();
async function pushLeads(clientId: string, from: number, count: number) {
  const mutations = Array.from({ length: count }, (_, i) => ({
    id: from + i,
    name: "create",
    args: { type: "lead", id: newId(), fields: { name: `Lead ${from + i}` } },
    hlc: formatHlc({ wall: ++wall, counter: 0, node: clientId }),
  }));
  return push(database, actor, { protocolVersion: PROTOCOL_VERSION, clientId, mutations });
}

describe("pull", () => {
  it("reads pages through the version index, never by scanning a workspace", async () => {
    const plans = [
      "SELECT version FROM records WHERE workspace_id = ? AND " +
        "version > ? AND version <= ? ORDER BY version LIMIT 1 OFFSET ?",
      "SELECT type, id, data, meta, deleted, version FROM records WHERE " +
        "workspace_id = ? AND version > ? AND version <= ? ORDER BY version, type, id",
      // The spliced page (readPatchJson): keys ordered on the index, then each row by rowid.
      "SELECT group_concat(r.data) FROM (SELECT rowid AS rid FROM records WHERE workspace_id = ? AND " +
        "version > ? AND version <= ? ORDER BY version, type, id) AS k CROSS JOIN records AS r ON r.rowid = k.rid",
    ];
    for (const sql of plans) {
      const plan = await database.client.execute({
        sql: `EXPLAIN QUERY PLAN ${sql}`,
        args: [actor.workspaceId, 0, 10, ...(sql.includes("OFFSET") ? [1] : [])],
      });
      const detail = plan.rows.map((r) => String(r.detail)).join(" | ");
      expect(detail).toContain("INDEX records_version");
      expect(detail).not.toMatch(/SCAN records/);
    }
  });

  it("acknowledges on each page the client's mutations whose changes that page completes", async () => {
    const clientId = newId();
    await pushLeads(clientId, 1, 3);
    await pushLeads(clientId, 4, 3);
    const first = await pull(database, actor, { protocolVersion: PROTOCOL_VERSION, clientId, cookie: 0, limit: 2 });
    expect(first.hasMore).toBe(true);
    expect(first.patch).toHaveLength(3);
    // The first push is version 1 and wholly on this page; the second push is not yet.
    expect(first.lastMutationIDChanges).toEqual({ [clientId]: 3 });
    const second = await pull(database, actor, {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      cookie: first.cookie,
      limit: 2,
    });
    expect(second.hasMore).toBe(false);
    expect(second.lastMutationIDChanges).toEqual({ [clientId]: 6 });
  });

  it("encodes the same answer with spliced JSON as by value", async () => {
    const clientId = newId();
    await pushLeads(clientId, 1, 4);
    const request = { protocolVersion: PROTOCOL_VERSION, clientId, cookie: 0, limit: 1000 };
    const { serverTime: _a, ...byValue } = await pull(database, actor, request);
    const { serverTime: _b, ...spliced } = JSON.parse(await pullJson(database, actor, request));
    expect(spliced).toEqual(byValue);
  });

  it("splices every kind of record in the by-value order: types, tombstones, any text, erasures", async () => {
    const clientId = newId();
    // One push (one version) of several types whose ids do not come in (type, id) order, names
    // with quotes, escapes and characters beyond ASCII, and a tombstone.
    const ids = Array.from({ length: 6 }, () => newId()).reverse();
    const created = ids.map((id, i) => ({
      type: i % 2 ? "company" : "lead",
      id,
      fields: { name: `Zoë "${i}" \\ \u2028 😀 ${i}` },
    }));
    const mutations = [
      ...created.map((args, i) => ({ id: i + 1, name: "create", args })),
      { id: 7, name: "delete", args: { type: created[0]!.type, id: created[0]!.id } },
    ].map((m) => ({ ...m, hlc: formatHlc({ wall: ++wall, counter: 0, node: clientId }) }));
    await push(database, actor, { protocolVersion: PROTOCOL_VERSION, clientId, mutations });
    const request = { protocolVersion: PROTOCOL_VERSION, clientId, cookie: 0, limit: 5000 };
    const same = async () => {
      const { serverTime: _a, ...byValue } = await pull(database, actor, request);
      const text = await pullJson(database, actor, request);
      const { serverTime: _b, ...spliced } = JSON.parse(text);
      expect(spliced).toEqual(byValue);
      // Same order too (toEqual compares arrays in order): by version, then type, then id.
      return byValue.patch;
    };
    const patch = await same();
    const last = patch.slice(-6).map((op) => (op.op === "put" ? `${op.record.type}:${op.record.id}` : ""));
    expect(last).toEqual([...last].sort());
    expect(patch.some((op) => op.op === "put" && op.record.deleted)).toBe(true);
    // A page holding an erasure is merged with its rows in version order.
    const { rows } = await database.client.execute({
      sql: "UPDATE workspaces SET version = version + 1 WHERE id = ? RETURNING version",
      args: [actor.workspaceId],
    });
    await database.client.execute({
      sql: "INSERT INTO erasures (workspace_id, type, id, version) VALUES (?, 'lead', ?, ?)",
      args: [actor.workspaceId, newId(), Number(rows[0]!.version)],
    });
    expect((await same()).at(-1)).toMatchObject({ op: "del", type: "lead" });
  });
});
