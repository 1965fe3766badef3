import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, isNull } from "drizzle-orm";
import { EmailSchema, IdSchema, IsoDateTimeSchema, RoleSchema, ShortText } from "@leadpane/domain";
import type { Deps } from "../app-env.ts";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import type { Tx } from "../db/client.ts";
import { members, tokens } from "../db/schema.ts";
import { ApiError, ERROR_CODES, notFound } from "../errors.ts";
import { assertCanManage, assertOwner } from "../middleware/auth.ts";
import { withWriteTransaction } from "../sync/transaction.ts";
import { createRouter, ERROR_RESPONSES, jsonBody, jsonResponse } from "./openapi.ts";
import { pokeHubFor } from "../sync/poke.ts";

const IdParamSchema = z.object({ id: IdSchema });
/** Body of `PATCH /v1/members/:id`: ownership moves only by transfer, so `owner` is not a role one can set. */
const ChangeRoleSchema = z.strictObject({ role: RoleSchema.exclude(["owner"]) });

const memberColumns = {
  id: members.id,
  name: members.name,
  email: members.email,
  role: members.role,
  createdAt: members.createdAt,
};

/** A current member as the member routes answer it. */
const MemberRowSchema = z.object({
  id: IdSchema,
  name: ShortText,
  email: EmailSchema,
  role: RoleSchema,
  createdAt: IsoDateTimeSchema,
});

const listMembersRoute = createRoute({
  method: "get",
  path: "/members",
  summary: "Members of the workspace",
  responses: {
    200: jsonResponse("The current members", z.object({ items: z.array(MemberRowSchema) })),
    ...ERROR_RESPONSES,
  },
});

const changeRoleRoute = createRoute({
  method: "patch",
  path: "/members/{id}",
  summary: "Change a member's role (owner, admin); the owner's role changes only by transfer",
  request: { params: IdParamSchema, body: jsonBody(ChangeRoleSchema) },
  responses: { 200: jsonResponse("The member", MemberRowSchema), ...ERROR_RESPONSES },
});

const removeMemberRoute = createRoute({
  method: "delete",
  path: "/members/{id}",
  summary: "Remove a member (owner, admin) or leave (yourself); their tokens stop working at once",
  request: { params: IdParamSchema },
  responses: { 204: { description: "Removed" }, ...ERROR_RESPONSES },
});

const transferRoute = createRoute({
  method: "post",
  path: "/members/{id}/transfer-ownership",
  summary: "Make this member the owner (owner); you become an admin",
  request: { params: IdParamSchema },
  responses: {
    200: jsonResponse(
      "The new owner and the previous one",
      z.object({ owner: MemberRowSchema, previousOwner: MemberRowSchema }),
    ),
    ...ERROR_RESPONSES,
  },
});

/**
 * Members of the workspace: list (everyone), change role and remove (owners and admins; anyone may
 * leave), transfer ownership (the owner). A workspace has exactly one owner at all times: the owner
 * cannot be demoted or removed, only replaced by a transfer that swaps both roles in one transaction.
 */
export function memberRoutes(deps: Deps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(listMembersRoute, async (c) => {
      const { workspaceId } = c.get("actor");
      const items = await db
        .select(memberColumns)
        .from(members)
        .where(and(eq(members.workspaceId, workspaceId), isNull(members.removedAt)));
      return c.json({ items }, 200);
    })
    .openapi(changeRoleRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "change roles");
      const { id } = c.req.valid("param");
      const { role } = c.req.valid("json");
      const now = new Date().toISOString();
      const member = await withWriteTransaction(deps.database, async (tx) => {
        const target = await currentMember(tx, actor.workspaceId, id);
        if (target.role === "owner")
          throw new ApiError(409, ERROR_CODES.conflict, "The owner's role changes only by transferring ownership");
        if (target.role === role) return target;
        await tx.update(members).set({ role }).where(eq(members.id, id));
        await writeAudit(
          tx,
          {
            workspaceId: actor.workspaceId,
            memberId: actor.memberId,
            action: AUDIT_ACTIONS.memberRoleChanged,
            targetType: "member",
            targetId: id,
            detail: { from: target.role, to: role },
          },
          now,
        );
        return { ...target, role };
      });
      return c.json(member, 200);
    })
    .openapi(removeMemberRoute, async (c) => {
      const actor = c.get("actor");
      const { id } = c.req.valid("param");
      const leaving = id === actor.memberId;
      if (!leaving) assertCanManage(actor, "remove members");
      const now = new Date().toISOString();
      await withWriteTransaction(deps.database, async (tx) => {
        const target = await currentMember(tx, actor.workspaceId, id);
        if (target.role === "owner")
          throw new ApiError(409, ERROR_CODES.conflict, "The owner cannot be removed; transfer ownership first");
        // The row stays for history (authors, audit); every token dies with the membership.
        await tx.update(members).set({ removedAt: now }).where(eq(members.id, id));
        await tx
          .update(tokens)
          .set({ revokedAt: now })
          .where(and(eq(tokens.memberId, id), isNull(tokens.revokedAt)));
        await writeAudit(
          tx,
          {
            workspaceId: actor.workspaceId,
            memberId: actor.memberId,
            action: leaving ? AUDIT_ACTIONS.memberLeft : AUDIT_ACTIONS.memberRemoved,
            targetType: "member",
            targetId: id,
            detail: { role: target.role },
          },
          now,
        );
      });
      // Their open poke streams end now, not at the next poll.
      pokeHubFor(deps).notify(actor.workspaceId);
      return c.body(null, 204);
    })
    .openapi(transferRoute, async (c) => {
      const actor = c.get("actor");
      assertOwner(actor, "transfer ownership");
      const { id } = c.req.valid("param");
      const now = new Date().toISOString();
      const result = await withWriteTransaction(deps.database, async (tx) => {
        const target = await currentMember(tx, actor.workspaceId, id);
        if (target.id === actor.memberId)
          throw new ApiError(409, ERROR_CODES.conflict, "You already own this workspace");
        // Re-read inside the write lock: a concurrent transfer may already have moved ownership.
        const self = await currentMember(tx, actor.workspaceId, actor.memberId);
        if (self.role !== "owner")
          throw new ApiError(403, ERROR_CODES.forbidden, "Only the workspace owner can transfer ownership");
        await tx.update(members).set({ role: "admin" }).where(eq(members.id, self.id));
        await tx.update(members).set({ role: "owner" }).where(eq(members.id, target.id));
        await writeAudit(
          tx,
          {
            workspaceId: actor.workspaceId,
            memberId: actor.memberId,
            action: AUDIT_ACTIONS.ownershipTransferred,
            targetType: "member",
            targetId: target.id,
            detail: { from: self.id, to: target.id },
          },
          now,
        );
        return { owner: { ...target, role: "owner" as const }, previousOwner: { ...self, role: "admin" as const } };
      });
      return c.json(result, 200);
    });
}

/** A current (not removed) member of the workspace, or 404 — also for another workspace's member. */
async function currentMember(tx: Tx, workspaceId: string, id: string) {
  const [member] = await tx
    .select(memberColumns)
    .from(members)
    .where(and(eq(members.id, id), eq(members.workspaceId, workspaceId), isNull(members.removedAt)));
  if (!member) throw notFound("Member");
  return member;
}
