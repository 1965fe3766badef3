import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { CreateWorkspaceSchema, newId, WorkspaceSettingsSchema } from "@leadpane/domain";
import type { AppEnv, Deps } from "../app-env.ts";
import { hashSecret, newToken } from "../auth/secrets.ts";
import { members, serverSettings, tokens, workspaces } from "../db/schema.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import { assertAuthBudget, recordAuthFailure } from "../middleware/rate-limit.ts";
import { validate } from "../middleware/validate.ts";
import { withWriteTransaction } from "../sync/transaction.ts";

/** Key under which the first-start setup token's hash is kept. */
export const SETUP_TOKEN_KEY = "setup_token_hash";

const SignupSchema = CreateWorkspaceSchema.extend({ setupToken: z.string().max(200).optional() });

/** `POST /v1/workspaces`: workspace creation, open or with the setup token per `LEADPANE_SIGNUP`; needs no token. */
export function signupRoutes(deps: Deps) {
  return new Hono<AppEnv>().post("/workspaces", validate("json", SignupSchema), async (c) => {
    const body = c.req.valid("json");
    if (deps.env.LEADPANE_SIGNUP === "closed") {
      assertAuthBudget(deps, c);
      const supplied = body.setupToken ?? c.req.header("x-setup-token");
      const [stored] = await deps.database.db.select().from(serverSettings).where(eq(serverSettings.key, SETUP_TOKEN_KEY));
      if (!supplied || !stored || stored.value !== hashSecret(supplied)) {
        if (supplied) recordAuthFailure(deps, c);
        throw new ApiError(403, ERROR_CODES.signupClosed, "Sign-up is closed: creating a workspace needs the setup token printed when the server first started");
      }
    }
    const now = new Date().toISOString();
    const workspace = { id: newId(), name: body.name };
    const member = { id: newId(), name: body.owner.name, email: body.owner.email, role: "owner" as const };
    const token = newToken();
    await withWriteTransaction(deps.database, async (tx) => {
      await tx.insert(workspaces).values({ ...workspace, settings: JSON.stringify(WorkspaceSettingsSchema.parse({})), createdAt: now });
      await tx.insert(members).values({ ...member, workspaceId: workspace.id, createdAt: now });
      await tx.insert(tokens).values({ id: newId(), workspaceId: workspace.id, memberId: member.id, tokenHash: hashSecret(token), createdAt: now, label: "first device" });
      await writeAudit(tx, { workspaceId: workspace.id, memberId: member.id, action: AUDIT_ACTIONS.workspaceCreated, targetType: "workspace", targetId: workspace.id }, now);
    });
    return c.json({ workspace, member, token }, 201);
  });
}

/** `GET /v1/me`: the token's member and workspace. */
export function workspaceRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/me", async (c) => {
    const actor = c.get("actor");
    const [workspace] = await deps.database.db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, actor.workspaceId));
    const [member] = await deps.database.db
      .select({ id: members.id, name: members.name, email: members.email, role: members.role })
      .from(members)
      .where(eq(members.id, actor.memberId));
    return c.json({ workspace: workspace!, member: member! }, 200);
  });
}
