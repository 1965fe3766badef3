import { createRoute, z } from "@hono/zod-openapi";
import { and, count, desc, eq, gt, isNull } from "drizzle-orm";
import {
  AcceptInviteSchema,
  CreateInviteSchema,
  deviceName,
  IdSchema,
  IsoDateTimeSchema,
  newId,
  RoleSchema,
} from "@leadpane/domain";
import type { Deps } from "../app-env.ts";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import { hashSecret, newInviteCode, newToken, normalizeInviteCode } from "../auth/secrets.ts";
import { invites, members, tokens, workspaces } from "../db/schema.ts";
import { ApiError, ERROR_CODES, notFound } from "../errors.ts";
import { assertCanManage } from "../middleware/auth.ts";
import { assertAuthBudget, recordAuthFailure } from "../middleware/rate-limit.ts";
import { withWriteTransaction } from "../sync/transaction.ts";
import { createRouter, ERROR_RESPONSES, jsonBody, jsonResponse } from "./openapi.ts";
import { JoinedSchema } from "./workspaces.ts";

/** How long an invite code works. */
const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Most invites a workspace may have waiting at once (a stolen admin token cannot mint codes without end). */
const MAX_PENDING_INVITES = 200;

const IdParamSchema = z.object({ id: IdSchema });

/** A role an invite may grant: anything but owner. */
const InvitedRoleSchema = RoleSchema.exclude(["owner"]);

const acceptRoute = createRoute({
  method: "post",
  path: "/invites/accept",
  summary: "Join a workspace with an invite code (a code works once)",
  security: [],
  request: { body: jsonBody(AcceptInviteSchema) },
  responses: { 201: jsonResponse("The workspace, the new member and their token", JoinedSchema), ...ERROR_RESPONSES },
});

const createInviteRoute = createRoute({
  method: "post",
  path: "/invites",
  summary: "Invite a member (owner, admin); the code is shown once",
  request: { body: jsonBody(CreateInviteSchema) },
  responses: {
    201: jsonResponse(
      "The invite and its code",
      z.object({
        id: IdSchema,
        code: z.string(),
        expiresAt: IsoDateTimeSchema,
        role: InvitedRoleSchema,
        email: z.string().nullable(),
      }),
    ),
    ...ERROR_RESPONSES,
  },
});

const listInvitesRoute = createRoute({
  method: "get",
  path: "/invites",
  summary: "Pending invites, without their codes (owner, admin)",
  responses: {
    200: jsonResponse(
      "The invites that can still be accepted, newest first",
      z.object({
        items: z.array(
          z.object({
            id: IdSchema,
            role: InvitedRoleSchema,
            email: z.string().nullable(),
            createdBy: IdSchema,
            createdAt: IsoDateTimeSchema,
            expiresAt: IsoDateTimeSchema,
          }),
        ),
      }),
    ),
    ...ERROR_RESPONSES,
  },
});

const revokeInviteRoute = createRoute({
  method: "delete",
  path: "/invites/{id}",
  summary: "Revoke a pending invite (owner, admin)",
  request: { params: IdParamSchema },
  responses: { 204: { description: "Revoked" }, ...ERROR_RESPONSES },
});

/** `POST /v1/invites/accept`: joining a workspace with a single-use code; needs no token. */
export function inviteAcceptRoutes(deps: Deps) {
  return createRouter().openapi(acceptRoute, async (c) => {
    assertAuthBudget(deps, c);
    const body = c.req.valid("json");
    const now = new Date().toISOString();
    const codeHash = hashSecret(normalizeInviteCode(body.code));
    const token = newToken();
    try {
      const result = await withWriteTransaction(deps.database, async (tx) => {
        // Claiming the code and creating the member commit together, and BEGIN IMMEDIATE serializes
        // two accepts racing for one code: the second finds it claimed. A code works exactly once.
        const [invite] = await tx
          .update(invites)
          .set({ acceptedAt: now })
          .where(
            and(
              eq(invites.codeHash, codeHash),
              isNull(invites.acceptedAt),
              isNull(invites.revokedAt),
              gt(invites.expiresAt, now),
            ),
          )
          .returning();
        if (!invite)
          throw new ApiError(404, ERROR_CODES.inviteInvalid, "This invite code is unknown, used, revoked or expired");
        if (invite.email && invite.email !== body.email) {
          throw new ApiError(403, ERROR_CODES.inviteInvalid, "This invite was issued for another email address");
        }
        const [existing] = await tx
          .select({ id: members.id })
          .from(members)
          .where(
            and(eq(members.workspaceId, invite.workspaceId), eq(members.email, body.email), isNull(members.removedAt)),
          );
        if (existing)
          throw new ApiError(409, ERROR_CODES.conflict, "Someone with this email is already a member of the workspace");
        const member = { id: newId(), name: body.name, email: body.email, role: invite.role };
        await tx.insert(members).values({ ...member, workspaceId: invite.workspaceId, createdAt: now });
        await tx.update(invites).set({ acceptedBy: member.id }).where(eq(invites.id, invite.id));
        await tx.insert(tokens).values({
          id: newId(),
          workspaceId: invite.workspaceId,
          memberId: member.id,
          tokenHash: hashSecret(token),
          createdAt: now,
          label: body.device ?? deviceName({ userAgent: c.req.header("user-agent") }),
        });
        await writeAudit(
          tx,
          {
            workspaceId: invite.workspaceId,
            memberId: member.id,
            action: AUDIT_ACTIONS.inviteAccepted,
            targetType: "invite",
            targetId: invite.id,
            detail: { role: invite.role },
          },
          now,
        );
        const [workspace] = await tx
          .select({ id: workspaces.id, name: workspaces.name })
          .from(workspaces)
          .where(eq(workspaces.id, invite.workspaceId));
        return { workspace: workspace!, member };
      });
      return c.json({ ...result, token }, 201);
    } catch (error) {
      // A wrong code or address counts like a wrong password: codes must not be guessable by volume.
      if (error instanceof ApiError && error.code === ERROR_CODES.inviteInvalid) recordAuthFailure(deps, c);
      throw error;
    }
  });
}

/** Creating, listing and revoking invites (owners and admins). */
export function inviteRoutes(deps: Deps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(createInviteRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "invite");
      const body = c.req.valid("json");
      const code = newInviteCode();
      const now = Date.now();
      const nowIso = new Date(now).toISOString();
      const expiresAt = new Date(now + INVITE_TTL_MS).toISOString();
      const id = newId();
      await withWriteTransaction(deps.database, async (tx) => {
        const [pending] = await tx.select({ n: count() }).from(invites).where(pendingIn(actor.workspaceId, nowIso));
        if ((pending?.n ?? 0) >= MAX_PENDING_INVITES) {
          throw new ApiError(
            409,
            ERROR_CODES.conflict,
            `At most ${MAX_PENDING_INVITES} invites may wait at once; revoke some first`,
          );
        }
        await tx.insert(invites).values({
          id,
          workspaceId: actor.workspaceId,
          codeHash: hashSecret(normalizeInviteCode(code)),
          role: body.role,
          email: body.email ?? null,
          createdBy: actor.memberId,
          createdAt: nowIso,
          expiresAt,
        });
        await writeAudit(
          tx,
          {
            workspaceId: actor.workspaceId,
            memberId: actor.memberId,
            action: AUDIT_ACTIONS.inviteCreated,
            targetType: "invite",
            targetId: id,
            detail: { role: body.role, emailBound: Boolean(body.email) },
          },
          nowIso,
        );
      });
      return c.json({ id, code, expiresAt, role: body.role, email: body.email ?? null }, 201);
    })
    .openapi(listInvitesRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "see invites");
      const items = await db
        .select({
          id: invites.id,
          role: invites.role,
          email: invites.email,
          createdBy: invites.createdBy,
          createdAt: invites.createdAt,
          expiresAt: invites.expiresAt,
        })
        .from(invites)
        .where(pendingIn(actor.workspaceId, new Date().toISOString()))
        .orderBy(desc(invites.createdAt))
        .limit(MAX_PENDING_INVITES);
      return c.json({ items }, 200);
    })
    .openapi(revokeInviteRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "revoke invites");
      const { id } = c.req.valid("param");
      const now = new Date().toISOString();
      await withWriteTransaction(deps.database, async (tx) => {
        const [revoked] = await tx
          .update(invites)
          .set({ revokedAt: now })
          .where(and(eq(invites.id, id), pendingIn(actor.workspaceId, now)))
          .returning({ id: invites.id });
        if (!revoked) throw notFound("Pending invite");
        await writeAudit(
          tx,
          {
            workspaceId: actor.workspaceId,
            memberId: actor.memberId,
            action: AUDIT_ACTIONS.inviteRevoked,
            targetType: "invite",
            targetId: id,
          },
          now,
        );
      });
      return c.body(null, 204);
    });
}

/** Invites of a workspace that can still be accepted. */
function pendingIn(workspaceId: string, now: string) {
  return and(
    eq(invites.workspaceId, workspaceId),
    isNull(invites.acceptedAt),
    isNull(invites.revokedAt),
    gt(invites.expiresAt, now),
  );
}
