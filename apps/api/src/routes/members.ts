import { and, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { IdSchema, RoleSchema } from "@leadpane/domain";
import type { AppEnv, Deps } from "../app-env.ts";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import type { Tx } from "../db/client.ts";
import { members, tokens } from "../db/schema.ts";
import { ApiError, ERROR_CODES, notFound } from "../errors.ts";
import { assertCanManage, assertOwner } from "../middleware/auth.ts";
import { validate } from "../middleware/validate.ts";
import { withWriteTransaction } from "../sync/transaction.ts";

const IdParamSchema = z.object({ id: IdSchema });
/** Body of `PATCH /v1/members/:id`: ownership moves only by transfer, so `owner` is not a role one can set. */
export const ChangeRoleSchema = z.strictObject({ role: RoleSchema.exclude(["owner"]) });

const memberColumns = { id: members.id, name: members.name, email: members.email, role: members.role, createdAt: members.createdAt };

/**
 * Members of the workspace: list (everyone), change role and remove (owners and admins; anyone may
 * leave), transfer ownership (the owner). A workspace has exactly one owner at all times: the owner
 * cannot be demoted or removed, only replaced by a transfer that swaps both roles in one transaction.
 */
export function memberRoutes(deps: Deps) {
  const { db } = deps.database;
  return new Hono<AppEnv>()
    .get("/members", async (c) => {
      const { workspaceId } = c.get("actor");
      const items = await db
        .select(memberColumns)
        .from(members)
        .where(and(eq(members.workspaceId, workspaceId), isNull(members.removedAt)));
      return c.json({ items }, 200);
    })
    .patch("/members/:id", validate("param", IdParamSchema), validate("json", ChangeRoleSchema), async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "change roles");
      const { id } = c.req.valid("param");
      const { role } = c.req.valid("json");
      const now = new Date().toISOString();
      const member = await withWriteTransaction(deps.database, async (tx) => {
        const target = await currentMember(tx, actor.workspaceId, id);
        if (target.role === "owner") throw new ApiError(409, ERROR_CODES.conflict, "The owner's role changes only by transferring ownership");
        if (target.role === role) return target;
        await tx.update(members).set({ role }).where(eq(members.id, id));
        await writeAudit(tx, { workspaceId: actor.workspaceId, memberId: actor.memberId, action: AUDIT_ACTIONS.memberRoleChanged, targetType: "member", targetId: id, detail: { from: target.role, to: role } }, now);
        return { ...target, role };
      });
      return c.json(member, 200);
    })
    .delete("/members/:id", validate("param", IdParamSchema), async (c) => {
      const actor = c.get("actor");
      const { id } = c.req.valid("param");
      const leaving = id === actor.memberId;
      if (!leaving) assertCanManage(actor, "remove members");
      const now = new Date().toISOString();
      await withWriteTransaction(deps.database, async (tx) => {
        const target = await currentMember(tx, actor.workspaceId, id);
        if (target.role === "owner") throw new ApiError(409, ERROR_CODES.conflict, "The owner cannot be removed; transfer ownership first");
        // The row stays for history (authors, audit); every token dies with the membership.
        await tx.update(members).set({ removedAt: now }).where(eq(members.id, id));
        await tx.update(tokens).set({ revokedAt: now }).where(and(eq(tokens.memberId, id), isNull(tokens.revokedAt)));
        await writeAudit(tx, { workspaceId: actor.workspaceId, memberId: actor.memberId, action: leaving ? AUDIT_ACTIONS.memberLeft : AUDIT_ACTIONS.memberRemoved, targetType: "member", targetId: id, detail: { role: target.role } }, now);
      });
      return c.body(null, 204);
    })
    .post("/members/:id/transfer-ownership", validate("param", IdParamSchema), async (c) => {
      const actor = c.get("actor");
      assertOwner(actor, "transfer ownership");
      const { id } = c.req.valid("param");
      const now = new Date().toISOString();
      const result = await withWriteTransaction(deps.database, async (tx) => {
        const target = await currentMember(tx, actor.workspaceId, id);
        if (target.id === actor.memberId) throw new ApiError(409, ERROR_CODES.conflict, "You already own this workspace");
        // Re-read inside the write lock: a concurrent transfer may already have moved ownership.
        const self = await currentMember(tx, actor.workspaceId, actor.memberId);
        if (self.role !== "owner") throw new ApiError(403, ERROR_CODES.forbidden, "Only the workspace owner can transfer ownership");
        await tx.update(members).set({ role: "admin" }).where(eq(members.id, self.id));
        await tx.update(members).set({ role: "owner" }).where(eq(members.id, target.id));
        await writeAudit(tx, { workspaceId: actor.workspaceId, memberId: actor.memberId, action: AUDIT_ACTIONS.ownershipTransferred, targetType: "member", targetId: target.id, detail: { from: self.id, to: target.id } }, now);
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
