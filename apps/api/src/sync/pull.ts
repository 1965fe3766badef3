import type { Transaction } from "@libsql/client";
import { WorkspaceSettingsSchema, type Member } from "@leadpane/domain";
import { PROTOCOL_VERSION, type PatchOp, type PullResponse, type SyncedRecord } from "@leadpane/domain/sync";
import type { Database } from "../db/client.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";
import type { Actor } from "./push.ts";

/** What a pull asks for. */
export interface PullRequest {
  protocolVersion: number;
  clientId: string;
  cookie: number;
  limit: number;
}

/** A page as stored: records with their JSON columns still as text, so they need not be re-encoded. */
interface RawPage {
  cookie: number;
  hasMore: boolean;
  lastMutationId: number | null;
  rows: Array<{ type: string; id: string; data: string; meta: string; deleted: boolean; version: number }>;
  erased: Array<{ type: string; id: string }>;
  members: Member[];
  settings: string;
}

/**
 * The records changed after `cookie`, oldest change first. A page ends on a version boundary, so
 * the changes of one push are never split between pages (a page may exceed `limit` by the rest of
 * that push). Versions, not timestamps, order changes: a slow push commits a later version even
 * when its clocks are older, so nothing is skipped.
 */
export async function pull(database: Database, actor: Actor, request: PullRequest): Promise<PullResponse> {
  const page = await readPage(database, actor, request);
  return {
    ...envelope(page, request.clientId),
    patch: [
      ...page.rows.map((row): PatchOp => ({
        op: "put",
        record: { type: row.type, id: row.id, data: JSON.parse(row.data), meta: JSON.parse(row.meta), deleted: row.deleted, version: row.version } as SyncedRecord,
      })),
      ...page.erased.map((row) => ({ op: "del", type: row.type, id: row.id }) as PatchOp),
    ],
  };
}

/**
 * The same answer as `pull`, already encoded as JSON. The stored `data` and `meta` columns are
 * JSON written by this server, so they are spliced in as they are: a 100,000-record first load
 * then costs no parse and re-encode of every record.
 */
export async function pullJson(database: Database, actor: Actor, request: PullRequest): Promise<string> {
  const page = await readPage(database, actor, request);
  const head = JSON.stringify(envelope(page, request.clientId));
  const ops = [
    ...page.rows.map(
      (row) =>
        `{"op":"put","record":{"type":${JSON.stringify(row.type)},"id":${JSON.stringify(row.id)},"data":${row.data},"meta":${row.meta},"deleted":${row.deleted},"version":${row.version}}}`,
    ),
    ...page.erased.map((row) => JSON.stringify({ op: "del", type: row.type, id: row.id })),
  ];
  return `${head.slice(0, -1)},"patch":[${ops.join(",")}]}`;
}

function envelope(page: RawPage, clientId: string): Omit<PullResponse, "patch"> {
  return {
    protocolVersion: PROTOCOL_VERSION,
    cookie: page.cookie,
    // Only a page that reaches the snapshot's end carries the acknowledgement: the client's last
    // processed mutation then has its effects in what the client holds after this page. On earlier
    // pages the effects may lie beyond the page, and dropping the outbox entry would hide them.
    lastMutationIDChanges: page.lastMutationId === null ? {} : { [clientId]: page.lastMutationId },
    hasMore: page.hasMore,
    members: page.members,
    settings: WorkspaceSettingsSchema.parse(JSON.parse(page.settings)),
    serverTime: new Date().toISOString(),
  };
}

async function readPage(database: Database, actor: Actor, request: PullRequest): Promise<RawPage> {
  if (request.protocolVersion !== PROTOCOL_VERSION) {
    throw new ApiError(409, ERROR_CODES.protocolMismatch, `This server speaks sync protocol ${PROTOCOL_VERSION}; update the extension.`);
  }
  // One read snapshot: the workspace version, the rows up to it and the client's last processed
  // mutation id all describe the same moment, even while pushes commit (WAL readers never block
  // the writer, and the writer never blocks them).
  const tx = await database.client.transaction("read");
  try {
    return await readPageIn(tx, actor, request);
  } finally {
    tx.close();
  }
}

async function readPageIn(tx: Transaction, actor: Actor, request: PullRequest): Promise<RawPage> {
  const ws = actor.workspaceId;
  const workspace = (await tx.execute({ sql: "SELECT version, settings FROM workspaces WHERE id = ?", args: [ws] })).rows[0];
  if (!workspace) throw new ApiError(401, ERROR_CODES.unauthorized, "Workspace no longer exists");
  const latest = Number(workspace.version);
  // The page's last version: the `limit`-th change after the cookie (records_version index), or
  // the latest; every row at that version comes along, so no push is split.
  const boundary = await tx.execute({
    sql: "SELECT version FROM records WHERE workspace_id = ? AND version > ? AND version <= ? ORDER BY version LIMIT 1 OFFSET ?",
    args: [ws, request.cookie, latest, request.limit - 1],
  });
  const upTo = boundary.rows[0] ? Number(boundary.rows[0].version) : latest;
  const rows = await tx.execute({
    sql: "SELECT type, id, data, meta, deleted, version FROM records WHERE workspace_id = ? AND version > ? AND version <= ? ORDER BY version, type, id",
    args: [ws, request.cookie, upTo],
  });
  const erased = await tx.execute({
    sql: "SELECT type, id FROM erasures WHERE workspace_id = ? AND version > ? AND version <= ? ORDER BY version, type, id",
    args: [ws, request.cookie, upTo],
  });
  const client = await tx.execute({
    sql: "SELECT last_mutation_id FROM sync_clients WHERE workspace_id = ? AND client_id = ?",
    args: [ws, request.clientId],
  });
  const team = await tx.execute({
    sql: "SELECT id, name, email, role FROM members WHERE workspace_id = ? AND removed_at IS NULL ORDER BY created_at, id",
    args: [ws],
  });
  const hasMore = upTo < latest;
  return {
    cookie: upTo,
    hasMore,
    lastMutationId: hasMore ? null : Number(client.rows[0]?.last_mutation_id ?? 0),
    rows: rows.rows.map((r) => ({
      type: String(r.type),
      id: String(r.id),
      data: String(r.data),
      meta: String(r.meta),
      deleted: Number(r.deleted) === 1,
      version: Number(r.version),
    })),
    erased: erased.rows.map((r) => ({ type: String(r.type), id: String(r.id) })),
    members: team.rows.map((r) => ({ id: String(r.id), name: String(r.name), email: String(r.email), role: String(r.role) }) as Member),
    settings: String(workspace.settings),
  };
}
