import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@leadpane/domain";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { openDatabase, type Database } from "../db/client.ts";
import { push, type Actor } from "./push.ts";

let dir: string;
let database: Database;
let actor: Actor;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "leadpane-write-"));
  database = await openDatabase(`file:${join(dir, "write.db")}`);
  actor = { workspaceId: newId(), memberId: newId(), role: "member" };
  const now = new Date().toISOString();
  await database.client.execute({ sql: "INSERT INTO workspaces (id, name, settings, version, created_at) VALUES (?, 'W', '{}', 0, ?)", args: [actor.workspaceId, now] });
});
afterAll(() => {
  database?.close();
  rmSync(dir, { recursive: true, force: true });
});

let wall = Date.now();
const clientId = newId();
let next = 1;
const m = (name: string, args: unknown) => ({ id: next++, name, args, hlc: formatHlc({ wall: ++wall, counter: 0, node: clientId }) });
const keysOf = async (id: string) =>
  (await database.client.execute({ sql: "SELECT key FROM record_keys WHERE workspace_id = ? AND id = ? ORDER BY key", args: [actor.workspaceId, id] })).rows.map((r) => String(r.key));

describe("writeChanges keeps the match-key index equal to the records", () => {
  it("indexes a record created and changed in one push by its final state only", async () => {
    const id = newId();
    await push(database, actor, {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [m("create", { type: "lead", id, fields: { name: "Jane Doe", emails: ["jane@old.test"] } }), m("update", { type: "lead", id, set: { emails: ["jane@new.test"] } })],
    });
    const keys = await keysOf(id);
    expect(keys).toContain("email:jane@new.test");
    expect(keys).not.toContain("email:jane@old.test");
    expect(keys).toContain("name:person:jane doe");
  });

  it("replaces a stored record's keys when a later push changes it, and drops them on delete", async () => {
    const id = newId();
    await push(database, actor, { protocolVersion: PROTOCOL_VERSION, clientId, mutations: [m("create", { type: "lead", id, fields: { name: "Ann", emails: ["ann@one.test"] } })] });
    await push(database, actor, { protocolVersion: PROTOCOL_VERSION, clientId, mutations: [m("update", { type: "lead", id, set: { emails: ["ann@two.test"] } })] });
    expect(await keysOf(id)).toContain("email:ann@two.test");
    expect(await keysOf(id)).not.toContain("email:ann@one.test");
    await push(database, actor, { protocolVersion: PROTOCOL_VERSION, clientId, mutations: [m("delete", { type: "lead", id })] });
    expect(await keysOf(id)).toEqual([]);
  });
});
