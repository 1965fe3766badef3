import type { Transaction } from "@libsql/client";
import { WorkspaceSettingsSchema, type Member } from "@leadpane/domain";
import {
  OLDEST_CLIENT_PROTOCOL,
  PROTOCOL_VERSION,
  servesProtocol,
  type PatchOp,
  type PullResponse,
} from "@leadpane/domain/sync";
import type { Database } from "../db/client.ts";
import { RECORD_COLUMNS, rowToSynced, storedRecordFromSql, type StoredRecord } from "../db/mappers.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";
import { ackAt } from "./acks.ts";
import type { Actor } from "../auth/actor.ts";

/**
 * Most stored record text in one pull page (besides the count limit): 30 large records must not
 * make one answer hundreds of megabytes that the server holds in memory for every puller.
 */
const MAX_PULL_PAGE_BYTES = 4 * 1024 * 1024;

/** The response header that tells a pull from cookie 0 how many changes follow its page. */
export const PULL_REMAINING_HEADER = "Leadpane-Pull-Remaining";

/** What a pull asks for. */
export interface PullRequest {
  protocolVersion: number;
  clientId: string;
  cookie: number;
  limit: number;
}

/**
 * One patch operation as stored: a record's state (JSON columns still as text, so they need not be
 * re-encoded), or its erasure.
 */
type RawOp = { op: "put"; row: StoredRecord } | { op: "del"; type: string; id: string; version: number };

/** A page as stored, its operations oldest change first. */
interface RawPage {
  cookie: number;
  hasMore: boolean;
  lastMutationId: number | null;
  ops: RawOp[];
  members: Member[];
  settings: string;
  /** Changes after this page, counted for a pull from cookie 0 only (a first load's progress); else null. */
  remaining: number | null;
}

/** A page's bounds and envelope, read in its snapshot before its operations. */
type PageHead = Omit<RawPage, "ops">;

/**
 * The records changed after `cookie`, oldest change first. A page ends on a version boundary, so
 * the changes of one push are never split between pages (a page may exceed `limit` by the rest of
 * that push). Versions, not timestamps, order changes: a slow push commits a later version even
 * when its clocks are older, so nothing is skipped.
 */
export async function pull(database: Database, actor: Actor, request: PullRequest): Promise<PullResponse> {
  const page = await inSnapshot(database, actor, request, async (tx, head) => ({
    ...head,
    ops: await readOps(tx, actor.workspaceId, request.cookie, head.cookie),
  }));
  return {
    ...envelope(page, request.clientId),
    patch: page.ops.map((op): PatchOp => {
      if (op.op === "del") return { op: "del", type: op.type, id: op.id } as PatchOp;
      return { op: "put", record: rowToSynced(op.row) };
    }),
  };
}

/**
 * The same answer as `pull`, already encoded as JSON. The stored `data` and `meta` columns are
 * JSON written by this server, so they are spliced in as they are: a 100,000-record first load
 * then costs no parse and re-encode of every record.
 */
export async function pullJson(database: Database, actor: Actor, request: PullRequest): Promise<string> {
  return new TextDecoder().decode((await pullJsonCounted(database, actor, request)).json);
}

/**
 * `pullJson` as UTF-8 bytes, with, for a pull from cookie 0, how many changes follow the page (sent
 * as the `Leadpane-Pull-Remaining` header, so a first load can say "42,000 of 100,000").
 */
export async function pullJsonCounted(
  database: Database,
  actor: Actor,
  request: PullRequest,
): Promise<{ json: Uint8Array<ArrayBuffer>; remaining: number | null }> {
  const { head, patch } = await inSnapshot(database, actor, request, async (tx, head) => ({
    head,
    patch: await readPatchJson(tx, actor.workspaceId, request.cookie, head.cookie),
  }));
  const envelopeJson = JSON.stringify(envelope(head, request.clientId));
  const utf8 = new TextEncoder();
  const json = concatBytes([utf8.encode(`${envelopeJson.slice(0, -1)},"patch":[`), patch, utf8.encode("]}")]);
  return { json, remaining: head.remaining };
}

/**
 * One record's `put` operation as JSON, built by SQLite from the stored text (the `r` row of
 * `records`): the same text `pull` gives once encoded, for a fraction of the work of reading each
 * row into an object first.
 */
const PUT_OP_SQL =
  `'{"op":"put","record":{"type":' || json_quote(r.type) || ',"id":' || json_quote(r.id) || ` +
  `',"data":' || r.data || ',"meta":' || r.meta || ',"deleted":' || iif(r.deleted, 'true', 'false') || ` +
  `',"version":' || r.version || '}}'`;

/**
 * The page's operations as the UTF-8 bytes of a JSON array's items. Without erasures in the page
 * (the usual case), SQLite writes them in one row: the page's keys are ordered on the version
 * index, then each row's text is joined to them in that order (sorting the keys alone, not the
 * records' text). With erasures, the rows are merged with them in version order here.
 */
async function readPatchJson(tx: Transaction, ws: string, cookie: number, upTo: number): Promise<Uint8Array> {
  const erased = await readErasures(tx, ws, cookie, upTo);
  const utf8 = new TextEncoder();
  if (erased.length) {
    const ops = inVersionOrder(await readRows(tx, ws, cookie, upTo), erased).map(opJson);
    return utf8.encode(ops.join(","));
  }
  const page = await tx.execute({
    sql:
      `SELECT CAST(group_concat(${PUT_OP_SQL}, ',') AS BLOB) AS patch FROM ` +
      "(SELECT rowid AS rid FROM records WHERE workspace_id = ? AND version > ? AND version <= ? " +
      "ORDER BY version, type, id) AS k CROSS JOIN records AS r ON r.rowid = k.rid",
    args: [ws, cookie, upTo],
  });
  const patch = page.rows[0]?.patch;
  return patch instanceof ArrayBuffer ? new Uint8Array(patch) : new Uint8Array(0);
}

/** One operation as JSON, from its stored form (the JSON columns spliced as they are). */
function opJson(op: RawOp): string {
  if (op.op === "del") return JSON.stringify({ op: "del", type: op.type, id: op.id });
  const { row } = op;
  return (
    `{"op":"put","record":{"type":${JSON.stringify(row.type)},"id":${JSON.stringify(row.id)}` +
    `,"data":${row.data},"meta":${row.meta},"deleted":${row.deleted},"version":${row.version}}}`
  );
}

function concatBytes(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function envelope(page: PageHead, clientId: string): Omit<PullResponse, "patch"> {
  return {
    protocolVersion: PROTOCOL_VERSION,
    cookie: page.cookie,
    // The client's mutations whose effects the client holds after this page (see acks.ts): the
    // last page acknowledges every processed one, an earlier page those of the pushes it reaches.
    lastMutationIDChanges: page.lastMutationId === null ? {} : { [clientId]: page.lastMutationId },
    hasMore: page.hasMore,
    members: page.members,
    settings: WorkspaceSettingsSchema.parse(JSON.parse(page.settings)),
    serverTime: new Date().toISOString(),
  };
}

/**
 * Reads a page's head, then its operations with `read`, in one read snapshot: the workspace
 * version, the rows up to it and the client's last processed mutation id all describe the same
 * moment, even while pushes commit (WAL readers never block the writer, and the writer never
 * blocks them).
 */
async function inSnapshot<Page>(
  database: Database,
  actor: Actor,
  request: PullRequest,
  read: (tx: Transaction, head: PageHead) => Promise<Page>,
): Promise<Page> {
  if (!servesProtocol(request.protocolVersion)) {
    throw new ApiError(
      409,
      ERROR_CODES.protocolMismatch,
      `This server speaks sync protocol ${OLDEST_CLIENT_PROTOCOL} to ${PROTOCOL_VERSION}; update the extension.`,
    );
  }
  const tx = await database.client.transaction("read");
  try {
    return await read(tx, await readHeadIn(tx, actor, request));
  } finally {
    tx.close();
  }
}

/** The page's bounds (`cookie` is its last version) and everything it carries but its operations. */
async function readHeadIn(tx: Transaction, actor: Actor, request: PullRequest): Promise<PageHead> {
  const ws = actor.workspaceId;
  const workspace = (await tx.execute({ sql: "SELECT version, settings FROM workspaces WHERE id = ?", args: [ws] }))
    .rows[0];
  if (!workspace) throw new ApiError(401, ERROR_CODES.unauthorized, "Workspace no longer exists");
  const latest = Number(workspace.version);
  // The page's last version: the `limit`-th change after the cookie (records_version index), or
  // the latest; every row at that version comes along, so no push is split.
  const boundary = await tx.execute({
    sql:
      "SELECT version FROM records WHERE workspace_id = ? AND " +
      "version > ? AND version <= ? ORDER BY version LIMIT 1 OFFSET ?",
    args: [ws, request.cookie, latest, request.limit - 1],
  });
  const upTo = await withinBytes(tx, ws, request.cookie, boundary.rows[0] ? Number(boundary.rows[0].version) : latest);
  const client = await tx.execute({
    sql: "SELECT last_mutation_id, acks FROM sync_clients WHERE workspace_id = ? AND client_id = ?",
    args: [ws, request.clientId],
  });
  const team = await tx.execute({
    sql:
      "SELECT id, name, email, role FROM members WHERE workspace_id " +
      "= ? AND removed_at IS NULL ORDER BY created_at, id",
    args: [ws],
  });
  const hasMore = upTo < latest;
  // Counted in the same snapshot, over the version index: the rows and erasures the later pages bring.
  const remaining =
    request.cookie === 0
      ? Number(
          (
            await tx.execute({
              sql:
                "SELECT (SELECT count(*) FROM records WHERE workspace_id = ? AND version > ? AND version <= ?) + " +
                "(SELECT count(*) FROM erasures WHERE workspace_id = ? AND version > ? AND version <= ?) AS n",
              args: [ws, upTo, latest, ws, upTo, latest],
            })
          ).rows[0]?.n ?? 0,
        )
      : null;
  return {
    remaining,
    cookie: upTo,
    hasMore,
    lastMutationId: hasMore
      ? ackAt(String(client.rows[0]?.acks ?? "[]"), upTo)
      : Number(client.rows[0]?.last_mutation_id ?? 0),
    members: team.rows.map(
      (r) => ({ id: String(r.id), name: String(r.name), email: String(r.email), role: String(r.role) }) as Member,
    ),
    settings: String(workspace.settings),
  };
}

/** The page's records and erasures after `cookie` up to `upTo`, in version order. */
async function readOps(tx: Transaction, ws: string, cookie: number, upTo: number): Promise<RawOp[]> {
  return inVersionOrder(await readRows(tx, ws, cookie, upTo), await readErasures(tx, ws, cookie, upTo));
}

async function readRows(tx: Transaction, ws: string, cookie: number, upTo: number): Promise<StoredRecord[]> {
  const rows = await tx.execute({
    sql:
      `SELECT ${RECORD_COLUMNS} FROM records WHERE workspace_id = ` +
      `? AND version > ? AND version <= ? ORDER BY version, type, id`,
    args: [ws, cookie, upTo],
  });
  return rows.rows.map(storedRecordFromSql);
}

type Erasure = { type: string; id: string; version: number };

async function readErasures(tx: Transaction, ws: string, cookie: number, upTo: number): Promise<Erasure[]> {
  const erased = await tx.execute({
    sql:
      "SELECT type, id, version FROM erasures WHERE workspace_id = " +
      "? AND version > ? AND version <= ? ORDER BY version, type, id",
    args: [ws, cookie, upTo],
  });
  return erased.rows.map((r) => ({ type: String(r.type), id: String(r.id), version: Number(r.version) }));
}

/**
 * The last version a page may reach so its records' stored text stays within MAX_PULL_PAGE_BYTES:
 * whole versions only (a push is never split), and at least the first version after the cookie,
 * whatever its size (a client must always make progress; a record is at most MAX_RECORD_BYTES).
 * Only the lengths are read here, not the records.
 */
async function withinBytes(tx: Transaction, ws: string, cookie: number, upTo: number): Promise<number> {
  const sizes = await tx.execute({
    sql:
      "SELECT version, sum(length(data) + length(meta)) AS bytes FROM records WHERE workspace_id = ? " +
      "AND version > ? AND version <= ? GROUP BY version ORDER BY version",
    args: [ws, cookie, upTo],
  });
  let total = 0;
  let last = cookie;
  for (const row of sizes.rows) {
    total += Number(row.bytes);
    if (total > MAX_PULL_PAGE_BYTES && last > cookie) return last;
    last = Number(row.version);
  }
  return upTo;
}

/**
 * The page's records and erasures as one list, oldest change first, where the newest state of a
 * record wins: an erasure of a record that is stored again (created anew after it was erased) is
 * older than that record's row, so it is left out rather than sent after the `put` and deleting the
 * record on the client. (An erasure deletes the row in the same transaction, so a stored row and an
 * erasure of the same record can only both exist if the record came back later.) Erasures from
 * earlier pages were sent before this page's puts, so the order holds across pages too.
 */
function inVersionOrder(rows: StoredRecord[], erased: Erasure[]): RawOp[] {
  if (erased.length === 0) return rows.map((row) => ({ op: "put", row }));
  const stored = new Map(rows.map((row) => [`${row.type}:${row.id}`, row.version]));
  const dels = erased.filter((e) => !((stored.get(`${e.type}:${e.id}`) ?? -1) > e.version));
  const ops: RawOp[] = [];
  let d = 0;
  for (const row of rows) {
    while (d < dels.length && dels[d]!.version <= row.version) ops.push({ op: "del", ...dels[d++]! });
    ops.push({ op: "put", row });
  }
  while (d < dels.length) ops.push({ op: "del", ...dels[d++]! });
  return ops;
}
