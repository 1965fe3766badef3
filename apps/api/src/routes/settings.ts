import { createRoute } from "@hono/zod-openapi";
import { and, eq, sql } from "drizzle-orm";
import { WorkspaceSettingsSchema } from "@leadpane/domain";
import type { Deps } from "../app-env.ts";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import { records, workspaces } from "../db/schema.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";
import { assertCanManage } from "../middleware/auth.ts";
import { withWriteTransaction } from "../sync/transaction.ts";
import { createRouter, ERROR_RESPONSES, jsonBody, jsonResponse } from "./openapi.ts";
import { readableJson } from "../db/json.ts";

/** Body of `PATCH /v1/workspace/settings`: any subset of the settings, each validated as a whole. */
const SettingsPatchSchema = WorkspaceSettingsSchema.partial().strict();

const readSettingsRoute = createRoute({
  method: "get",
  path: "/workspace/settings",
  summary: "Workspace settings: phone region, currency, pipeline, custom fields",
  responses: { 200: jsonResponse("The settings", WorkspaceSettingsSchema), ...ERROR_RESPONSES },
});

const changeSettingsRoute = createRoute({
  method: "patch",
  path: "/workspace/settings",
  summary: "Change workspace settings (owner, admin; 409 when a removed stage still holds deals)",
  request: { body: jsonBody(SettingsPatchSchema) },
  responses: { 200: jsonResponse("The new settings", WorkspaceSettingsSchema), ...ERROR_RESPONSES },
});

/**
 * `GET /v1/workspace/settings` (every member) and `PATCH` (owners, admins): default phone region,
 * currency, pipeline stages and custom fields. Clients receive the new settings with their next pull.
 */
export function settingsRoutes(deps: Deps) {
  const read = async (workspaceId: string) => {
    const [row] = await deps.database.db
      .select({ settings: workspaces.settings })
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId));
    return WorkspaceSettingsSchema.parse(JSON.parse(row?.settings ?? "{}"));
  };
  return createRouter()
    .openapi(readSettingsRoute, async (c) => c.json(await read(c.get("actor").workspaceId), 200))
    .openapi(changeSettingsRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "change workspace settings");
      const patch = c.req.valid("json");
      const next = await withWriteTransaction(deps.database, async (tx) => {
        const [row] = await tx
          .select({ settings: workspaces.settings })
          .from(workspaces)
          .where(eq(workspaces.id, actor.workspaceId));
        const current = WorkspaceSettingsSchema.parse(JSON.parse(row?.settings ?? "{}"));
        const merged = WorkspaceSettingsSchema.parse({ ...current, ...patch });
        if (patch.pipeline) {
          // A stage that still holds deals cannot disappear: those deals would have nowhere to be.
          const kept = new Set(merged.pipeline.map((stage) => stage.key));
          const used = await tx
            .selectDistinct({ stage: sql<string>`json_extract(${readableJson(records.data)}, '$.stage')` })
            .from(records)
            .where(
              and(eq(records.workspaceId, actor.workspaceId), eq(records.type, "deal"), eq(records.deleted, false)),
            );
          const orphaned = used.map((u) => u.stage).filter((stage) => !kept.has(stage));
          if (orphaned.length) {
            throw new ApiError(
              409,
              ERROR_CODES.conflict,
              `Deals are still in stage(s) ${orphaned.join(", ")}: move them before removing the stage`,
            );
          }
        }
        await tx
          .update(workspaces)
          .set({ settings: JSON.stringify(merged) })
          .where(eq(workspaces.id, actor.workspaceId));
        await writeAudit(tx, {
          workspaceId: actor.workspaceId,
          memberId: actor.memberId,
          action: AUDIT_ACTIONS.settingsChanged,
          targetType: "workspace",
          targetId: actor.workspaceId,
          detail: { fields: Object.keys(patch) },
        });
        return merged;
      });
      return c.json(next, 200);
    });
}
