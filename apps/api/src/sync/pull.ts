import { and, asc, eq, gt, isNull, lte } from "drizzle-orm";
import { WorkspaceSettingsSchema, type Member } from "@leadpane/domain";
import { PROTOCOL_VERSION, type PatchOp, type PullResponse } from "@leadpane/domain/sync";
import type { Database } from "../db/client.ts";
import { rowToSynced } from "../db/mappers.ts";
import { erasures, members, records, syncClients, workspaces } from "../db/schema.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";
import type { Actor } from "./push.ts";

/** What a pull asks for. */
export interface PullRequest {
  protocolVersion: number;
  clientId: string;
  cookie: number;
  limit: number;
}

/**
 * The records changed after `cookie`, oldest change first. A page ends on a version boundary, so
 * the changes of one push are never split between pages (a page may exceed `limit` by the rest of
 * that push). Versions, not timestamps, order changes: a slow push commits a later version even
 * when its clocks are older, so nothing is skipped.
 */
export async function pull(database: Database, actor: Actor, request: PullRequest): Promise<PullResponse> {
  if (request.protocolVersion !== PROTOCOL_VERSION) {
    throw new ApiError(409, ERROR_CODES.protocolMismatch, `This server speaks sync protocol ${PROTOCOL_VERSION}; update the extension.`);
  }
  const { db } = database;
  // No transaction: the workspace version is read first and bounds every query, so a push that
  // commits meanwhile (at a higher version) is left whole for the next page; a row it moved past
  // the bound comes back there too.
  const tx = db;
  {
    const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, actor.workspaceId));
    if (!workspace) throw new ApiError(401, ERROR_CODES.unauthorized, "Workspace no longer exists");
    const inWorkspace = eq(records.workspaceId, actor.workspaceId);
    const boundary = await tx
      .select({ version: records.version })
      .from(records)
      .where(and(inWorkspace, gt(records.version, request.cookie), lte(records.version, workspace.version)))
      .orderBy(asc(records.version))
      .limit(1)
      .offset(request.limit - 1);
    const upTo = boundary[0]?.version ?? workspace.version;
    const rows = await tx
      .select()
      .from(records)
      .where(and(inWorkspace, gt(records.version, request.cookie), lte(records.version, upTo)))
      .orderBy(asc(records.version), asc(records.type), asc(records.id));
    const erased = await tx
      .select()
      .from(erasures)
      .where(and(eq(erasures.workspaceId, actor.workspaceId), gt(erasures.version, request.cookie), lte(erasures.version, upTo)));
    const patch: PatchOp[] = [
      ...rows.map((row) => ({ op: "put" as const, record: rowToSynced(row) })),
      ...erased.map((row) => ({ op: "del" as const, type: row.type as PatchOp extends { type: infer T } ? T : never, id: row.id })),
    ];
    const [client] = await tx
      .select({ last: syncClients.lastMutationId })
      .from(syncClients)
      .where(and(eq(syncClients.workspaceId, actor.workspaceId), eq(syncClients.clientId, request.clientId)));
    const team = await tx
      .select({ id: members.id, name: members.name, email: members.email, role: members.role })
      .from(members)
      .where(and(eq(members.workspaceId, actor.workspaceId), isNull(members.removedAt)));
    return {
      protocolVersion: PROTOCOL_VERSION,
      cookie: upTo,
      lastMutationIDChanges: { [request.clientId]: client?.last ?? 0 },
      patch,
      hasMore: upTo < workspace.version,
      members: team as Member[],
      settings: WorkspaceSettingsSchema.parse(JSON.parse(workspace.settings)),
      serverTime: new Date().toISOString(),
    };
  }
}
