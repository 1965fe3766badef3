import { and, eq, isNull } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import type { AppEnv, Deps } from "../app-env.ts";
import { hashSecret } from "../auth/secrets.ts";
import { members, tokens } from "../db/schema.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";

// Writing last-used on every request would turn every read into a write; once a minute is enough.
const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves `Authorization: Bearer <token>` to the member and workspace every query is scoped to. */
export function requireAuth(deps: Deps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S{10,200})$/i.exec(header);
    if (!match) throw new ApiError(401, ERROR_CODES.unauthorized, "Missing or malformed Authorization: Bearer token");
    const [row] = await deps.database.db
      .select({ tokenId: tokens.id, lastUsedAt: tokens.lastUsedAt, memberId: members.id, workspaceId: members.workspaceId, role: members.role })
      .from(tokens)
      .innerJoin(members, eq(members.id, tokens.memberId))
      .where(and(eq(tokens.tokenHash, hashSecret(match[1]!)), isNull(tokens.revokedAt), isNull(members.removedAt)));
    if (!row) throw new ApiError(401, ERROR_CODES.unauthorized, "Invalid or revoked token");
    const now = deps.now?.() ?? Date.now();
    if (!row.lastUsedAt || now - Date.parse(row.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
      await deps.database.db.update(tokens).set({ lastUsedAt: new Date(now).toISOString() }).where(eq(tokens.id, row.tokenId));
    }
    c.set("actor", { workspaceId: row.workspaceId, memberId: row.memberId, role: row.role });
    c.set("tokenId", row.tokenId);
    await next();
  });
}
