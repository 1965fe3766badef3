import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, inArray } from "drizzle-orm";
import { lookupRecords, type KeyIndex } from "@leadpane/domain";
import type { Deps } from "../app-env.ts";
import { rowToSynced, toPublicRecord } from "../db/mappers.ts";
import { recordKeys, records } from "../db/schema.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";
import { createRouter, ERROR_RESPONSES, jsonResponse } from "./openapi.ts";
import { publicRecordSchema } from "./records.ts";

const LookupQuerySchema = z.object({
  email: z.string().trim().max(254).optional(),
  domain: z.string().trim().max(253).optional(),
  url: z.string().trim().max(2048).optional(),
});

const MAX_MATCHES = 100;
const MAX_ACTIVITIES = 200;

const lookupRoute = createRoute({
  method: "get",
  path: "/lookup",
  summary: "Records matching an email, domain or URL, with their activities (give at least one)",
  request: { query: LookupQuerySchema },
  responses: {
    200: jsonResponse(
      "What the side panel shows for a page or an email sender",
      z.object({
        leads: z.array(publicRecordSchema("lead")),
        contacts: z.array(publicRecordSchema("contact")),
        companies: z.array(publicRecordSchema("company")),
        activities: z.array(publicRecordSchema("activity")),
      }),
    ),
    ...ERROR_RESPONSES,
  },
});

/** `GET /v1/lookup`: what the side panel shows for a page or an email sender. */
export function lookupRoutes(deps: Deps) {
  const { db } = deps.database;
  /** The workspace's match-key index: live records under any of the keys, one query. */
  const index = (workspaceId: string): KeyIndex => ({
    async findByKeys(keys) {
      if (!keys.length) return [];
      const rows = await db
        .selectDistinct({ record: records })
        .from(recordKeys)
        .innerJoin(
          records,
          and(
            eq(records.workspaceId, recordKeys.workspaceId),
            eq(records.type, recordKeys.type),
            eq(records.id, recordKeys.id),
          ),
        )
        .where(
          and(eq(recordKeys.workspaceId, workspaceId), inArray(recordKeys.key, [...keys]), eq(records.deleted, false)),
        )
        .limit(MAX_MATCHES * 3);
      return rows.map((row) => rowToSynced(row.record));
    },
  });

  return createRouter().openapi(lookupRoute, async (c) => {
    const query = c.req.valid("query");
    if (!query.email && !query.domain && !query.url) {
      throw new ApiError(400, ERROR_CODES.invalidInput, "Give at least one of email, domain or url");
    }
    const found = await lookupRecords(index(c.get("actor").workspaceId), query, {
      records: MAX_MATCHES,
      activities: MAX_ACTIVITIES,
    });
    return c.json(
      {
        leads: found.leads.map(toPublicRecord),
        contacts: found.contacts.map(toPublicRecord),
        companies: found.companies.map(toPublicRecord),
        activities: found.activities.map(toPublicRecord),
      },
      200,
    );
  });
}
