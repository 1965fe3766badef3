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
    ];
    for (const sql of plans) {
      const plan = await database.client.execute({
        sql: `EXPLAIN QUERY PLAN ${sql}`,
        args: [actor.workspaceId, 0, 10, 1],
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
});
