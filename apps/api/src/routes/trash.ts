import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { IdSchema, IsoDateTimeSchema, RecordTypeSchema } from "@leadpane/domain";
import { deletionOf, HLC_PATTERN, trashLabel, TRASH_RETENTION_DAYS } from "@leadpane/domain/sync";
import type { Deps } from "../app-env.ts";
import { DELETE_CLOCK_SQL, readableJson } from "../db/json.ts";
import { rowToSynced } from "../db/mappers.ts";
import { records } from "../db/schema.ts";
import { createRouter, ERROR_RESPONSES, jsonResponse } from "./openapi.ts";

/** Most deleted records in one page. */
const MAX_TRASH_PAGE = 200;

/**
 * A page's position: the delete clock, type and id of the last item sent (`<clock>_<type>_<id>`);
 * items deleted earlier follow.
 */
const CURSOR = new RegExp(
  `^((?:${HLC_PATTERN.source.slice(1, -1)})?)_(${RecordTypeSchema.options.join("|")})_([0-9a-fA-F-]{36})$`,
);

/** Query of `GET /v1/trash`. */
const TrashQuerySchema = z.object({
  /** Only records of this type (`lead`, `contact`, `company`, `deal`, `activity`, `task`). */
  type: RecordTypeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_TRASH_PAGE).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).regex(CURSOR, "must be a cursor from a previous page").optional(),
});

/** One deleted record as the trash lists it. */
const TrashItemSchema = z
  .object({
    type: RecordTypeSchema,
    id: IdSchema,
    name: z.string().optional().meta({ description: "Leads, contacts and companies" }),
    title: z.string().optional().meta({ description: "Deals, tasks and activities" }),
    deletedAt: IsoDateTimeSchema,
    deletedBy: IdSchema.nullable().meta({ description: "The member who deleted it (null when not known)" }),
    restorableUntil: IsoDateTimeSchema.meta({ description: `${TRASH_RETENTION_DAYS} days after deletedAt` }),
  })
  .meta({ id: "TrashItem" });

const trashRoute = createRoute({
  method: "get",
  path: "/trash",
  summary: `Deleted records, most recently deleted first: restorable for ${TRASH_RETENTION_DAYS} days, then purged`,
  description:
    "Records merged into another are not listed: they live on in the record they were merged into. " +
    "Bring one back with `POST /v1/<type>/{id}/restore`.",
  request: { query: TrashQuerySchema },
  responses: {
    200: jsonResponse("A page", z.object({ items: z.array(TrashItemSchema), nextCursor: z.string().nullable() })),
    ...ERROR_RESPONSES,
  },
});

/** The delete clock of a tombstone as stored (clocks sort as text, by time first). */
const deleteClock = sql<string>`${sql.raw(DELETE_CLOCK_SQL)}`;

/** `GET /v1/trash`: this workspace's deleted records (any role may read it). */
export function trashRoutes(deps: Deps) {
  const { db } = deps.database;
  return createRouter().openapi(trashRoute, async (c) => {
    const workspaceId = c.get("actor").workspaceId;
    const query = c.req.valid("query");
    const conditions: SQL[] = [
      eq(records.workspaceId, workspaceId),
      // Literal, not a parameter: the planner then uses the tombstones-only index.
      sql`${records.deleted} = 1`,
      sql`json_extract(${readableJson(records.data)}, '$.mergedIntoId') is null`,
    ];
    if (query.type) conditions.push(eq(records.type, query.type));
    const after = query.cursor?.match(CURSOR);
    if (after)
      conditions.push(sql`(${deleteClock}, ${records.type}, ${records.id}) < (${after[1]}, ${after[2]}, ${after[3]})`);
    const rows = await db
      .select({
        type: records.type,
        id: records.id,
        data: records.data,
        meta: records.meta,
        deleted: records.deleted,
        version: records.version,
        clock: deleteClock,
      })
      .from(records)
      .where(and(...conditions))
      .orderBy(desc(deleteClock), desc(records.type), desc(records.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const items = page.map((row) => {
      const record = rowToSynced(row);
      const deletion = deletionOf(record)!;
      return { type: record.type, id: record.id, ...trashLabel(record), ...deletion };
    });
    const last = page[page.length - 1];
    return c.json(
      { items, nextCursor: rows.length > query.limit && last ? `${last.clock}_${last.type}_${last.id}` : null },
      200,
    );
  });
}
