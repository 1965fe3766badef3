import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, lt } from "drizzle-orm";
import { IdSchema, IsoDateTimeSchema } from "@leadpane/domain";
import type { Deps } from "../app-env.ts";
import { auditLog } from "../db/schema.ts";
import { assertCanManage } from "../middleware/auth.ts";
import { createRouter, ERROR_RESPONSES, jsonResponse } from "./openapi.ts";

/** Most audit entries in one page. */
const MAX_AUDIT_PAGE = 200;

/** Query of `GET /v1/audit`. */
const AuditQuerySchema = z.object({
  /** The `nextCursor` of the previous page: entries older than it follow. */
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, "must be a cursor from a previous page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(50),
  action: z.string().trim().min(1).max(64).optional(),
  memberId: IdSchema.optional(),
  recordType: z.string().trim().min(1).max(32).optional(),
  recordId: z.string().trim().min(1).max(64).optional(),
});

const auditRoute = createRoute({
  method: "get",
  path: "/audit",
  summary: "Audit log, newest first (owner, admin)",
  request: { query: AuditQuerySchema },
  responses: {
    200: jsonResponse(
      "A page of entries",
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            at: IsoDateTimeSchema,
            memberId: z.string().nullable(),
            action: z.string(),
            recordType: z.string().nullable(),
            recordId: z.string().nullable(),
            detail: z.record(z.string(), z.unknown()),
          }),
        ),
        nextCursor: z.string().nullable(),
      }),
    ),
    ...ERROR_RESPONSES,
  },
});

/**
 * `GET /v1/audit`: who created, changed, converted, merged, deleted or exported what, newest first
 * (owners and admins).
 */
export function auditRoutes(deps: Deps) {
  return createRouter().openapi(auditRoute, async (c) => {
    const actor = c.get("actor");
    assertCanManage(actor, "read the audit log");
    const query = c.req.valid("query");
    const conditions = [eq(auditLog.workspaceId, actor.workspaceId)];
    if (query.cursor) conditions.push(lt(auditLog.id, Number(query.cursor)));
    if (query.action) conditions.push(eq(auditLog.action, query.action));
    if (query.memberId) conditions.push(eq(auditLog.memberId, query.memberId));
    if (query.recordType) conditions.push(eq(auditLog.recordType, query.recordType));
    if (query.recordId) conditions.push(eq(auditLog.recordId, query.recordId));
    const rows = await deps.database.db
      .select()
      .from(auditLog)
      .where(and(...conditions))
      .orderBy(desc(auditLog.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const items = page.map((row) => ({
      id: String(row.id),
      at: row.at,
      memberId: row.memberId,
      action: row.action,
      recordType: row.recordType,
      recordId: row.recordId,
      detail: parseDetail(row.detail),
    }));
    return c.json({ items, nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null }, 200);
  });
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
