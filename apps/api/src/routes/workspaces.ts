import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import {
  CreateWorkspaceSchema,
  JoinedSchema,
  deviceName,
  MemberSchema,
  newId,
  WorkspaceSchema,
  WorkspaceSettingsSchema,
} from "@leadpane/domain";
import type { Deps } from "../app-env.ts";
import { hashSecret, newToken } from "../auth/secrets.ts";
import { members, serverSettings, tokens, workspaces } from "../db/schema.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import { assertAuthBudget, recordAuthFailure } from "../middleware/rate-limit.ts";
import { withWriteTransaction } from "../sync/transaction.ts";
import { createRouter, ERROR_RESPONSES, jsonBody, jsonResponse } from "./openapi.ts";

/** Key under which the first-start setup token's hash is kept. */
export const SETUP_TOKEN_KEY = "setup_token_hash";

const SignupSchema = CreateWorkspaceSchema.extend({ setupToken: z.string().max(200).optional() });

/** What signing up or joining answers: the workspace, the new member, and their device token (shown once). */
export { JoinedSchema };

const signupRoute = createRoute({
  method: "post",
  path: "/workspaces",
  summary: "Create a workspace and its owner (with closed sign-up, only with the setup token)",
  security: [],
  request: { body: jsonBody(SignupSchema) },
  responses: { 201: jsonResponse("The workspace, its owner and the owner's token", JoinedSchema), ...ERROR_RESPONSES },
});

const meRoute = createRoute({
  method: "get",
  path: "/me",
  summary: "The token's member and workspace",
  responses: {
    200: jsonResponse("Who this token is", z.object({ workspace: WorkspaceSchema, member: MemberSchema })),
    ...ERROR_RESPONSES,
  },
});

/** `POST /v1/workspaces`: workspace creation, open or with the setup token per `LEADPANE_SIGNUP`; needs no token. */
export function signupRoutes(deps: Deps) {
  return createRouter().openapi(signupRoute, async (c) => {
    const body = c.req.valid("json");
    if (deps.env.LEADPANE_SIGNUP === "closed") {
      assertAuthBudget(deps, c);
      const supplied = body.setupToken ?? c.req.header("x-setup-token");
      const [stored] = await deps.database.db
        .select()
        .from(serverSettings)
        .where(eq(serverSettings.key, SETUP_TOKEN_KEY));
      if (!supplied || !stored || stored.value !== hashSecret(supplied)) {
        if (supplied) recordAuthFailure(deps, c);
        throw new ApiError(
          403,
          ERROR_CODES.signupClosed,
          "Sign-up is closed: creating a workspace needs the setup token printed when the server first started",
        );
      }
    }
    const now = new Date().toISOString();
    const workspace = { id: newId(), name: body.name };
    const member = { id: newId(), name: body.owner.name, email: body.owner.email, role: "owner" as const };
    const token = newToken();
    await withWriteTransaction(deps.database, async (tx) => {
      await tx
        .insert(workspaces)
        .values({ ...workspace, settings: JSON.stringify(WorkspaceSettingsSchema.parse({})), createdAt: now });
      await tx.insert(members).values({ ...member, workspaceId: workspace.id, createdAt: now });
      await tx.insert(tokens).values({
        id: newId(),
        workspaceId: workspace.id,
        memberId: member.id,
        tokenHash: hashSecret(token),
        createdAt: now,
        label: body.device ?? deviceName({ userAgent: c.req.header("user-agent") }),
      });
      await writeAudit(
        tx,
        {
          workspaceId: workspace.id,
          memberId: member.id,
          action: AUDIT_ACTIONS.workspaceCreated,
          targetType: "workspace",
          targetId: workspace.id,
        },
        now,
      );
    });
    return c.json({ workspace, member, token }, 201);
  });
}

/** `GET /v1/me`: the token's member and workspace. */
export function workspaceRoutes(deps: Deps) {
  return createRouter().openapi(meRoute, async (c) => {
    const actor = c.get("actor");
    const [workspace] = await deps.database.db
      .select({ id: workspaces.id, name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId));
    const [member] = await deps.database.db
      .select({ id: members.id, name: members.name, email: members.email, role: members.role })
      .from(members)
      .where(eq(members.id, actor.memberId));
    return c.json({ workspace: workspace!, member: member! }, 200);
  });
}
