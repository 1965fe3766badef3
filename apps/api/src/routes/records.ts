import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import {
  createSchemaFor,
  IdSchema,
  newId,
  patchSchemaFor,
  RECORD_PATHS,
  RECORD_SCHEMAS,
  type RecordType,
} from "@leadpane/domain";
import { DELETED_CLOCK, type SyncedRecord } from "@leadpane/domain/sync";
import type { Deps } from "../app-env.ts";
import { rowToSynced, toPublicRecord } from "../db/mappers.ts";
import { records } from "../db/schema.ts";
import { ApiError, ERROR_CODES, notFound } from "../errors.ts";
import { applyServerMutations } from "../sync/push.ts";
import { createRouter, ERROR_RESPONSES, jsonBody, jsonResponse } from "./openapi.ts";
import { readableJson } from "../db/json.ts";

/** Most records in one list page. */
const MAX_PAGE = 200;

const ListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  cursor: IdSchema.optional(),
  status: z.string().max(40).optional(),
  stage: z.string().max(64).optional(),
  ownerId: IdSchema.optional(),
  tag: z.string().max(64).optional(),
});

const IdParamSchema = z.object({ id: IdSchema });

/** Fields a list may be filtered on, by query parameter. */
const FILTERS = { status: "$.status", stage: "$.stage", ownerId: "$.ownerId" } as const;

/**
 * Each record type as the API sends it: typed as an open object (records are stored as such),
 * documented once (a named schema) with its type's schema, which names the fields clients rely on.
 */
const PUBLIC_RECORD_SCHEMAS = {
  lead: RECORD_SCHEMAS.lead.meta({ id: "Lead" }),
  contact: RECORD_SCHEMAS.contact.meta({ id: "Contact" }),
  company: RECORD_SCHEMAS.company.meta({ id: "Company" }),
  deal: RECORD_SCHEMAS.deal.meta({ id: "Deal" }),
  activity: RECORD_SCHEMAS.activity.meta({ id: "Activity" }),
  task: RECORD_SCHEMAS.task.meta({ id: "Task" }),
} satisfies Record<RecordType, z.ZodType>;

/** A record of `type` as the API sends it. */
export function publicRecordSchema(type: RecordType): z.ZodType<Record<string, unknown>> {
  return PUBLIC_RECORD_SCHEMAS[type];
}

/** The routes of one record type, mounted at `/v1/<type>`. */
function recordRouteConfigs(type: RecordType) {
  const path = RECORD_PATHS[type];
  const record = publicRecordSchema(type);
  return {
    list: createRoute({
      method: "get",
      path: "/",
      summary: `List ${path}, newest first`,
      request: { query: ListQuerySchema },
      responses: {
        200: jsonResponse("A page", z.object({ items: z.array(record), nextCursor: z.string().nullable() })),
        ...ERROR_RESPONSES,
      },
    }),
    create: createRoute({
      method: "post",
      path: "/",
      summary: `Create a ${type}`,
      request: { body: jsonBody(createSchemaFor(type)) },
      responses: { 201: jsonResponse(`The new ${type}`, record), ...ERROR_RESPONSES },
    }),
    get: createRoute({
      method: "get",
      path: "/{id}",
      summary: `Get a ${type}`,
      request: { params: IdParamSchema },
      responses: { 200: jsonResponse(`The ${type}`, record), ...ERROR_RESPONSES },
    }),
    update: createRoute({
      method: "patch",
      path: "/{id}",
      summary: `Update a ${type}'s fields`,
      request: { params: IdParamSchema, body: jsonBody(patchSchemaFor(type)) },
      responses: { 200: jsonResponse(`The ${type}`, record), ...ERROR_RESPONSES },
    }),
    delete: createRoute({
      method: "delete",
      path: "/{id}",
      summary: `Delete a ${type} (restorable)`,
      request: { params: IdParamSchema },
      responses: { 204: { description: "Deleted" }, ...ERROR_RESPONSES },
    }),
    restore: createRoute({
      method: "post",
      path: "/{id}/restore",
      summary: `Restore a deleted ${type} from the trash`,
      description:
        "404 when it is not in this workspace's trash (never deleted, or purged after 30 days); " +
        "409 when it was merged into another record (it lives on there).",
      request: { params: IdParamSchema },
      responses: { 200: jsonResponse(`The restored ${type}`, record), ...ERROR_RESPONSES },
    }),
  };
}

/**
 * `GET/POST /v1/<type>`, `GET/PATCH/DELETE /v1/<type>/:id` and `POST /v1/<type>/:id/restore` for one
 * record type.
 */
export function recordRoutes(deps: Deps, type: RecordType) {
  const { db } = deps.database;
  const routes = recordRouteConfigs(type);
  const load = async (workspaceId: string, id: string) => {
    const [row] = await db
      .select()
      .from(records)
      .where(and(eq(records.workspaceId, workspaceId), eq(records.type, type), eq(records.id, id)));
    return row && !row.deleted ? rowToSynced(row) : undefined;
  };

  return createRouter()
    .openapi(routes.list, async (c) => {
      const actor = c.get("actor");
      const query = c.req.valid("query");
      const conditions = [
        eq(records.workspaceId, actor.workspaceId),
        eq(records.type, type),
        eq(records.deleted, false),
      ];
      if (query.cursor) conditions.push(lt(records.id, query.cursor));
      for (const [param, jsonPath] of Object.entries(FILTERS)) {
        const value = query[param as keyof typeof FILTERS];
        if (value) conditions.push(sql`json_extract(${readableJson(records.data)}, ${jsonPath}) = ${value}`);
      }
      if (query.tag)
        conditions.push(
          sql`exists (select 1 from json_each(${readableJson(records.data)}, '$.tags') where value = ${query.tag})`,
        );
      if (query.q)
        conditions.push(sql`${records.data} like ${`%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`} escape '\\'`);
      const rows = await db
        .select()
        .from(records)
        .where(and(...conditions))
        .orderBy(desc(records.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return c.json(
        {
          items: page.map((row) => toPublicRecord(rowToSynced(row))),
          nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
        },
        200,
      );
    })
    .openapi(routes.create, async (c) => {
      const actor = c.get("actor");
      const { id = newId(), ...fields } = c.req.valid("json") as { id?: string } & Record<string, unknown>;
      if (await load(actor.workspaceId, id))
        throw new ApiError(409, ERROR_CODES.conflict, `${type} ${id} already exists`);
      const [created] = (
        await applyServerMutations(deps.database, actor, [{ name: "create", args: { type, id, fields } }])
      ).filter((record) => record.id === id);
      return c.json(toPublicRecord(created!), 201);
    })
    .openapi(routes.get, async (c) => {
      const record = await load(c.get("actor").workspaceId, c.req.valid("param").id);
      if (!record) throw notFound(`${type}`);
      return c.json(toPublicRecord(record), 200);
    })
    .openapi(routes.update, async (c) => {
      const actor = c.get("actor");
      const { id } = c.req.valid("param");
      if (!(await load(actor.workspaceId, id))) throw notFound(`${type}`);
      const set = c.req.valid("json") as Record<string, unknown>;
      const changed = await applyServerMutations(deps.database, actor, [{ name: "update", args: { type, id, set } }]);
      const record = changed.find((r) => r.id === id) ?? (await load(actor.workspaceId, id));
      return c.json(toPublicRecord(record!), 200);
    })
    .openapi(routes.delete, async (c) => {
      const actor = c.get("actor");
      const { id } = c.req.valid("param");
      if (!(await load(actor.workspaceId, id))) throw notFound(`${type}`);
      await applyServerMutations(deps.database, actor, [{ name: "delete", args: { type, id } }]);
      return c.body(null, 204);
    })
    .openapi(routes.restore, async (c) => {
      const actor = c.get("actor");
      const { id } = c.req.valid("param");
      const [row] = await db
        .select({ deleted: records.deleted, meta: records.meta })
        .from(records)
        .where(and(eq(records.workspaceId, actor.workspaceId), eq(records.type, type), eq(records.id, id)));
      if (!row?.deleted) throw new ApiError(404, ERROR_CODES.notFound, `No ${type} ${id} in the trash`);
      // Through the engine's restore, like every write: clients pull it; a merged record is a 409.
      // Clocked after the delete it undoes (a client's clock may run ahead of this server's).
      const deletedClock = (JSON.parse(row.meta) as SyncedRecord["meta"]).clocks[DELETED_CLOCK];
      await applyServerMutations(
        deps.database,
        actor,
        [{ name: "restore", args: { type, id } }],
        deletedClock ? [deletedClock] : [],
      );
      const record = await load(actor.workspaceId, id);
      if (!record) throw new ApiError(404, ERROR_CODES.notFound, `No ${type} ${id} in the trash`);
      return c.json(toPublicRecord(record), 200);
    });
}
