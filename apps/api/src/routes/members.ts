import { and, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv, Deps } from "../app-env.ts";
import { members } from "../db/schema.ts";

/** `GET /v1/members`: the workspace's current members. */
export function memberRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/members", async (c) => {
    const { workspaceId } = c.get("actor");
    const items = await deps.database.db
      .select({ id: members.id, name: members.name, email: members.email, role: members.role })
      .from(members)
      .where(and(eq(members.workspaceId, workspaceId), isNull(members.removedAt)));
    return c.json({ items }, 200);
  });
}
