import { createRoute, z } from "@hono/zod-openapi";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { IdSchema, IsoDateTimeSchema, newId } from "@leadpane/domain";
import type { Deps } from "../app-env.ts";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import { hashSecret, newApiKey } from "../auth/secrets.ts";
import { apiKeys, members } from "../db/schema.ts";
import { ApiError, ERROR_CODES, notFound } from "../errors.ts";
import { assertCanManage } from "../middleware/auth.ts";
import { withWriteTransaction } from "../sync/transaction.ts";
import { createRouter, ERROR_RESPONSES, jsonBody, jsonResponse } from "./openapi.ts";

/** Most live API keys one workspace may hold. */
const MAX_API_KEYS = 100;

/** What a key may do: `read` records, or `write` them too. */
const ApiKeyScopeSchema = z.enum(["read", "write"]);
/** Body of `POST /v1/api-keys`. */
const CreateApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, "Give the key a name").max(100),
  scope: ApiKeyScopeSchema,
});
/** An API key as listed: never the key itself. */
const ApiKeySchema = z.object({
  id: IdSchema,
  name: z.string(),
  scope: ApiKeyScopeSchema,
  createdBy: z.object({ id: IdSchema, name: z.string() }),
  createdAt: IsoDateTimeSchema,
  lastUsedAt: IsoDateTimeSchema.nullable(),
});

const listApiKeysRoute = createRoute({
  method: "get",
  path: "/api-keys",
  summary: "The workspace's live API keys with their last use (owners, admins)",
  responses: {
    200: jsonResponse("Live keys, newest first, never the key itself", z.object({ items: z.array(ApiKeySchema) })),
    ...ERROR_RESPONSES,
  },
});

const createApiKeyRoute = createRoute({
  method: "post",
  path: "/api-keys",
  summary: "A named API key for an integration, scoped read or write, shown once (owners, admins; audited)",
  request: { body: jsonBody(CreateApiKeySchema) },
  responses: {
    201: jsonResponse(
      "The new key: `key` is shown only in this answer",
      ApiKeySchema.extend({ key: z.string().describe("Send as `Authorization: Bearer <key>`") }),
    ),
    ...ERROR_RESPONSES,
  },
});

const revokeApiKeyRoute = createRoute({
  method: "delete",
  path: "/api-keys/{id}",
  summary: "Revoke an API key: it is refused from the next request on (owners, admins; audited)",
  request: { params: z.object({ id: IdSchema }) },
  responses: { 204: { description: "Revoked" }, ...ERROR_RESPONSES },
});

/**
 * API keys for programs: owners and admins list, create and revoke the workspace's keys. A key acts
 * for whoever made it, as a viewer (`read`) or a member (`write`); see the auth middleware for the
 * routes no key may call. Only the key's hash is stored.
 */
export function apiKeyRoutes(deps: Deps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(listApiKeysRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "manage API keys");
      const rows = await db
        .select({
          id: apiKeys.id,
          name: apiKeys.name,
          scope: apiKeys.scope,
          memberId: members.id,
          memberName: members.name,
          createdAt: apiKeys.createdAt,
          lastUsedAt: apiKeys.lastUsedAt,
        })
        .from(apiKeys)
        .innerJoin(members, eq(members.id, apiKeys.memberId))
        .where(and(eq(apiKeys.workspaceId, actor.workspaceId), isNull(apiKeys.revokedAt)))
        .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
        .limit(MAX_API_KEYS);
      const items = rows.map(({ memberId, memberName, ...row }) => ({
        ...row,
        createdBy: { id: memberId, name: memberName },
      }));
      return c.json({ items }, 200);
    })
    .openapi(createApiKeyRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "manage API keys");
      const { name, scope } = c.req.valid("json");
      const key = newApiKey();
      const id = newId();
      const now = new Date().toISOString();
      await withWriteTransaction(deps.database, async (tx) => {
        const [live] = await tx
          .select({ n: count() })
          .from(apiKeys)
          .where(and(eq(apiKeys.workspaceId, actor.workspaceId), isNull(apiKeys.revokedAt)));
        if ((live?.n ?? 0) >= MAX_API_KEYS)
          throw new ApiError(409, ERROR_CODES.conflict, `At most ${MAX_API_KEYS} API keys; revoke an unused one first`);
        await tx.insert(apiKeys).values({
          id,
          workspaceId: actor.workspaceId,
          memberId: actor.memberId,
          name,
          scope,
          keyHash: hashSecret(key),
          createdAt: now,
        });
        await writeAudit(
          tx,
          {
            workspaceId: actor.workspaceId,
            memberId: actor.memberId,
            action: AUDIT_ACTIONS.apiKeyCreated,
            targetType: "api_key",
            targetId: id,
            detail: { scope },
          },
          now,
        );
      });
      const [creator] = await db.select({ name: members.name }).from(members).where(eq(members.id, actor.memberId));
      return c.json(
        {
          id,
          name,
          scope,
          createdBy: { id: actor.memberId, name: creator?.name ?? "" },
          createdAt: now,
          lastUsedAt: null,
          key,
        },
        201,
      );
    })
    .openapi(revokeApiKeyRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "manage API keys");
      const { id } = c.req.valid("param");
      const now = new Date().toISOString();
      await withWriteTransaction(deps.database, async (tx) => {
        const [target] = await tx
          .select({ id: apiKeys.id })
          .from(apiKeys)
          .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, actor.workspaceId), isNull(apiKeys.revokedAt)));
        if (!target) throw notFound("API key");
        await tx.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id));
        await writeAudit(
          tx,
          {
            workspaceId: actor.workspaceId,
            memberId: actor.memberId,
            action: AUDIT_ACTIONS.apiKeyRevoked,
            targetType: "api_key",
            targetId: id,
          },
          now,
        );
      });
      return c.body(null, 204);
    });
}
