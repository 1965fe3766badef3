import { and, eq, gt, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { AcceptInviteSchema, canManageMembers, CreateInviteSchema, newId } from "@leadpane/domain";
import type { AppEnv, Deps } from "../app-env.ts";
import { hashSecret, newInviteCode, newToken, normalizeInviteCode } from "../auth/secrets.ts";
import { invites, members, tokens, workspaces } from "../db/schema.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";
import { requireAuth } from "../middleware/auth.ts";
import { validate } from "../middleware/validate.ts";
import { withWriteTransaction } from "../sync/transaction.ts";

/** How long an invite code works. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Inviting (owners, admins) and accepting an invite with its single-use code. */
export function inviteRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/invites/accept", validate("json", AcceptInviteSchema), async (c) => {
      const body = c.req.valid("json");
      const now = new Date().toISOString();
      const codeHash = hashSecret(normalizeInviteCode(body.code));
      const token = newToken();
      const result = await withWriteTransaction(deps.database, async (tx) => {
        // Claiming the code and creating the member commit together: a code works exactly once.
        const [invite] = await tx
          .update(invites)
          .set({ acceptedAt: now })
          .where(and(eq(invites.codeHash, codeHash), isNull(invites.acceptedAt), gt(invites.expiresAt, now)))
          .returning();
        if (!invite) throw new ApiError(404, ERROR_CODES.inviteInvalid, "This invite code is unknown, used or expired");
        if (invite.email && invite.email !== body.email) {
          throw new ApiError(403, ERROR_CODES.inviteInvalid, "This invite was issued for another email address");
        }
        const member = { id: newId(), name: body.name, email: body.email, role: invite.role };
        await tx.insert(members).values({ ...member, workspaceId: invite.workspaceId, createdAt: now });
        await tx.update(invites).set({ acceptedBy: member.id }).where(eq(invites.id, invite.id));
        await tx.insert(tokens).values({ id: newId(), workspaceId: invite.workspaceId, memberId: member.id, tokenHash: hashSecret(token), createdAt: now });
        const [workspace] = await tx.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, invite.workspaceId));
        return { workspace: workspace!, member };
      });
      return c.json({ ...result, token }, 201);
    })
    .post("/invites", requireAuth(deps), validate("json", CreateInviteSchema), async (c) => {
      const actor = c.get("actor");
      if (!canManageMembers(actor.role)) throw new ApiError(403, ERROR_CODES.forbidden, "Only owners and admins can invite");
      const body = c.req.valid("json");
      const code = newInviteCode();
      const now = Date.now();
      const expiresAt = new Date(now + INVITE_TTL_MS).toISOString();
      await deps.database.db.insert(invites).values({
        id: newId(),
        workspaceId: actor.workspaceId,
        codeHash: hashSecret(normalizeInviteCode(code)),
        role: body.role,
        email: body.email ?? null,
        createdBy: actor.memberId,
        createdAt: new Date(now).toISOString(),
        expiresAt,
      });
      return c.json({ code, expiresAt, role: body.role }, 201);
    });
}
