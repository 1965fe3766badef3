import { and, eq, isNull } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { canManageMembers, canWrite } from "@leadpane/domain";
import type { AppEnv, Deps } from "../app-env.ts";
import { hashSecret } from "../auth/secrets.ts";
import { members, tokens } from "../db/schema.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";
import type { Actor } from "../auth/actor.ts";
import { withWriteTransaction } from "../sync/transaction.ts";
import { abuseGuards, assertAuthBudget, rateLimited, recordAuthFailure } from "./rate-limit.ts";

// Writing last-used on every request would turn every read into a write; once a minute is enough.
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves `Authorization: Bearer <token>` to the member and workspace every query is scoped to.
 * The token and its member are read on every request (no cache), so a revoked token or a removed
 * member is refused from the next request on. Wrong tokens count against the client IP's
 * failed-sign-in budget, and once it is spent they get 429 instead of 401; a valid token always
 * passes it. Each token has its own request budget.
 */
export function requireAuth(deps: Deps) {
  const guards = abuseGuards(deps);
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S{10,200})$/i.exec(header);
    if (!match) throw new ApiError(401, ERROR_CODES.unauthorized, "Missing or malformed Authorization: Bearer token");
    const [row] = await deps.database.db
      .select({
        tokenId: tokens.id,
        lastUsedAt: tokens.lastUsedAt,
        memberId: members.id,
        workspaceId: members.workspaceId,
        role: members.role,
      })
      .from(tokens)
      .innerJoin(members, eq(members.id, tokens.memberId))
      .where(and(eq(tokens.tokenHash, hashSecret(match[1]!)), isNull(tokens.revokedAt), isNull(members.removedAt)));
    if (!row) {
      // Only failures are throttled: a valid token is never refused for what others behind the same
      // address got wrong (tokens are 256-bit random, so guessing one is hopeless either way).
      assertAuthBudget(deps, c);
      recordAuthFailure(deps, c);
      throw new ApiError(401, ERROR_CODES.unauthorized, "Invalid or revoked token");
    }
    const taken = guards.perToken.take(row.tokenId);
    if (!taken.ok) throw rateLimited(taken);
    const now = deps.now?.() ?? Date.now();
    if (!row.lastUsedAt || now - Date.parse(row.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
      // Through the process's write queue: a bare write while another connection holds the write
      // lock would wait for it synchronously, stalling the event loop that transaction needs.
      await withWriteTransaction(deps.database, (tx) =>
        tx
          .update(tokens)
          .set({ lastUsedAt: new Date(now).toISOString() })
          .where(eq(tokens.id, row.tokenId)),
      );
    }
    c.set("actor", { workspaceId: row.workspaceId, memberId: row.memberId, role: row.role });
    c.set("tokenId", row.tokenId);
    await next();
  });
}

/** Throws 403 unless the actor may invite and manage members (owners and admins). */
export function assertCanManage(actor: Actor, what = "do this"): void {
  if (!canManageMembers(actor.role))
    throw new ApiError(403, ERROR_CODES.forbidden, `Only owners and admins can ${what}`);
}

/** Throws 403 unless the actor owns the workspace. */
export function assertOwner(actor: Actor, what = "do this"): void {
  if (actor.role !== "owner") throw new ApiError(403, ERROR_CODES.forbidden, `Only the workspace owner can ${what}`);
}

/** Throws 403 for viewers, who may only read. */
export function assertCanWrite(actor: Actor): void {
  if (!canWrite(actor.role)) throw new ApiError(403, ERROR_CODES.forbidden, "Viewers cannot make changes");
}
