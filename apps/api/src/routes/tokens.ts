import { createRoute, z } from "@hono/zod-openapi";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { canManageMembers, DeviceLabelSchema, deviceName, IdSchema, IsoDateTimeSchema, newId } from "@leadpane/domain";
import type { Deps } from "../app-env.ts";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import { hashSecret, newToken } from "../auth/secrets.ts";
import { members, tokens } from "../db/schema.ts";
import { ApiError, ERROR_CODES, notFound } from "../errors.ts";
import { withWriteTransaction } from "../sync/transaction.ts";
import { createRouter, ERROR_RESPONSES, jsonBody, jsonResponse } from "./openapi.ts";
import { pokeHubFor } from "../sync/poke.ts";

/** Most live device tokens one member may hold. */
const MAX_TOKENS_PER_MEMBER = 50;

const IdParamSchema = z.object({ id: IdSchema });
const ListQuerySchema = z.object({ memberId: IdSchema.optional() });
/** Body of `POST /v1/tokens`: a label for the new device (named from the User-Agent when missing). */
const CreateTokenSchema = z.strictObject({ label: DeviceLabelSchema.optional() });

const listTokensRoute = createRoute({
  method: "get",
  path: "/tokens",
  summary: "Device tokens with their last use: your own, or everyone's (or one member's) for owners and admins",
  request: { query: ListQuerySchema },
  responses: {
    200: jsonResponse(
      "Live tokens, newest first, never the secret itself",
      z.object({
        items: z.array(
          z.object({
            id: IdSchema,
            memberId: IdSchema,
            memberName: z.string(),
            label: z.string(),
            createdAt: IsoDateTimeSchema,
            lastUsedAt: IsoDateTimeSchema.nullable(),
            current: z.boolean().describe("Whether this is the token the request came with"),
          }),
        ),
      }),
    ),
    ...ERROR_RESPONSES,
  },
});

const createTokenRoute = createRoute({
  method: "post",
  path: "/tokens",
  summary: "A token for another device of yours, shown once",
  request: { body: jsonBody(CreateTokenSchema) },
  responses: {
    201: jsonResponse(
      "The new token",
      z.object({ id: IdSchema, label: z.string(), createdAt: IsoDateTimeSchema, token: z.string() }),
    ),
    ...ERROR_RESPONSES,
  },
});

const revokeTokenRoute = createRoute({
  method: "delete",
  path: "/tokens/{id}",
  summary: "Revoke a token (yours; anyone's for owners and admins, but admins not the owner's)",
  request: { params: IdParamSchema },
  responses: { 204: { description: "Revoked" }, ...ERROR_RESPONSES },
});

/**
 * Device tokens: everyone lists, creates (for a new device) and revokes their own; owners and
 * admins list and revoke everyone's (admins not the owner's). Tokens are shown once, at creation;
 * only their hash is stored, and listings never include it.
 */
export function tokenRoutes(deps: Deps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(listTokensRoute, async (c) => {
      const actor = c.get("actor");
      const { memberId } = c.req.valid("query");
      const everyone = canManageMembers(actor.role);
      const conditions = [
        eq(tokens.workspaceId, actor.workspaceId),
        isNull(tokens.revokedAt),
        isNull(members.removedAt),
      ];
      if (!everyone) conditions.push(eq(tokens.memberId, actor.memberId));
      else if (memberId) conditions.push(eq(tokens.memberId, memberId));
      const rows = await db
        .select({
          id: tokens.id,
          memberId: tokens.memberId,
          memberName: members.name,
          label: tokens.label,
          createdAt: tokens.createdAt,
          lastUsedAt: tokens.lastUsedAt,
        })
        .from(tokens)
        .innerJoin(members, eq(members.id, tokens.memberId))
        .where(and(...conditions))
        .orderBy(desc(tokens.createdAt))
        .limit(1000);
      const current = c.get("tokenId");
      return c.json({ items: rows.map((row) => ({ ...row, current: row.id === current })) }, 200);
    })
    .openapi(createTokenRoute, async (c) => {
      const actor = c.get("actor");
      const label = c.req.valid("json").label ?? deviceName({ userAgent: c.req.header("user-agent") });
      const token = newToken();
      const id = newId();
      const now = new Date().toISOString();
      await withWriteTransaction(deps.database, async (tx) => {
        const [live] = await tx
          .select({ n: count() })
          .from(tokens)
          .where(and(eq(tokens.memberId, actor.memberId), isNull(tokens.revokedAt)));
        if ((live?.n ?? 0) >= MAX_TOKENS_PER_MEMBER) {
          throw new ApiError(
            409,
            ERROR_CODES.conflict,
            `At most ${MAX_TOKENS_PER_MEMBER} devices per member; revoke an old one first`,
          );
        }
        await tx.insert(tokens).values({
          id,
          workspaceId: actor.workspaceId,
          memberId: actor.memberId,
          tokenHash: hashSecret(token),
          label,
          createdAt: now,
        });
        await writeAudit(
          tx,
          {
            workspaceId: actor.workspaceId,
            memberId: actor.memberId,
            action: AUDIT_ACTIONS.tokenCreated,
            targetType: "token",
            targetId: id,
          },
          now,
        );
      });
      return c.json({ id, label, createdAt: now, token }, 201);
    })
    .openapi(revokeTokenRoute, async (c) => {
      const actor = c.get("actor");
      const { id } = c.req.valid("param");
      const now = new Date().toISOString();
      await withWriteTransaction(deps.database, async (tx) => {
        const [target] = await tx
          .select({ id: tokens.id, memberId: tokens.memberId, ownerRole: members.role })
          .from(tokens)
          .innerJoin(members, eq(members.id, tokens.memberId))
          .where(and(eq(tokens.id, id), eq(tokens.workspaceId, actor.workspaceId), isNull(tokens.revokedAt)));
        if (!target) throw notFound("Token");
        if (target.memberId !== actor.memberId) {
          // Members and viewers learn nothing about others' tokens: theirs is the same 404.
          if (!canManageMembers(actor.role)) throw notFound("Token");
          if (target.ownerRole === "owner" && actor.role !== "owner")
            throw new ApiError(403, ERROR_CODES.forbidden, "Admins cannot revoke the owner's devices");
        }
        await tx.update(tokens).set({ revokedAt: now }).where(eq(tokens.id, id));
        await writeAudit(
          tx,
          {
            workspaceId: actor.workspaceId,
            memberId: actor.memberId,
            action: AUDIT_ACTIONS.tokenRevoked,
            targetType: "token",
            targetId: id,
            detail: { of: target.memberId },
          },
          now,
        );
      });
      // Their open poke streams end now, not at the next poll.
      pokeHubFor(deps).notify(actor.workspaceId);
      return c.body(null, 204);
    });
}
