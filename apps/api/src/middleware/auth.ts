import { and, eq, isNull, sql } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { canManageMembers, canWrite, type Role } from "@leadpane/domain";
import type { ApiKeyScope, AppEnv, Deps } from "../app-env.ts";
import { API_KEY_PREFIX, hashSecret } from "../auth/secrets.ts";
import { apiKeys, members, tokens } from "../db/schema.ts";
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
    const secret = match[1]!;
    const row = secret.startsWith(API_KEY_PREFIX) ? await findApiKey(deps, secret) : await findToken(deps, secret);
    if (!row) {
      // Only failures are throttled: a valid token is never refused for what others behind the same
      // address got wrong (tokens are 256-bit random, so guessing one is hopeless either way).
      assertAuthBudget(deps, c);
      recordAuthFailure(deps, c);
      throw new ApiError(401, ERROR_CODES.unauthorized, "Invalid or revoked token");
    }
    const taken = guards.perToken.take(row.id);
    if (!taken.ok) throw rateLimited(taken);
    const now = deps.now?.() ?? Date.now();
    if (!row.lastUsedAt || now - Date.parse(row.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
      const lastUsedAt = new Date(now).toISOString();
      // Through the process's write queue: a bare write while another connection holds the write
      // lock would wait for it synchronously, stalling the event loop that transaction needs.
      await withWriteTransaction(deps.database, (tx) =>
        row.apiKey
          ? tx.update(apiKeys).set({ lastUsedAt }).where(eq(apiKeys.id, row.id))
          : tx.update(tokens).set({ lastUsedAt }).where(eq(tokens.id, row.id)),
      );
    }
    if (row.apiKey) assertApiKeyMayCall(row.apiKey.scope, c.req.method, c.req.path);
    c.set("actor", { workspaceId: row.workspaceId, memberId: row.memberId, role: row.role });
    c.set("tokenId", row.id);
    c.set("apiKey", row.apiKey);
    await next();
  });
}

/** What a credential resolves to. */
interface Credential {
  id: string;
  lastUsedAt: string | null;
  memberId: string;
  workspaceId: string;
  role: Role;
  apiKey: { id: string; scope: ApiKeyScope } | null;
}

/** The token lookup, built once per database (drizzle's query building cost as much as SQLite's lookup). */
const tokenQueries = new WeakMap<Deps["database"], ReturnType<typeof tokenQuery>>();

function tokenQuery(database: Deps["database"]) {
  return database.db
    .select({
      id: tokens.id,
      lastUsedAt: tokens.lastUsedAt,
      memberId: members.id,
      workspaceId: members.workspaceId,
      role: members.role,
    })
    .from(tokens)
    .innerJoin(members, eq(members.id, tokens.memberId))
    .where(and(eq(tokens.tokenHash, sql.placeholder("hash")), isNull(tokens.revokedAt), isNull(members.removedAt)))
    .prepare();
}

async function findToken(deps: Deps, secret: string): Promise<Credential | null> {
  let query = tokenQueries.get(deps.database);
  if (!query) {
    query = tokenQuery(deps.database);
    tokenQueries.set(deps.database, query);
  }
  const [row] = await query.all({ hash: hashSecret(secret) });
  return row ? { ...row, apiKey: null } : null;
}

async function findApiKey(deps: Deps, secret: string): Promise<Credential | null> {
  const [row] = await deps.database.db
    .select({
      id: apiKeys.id,
      lastUsedAt: apiKeys.lastUsedAt,
      scope: apiKeys.scope,
      memberId: members.id,
      workspaceId: members.workspaceId,
      role: members.role,
    })
    .from(apiKeys)
    .innerJoin(members, eq(members.id, apiKeys.memberId))
    .where(and(eq(apiKeys.keyHash, hashSecret(secret)), isNull(apiKeys.revokedAt), isNull(members.removedAt)));
  if (!row) return null;
  // A key reads (viewer) or reads and writes records (member), never more than the member who made it may.
  const role: Role = row.scope === "read" || !canWrite(row.role) ? "viewer" : "member";
  return { ...row, role, apiKey: { id: row.id, scope: row.scope } };
}

/** Routes about credentials and people's data, and the extension's live stream (it watches device tokens): no API key may call them. */
const CREDENTIAL_PATHS = /^\/v1\/(tokens|api-keys|calendar-feed|invites|privacy|sync\/poke)(\/|$)/;
/** Routes that read the team and its settings (allowed) but also change them (refused to keys). */
const ADMIN_PATHS = /^\/v1\/(members|workspace)(\/|$)/;

/**
 * A `read` key may only read (every method but GET and HEAD is refused, sync push included); no key
 * may mint device tokens or keys, manage members or invites, or change settings, so a key cannot
 * become more than it was made for.
 */
function assertApiKeyMayCall(scope: ApiKeyScope, method: string, path: string): void {
  const reading = method === "GET" || method === "HEAD";
  if (CREDENTIAL_PATHS.test(path) || (!reading && ADMIN_PATHS.test(path)))
    throw new ApiError(403, ERROR_CODES.forbidden, "API keys cannot manage tokens, keys, members or settings");
  if (scope === "read" && !reading)
    throw new ApiError(403, ERROR_CODES.forbidden, "This API key is read-only: create a write key to make changes");
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
