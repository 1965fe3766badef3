import { randomBytes } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import { and, count, desc, eq, isNull, lt } from "drizzle-orm";
import { IdSchema, IsoDateTimeSchema, newId, TagSchema, WEBHOOK_EVENT_TYPES } from "@leadpane/domain";
import type { Deps } from "../app-env.ts";
import type { Actor } from "../auth/actor.ts";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import type { Db, Tx } from "../db/client.ts";
import { members, webhookDeliveries, webhookEndpoints } from "../db/schema.ts";
import { ApiError, ERROR_CODES, notFound } from "../errors.ts";
import { assertCanManage } from "../middleware/auth.ts";
import { withWriteTransaction } from "../sync/transaction.ts";
import { AddressGuard } from "../webhooks/address-guard.ts";
import { createRouter, ERROR_RESPONSES, jsonBody, jsonResponse } from "./openapi.ts";

/** Most endpoints one workspace may register. */
const MAX_ENDPOINTS = 20;
/** Most deliveries in one page of the log. */
const MAX_DELIVERY_PAGE = 100;
/** How long the previous secret still signs after a rotation (Standard Webhooks allows several signatures). */
const ROTATION_OVERLAP_MS = 24 * 3_600_000;

const EventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
const WebhookUrlSchema = z
  .url({ protocol: /^https?$/, error: "must be an http:// or https:// address" })
  .max(2000, "must be at most 2000 characters");
const FilterSchema = z.strictObject({
  ownerId: IdSchema.nullable().optional().describe("Only records owned by (tasks: assigned to) this member"),
  tag: TagSchema.nullable().optional().describe("Only records carrying this tag"),
});
const CreateWebhookSchema = z.strictObject({
  url: WebhookUrlSchema,
  events: z.array(EventTypeSchema).min(1, "choose at least one event").max(WEBHOOK_EVENT_TYPES.length),
  filter: FilterSchema.optional(),
  enabled: z.boolean().optional(),
});
const UpdateWebhookSchema = z
  .strictObject({
    url: WebhookUrlSchema.optional(),
    events: z.array(EventTypeSchema).min(1, "choose at least one event").max(WEBHOOK_EVENT_TYPES.length).optional(),
    filter: FilterSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "change at least one field");

const WebhookSchema = z
  .object({
    id: IdSchema,
    url: z.string(),
    events: z.array(EventTypeSchema),
    filter: z.object({ ownerId: IdSchema.nullable(), tag: z.string().nullable() }),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().describe("Why Leadpane turned the endpoint off (410 Gone, days of failures)"),
    disabledAt: IsoDateTimeSchema.nullable(),
    previousSecretUntil: IsoDateTimeSchema.nullable().describe("Until when the previous secret also signs"),
    createdAt: IsoDateTimeSchema,
    updatedAt: IsoDateTimeSchema,
  })
  .meta({ id: "Webhook" });
const WithSecretSchema = WebhookSchema.extend({
  secret: z.string().describe("The signing secret (whsec_…), shown only now"),
});
const DeliverySchema = z
  .object({
    id: IdSchema,
    messageId: z.string().describe("The webhook-id header: the same on every retry and replay"),
    eventType: EventTypeSchema,
    status: z.enum(["pending", "succeeded", "failed"]),
    attempts: z.number().int(),
    nextAttemptAt: IsoDateTimeSchema.nullable(),
    createdAt: IsoDateTimeSchema,
    lastAttemptAt: IsoDateTimeSchema.nullable(),
    responseStatus: z.number().int().nullable(),
    latencyMs: z.number().int().nullable(),
    responseExcerpt: z.string().nullable(),
    error: z.string().nullable(),
    replayOf: IdSchema.nullable(),
    payload: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "WebhookDelivery" });

const IdParamSchema = z.object({ id: IdSchema });
const DeliveryParamSchema = z.object({ id: IdSchema, deliveryId: IdSchema });
const DeliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_DELIVERY_PAGE).default(50).describe("Deliveries per page, 1 to 100"),
  cursor: IdSchema.optional().describe("The previous page's nextCursor: the deliveries older than its last one"),
});

const listRoute = createRoute({
  method: "get",
  path: "/webhooks",
  summary: "Webhook endpoints, newest first (owner, admin)",
  responses: {
    200: jsonResponse("The endpoints, never their secrets", z.object({ items: z.array(WebhookSchema) })),
    ...ERROR_RESPONSES,
  },
});
const createWebhookRoute = createRoute({
  method: "post",
  path: "/webhooks",
  summary: "Register an endpoint (owner, admin); its signing secret is shown once",
  request: { body: jsonBody(CreateWebhookSchema) },
  responses: { 201: jsonResponse("The endpoint with its secret", WithSecretSchema), ...ERROR_RESPONSES },
});
const updateRoute = createRoute({
  method: "patch",
  path: "/webhooks/{id}",
  summary: "Change an endpoint's address, events, filter or turn it on or off (owner, admin)",
  request: { params: IdParamSchema, body: jsonBody(UpdateWebhookSchema) },
  responses: { 200: jsonResponse("The endpoint", WebhookSchema), ...ERROR_RESPONSES },
});
const deleteRoute = createRoute({
  method: "delete",
  path: "/webhooks/{id}",
  summary: "Delete an endpoint (owner, admin); restorable",
  request: { params: IdParamSchema },
  responses: { 204: { description: "Deleted: it sends nothing until restored" }, ...ERROR_RESPONSES },
});
const restoreRoute = createRoute({
  method: "post",
  path: "/webhooks/{id}/restore",
  summary: "Undo an endpoint's deletion (owner, admin)",
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse("The endpoint", WebhookSchema), ...ERROR_RESPONSES },
});
const rotateRoute = createRoute({
  method: "post",
  path: "/webhooks/{id}/rotate-secret",
  summary: "A new signing secret, shown once; the previous one also signs for 24 hours (owner, admin)",
  request: { params: IdParamSchema },
  responses: { 200: jsonResponse("The endpoint with its new secret", WithSecretSchema), ...ERROR_RESPONSES },
});
const deliveriesRoute = createRoute({
  method: "get",
  path: "/webhooks/{id}/deliveries",
  summary: "An endpoint's delivery log, newest first, paged with nextCursor (owner, admin)",
  request: { params: IdParamSchema, query: DeliveriesQuerySchema },
  responses: {
    200: jsonResponse(
      "A page of deliveries; nextCursor is null on the last page",
      z.object({ items: z.array(DeliverySchema), nextCursor: IdSchema.nullable() }),
    ),
    ...ERROR_RESPONSES,
  },
});
const replayRoute = createRoute({
  method: "post",
  path: "/webhooks/{id}/deliveries/{deliveryId}/replay",
  summary: "Send a delivery's event again, as a new delivery with the same webhook-id (owner, admin)",
  request: { params: DeliveryParamSchema },
  responses: { 202: jsonResponse("The new delivery, queued", DeliverySchema), ...ERROR_RESPONSES },
});

type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

function toWebhook(row: EndpointRow): z.infer<typeof WebhookSchema> {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as Array<z.infer<typeof EventTypeSchema>>,
    filter: { ownerId: row.filterOwnerId, tag: row.filterTag },
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt,
    previousSecretUntil: row.previousSecretUntil,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toDelivery(row: DeliveryRow): z.infer<typeof DeliverySchema> {
  return {
    id: row.id,
    messageId: row.messageId,
    eventType: row.eventType as z.infer<typeof EventTypeSchema>,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt:
      row.status === "pending" && row.nextAttemptMs !== null ? new Date(row.nextAttemptMs).toISOString() : null,
    createdAt: row.createdAt,
    lastAttemptAt: row.lastAttemptAt,
    responseStatus: row.responseStatus,
    latencyMs: row.latencyMs,
    responseExcerpt: row.responseExcerpt,
    error: row.error,
    replayOf: row.replayOf,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  };
}

/** A new signing secret in Standard Webhooks' form: `whsec_` and 32 random bytes in base64. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/**
 * Webhooks (owners and admins): endpoints with their events and filters, secret rotation, the
 * delivery log and replay. Events are written by the push path's outbox and sent by the worker
 * (`src/webhooks/`).
 */
export function webhookRoutes(deps: Deps) {
  const { db } = deps.database;
  const guard = new AddressGuard(deps.env.LEADPANE_WEBHOOK_ALLOW_HOSTS);
  const now = () => new Date(deps.now?.() ?? Date.now());

  /** 400 for an address Leadpane will not send to, said beside the field. */
  const checkUrl = (url: string) => {
    const why = guard.refuseAtRegistration(new URL(url));
    if (why) {
      const message = `Leadpane does not send to private network addresses: ${why}`;
      throw new ApiError(400, ERROR_CODES.invalidInput, message, [{ path: ["url"], message, code: "custom" }]);
    }
  };
  const checkOwner = async (tx: Tx, actor: Actor, ownerId: string | null | undefined) => {
    if (!ownerId) return;
    const [member] = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.id, ownerId), eq(members.workspaceId, actor.workspaceId)));
    if (!member) {
      const message = "is not a member of this workspace";
      throw new ApiError(400, ERROR_CODES.invalidInput, `filter.ownerId ${message}`, [
        { path: ["filter", "ownerId"], message, code: "custom" },
      ]);
    }
  };
  const find = async (tx: Db | Tx, actor: Actor, id: string, deleted = false) => {
    const [row] = await tx
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.workspaceId, actor.workspaceId)));
    if (!row || (row.deletedAt !== null) !== deleted) throw notFound("Webhook");
    return row;
  };
  const audit = (
    tx: Tx,
    actor: Actor,
    action: (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS],
    id: string,
    at: string,
  ) =>
    writeAudit(
      tx,
      { workspaceId: actor.workspaceId, memberId: actor.memberId, action, targetType: "webhook", targetId: id },
      at,
    );

  return createRouter()
    .openapi(listRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "manage webhooks");
      const rows = await db
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.workspaceId, actor.workspaceId), isNull(webhookEndpoints.deletedAt)))
        .orderBy(desc(webhookEndpoints.createdAt))
        .limit(MAX_ENDPOINTS * 2);
      return c.json({ items: rows.map(toWebhook) }, 200);
    })
    .openapi(createWebhookRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "manage webhooks");
      const body = c.req.valid("json");
      checkUrl(body.url);
      const at = now().toISOString();
      const row: EndpointRow = {
        id: newId(),
        workspaceId: actor.workspaceId,
        url: body.url,
        events: JSON.stringify([...new Set(body.events)]),
        filterOwnerId: body.filter?.ownerId ?? null,
        filterTag: body.filter?.tag ?? null,
        enabled: body.enabled ?? true,
        secret: newSecret(),
        previousSecret: null,
        previousSecretUntil: null,
        disabledReason: null,
        disabledAt: null,
        failingSinceMs: null,
        createdBy: actor.memberId,
        createdAt: at,
        updatedAt: at,
        deletedAt: null,
      };
      await withWriteTransaction(deps.database, async (tx) => {
        await checkOwner(tx, actor, row.filterOwnerId);
        const [live] = await tx
          .select({ n: count() })
          .from(webhookEndpoints)
          .where(and(eq(webhookEndpoints.workspaceId, actor.workspaceId), isNull(webhookEndpoints.deletedAt)));
        if ((live?.n ?? 0) >= MAX_ENDPOINTS)
          throw new ApiError(409, ERROR_CODES.conflict, `At most ${MAX_ENDPOINTS} webhooks per workspace`);
        await tx.insert(webhookEndpoints).values(row);
        await audit(tx, actor, AUDIT_ACTIONS.webhookCreated, row.id, at);
      });
      return c.json({ ...toWebhook(row), secret: row.secret }, 201);
    })
    .openapi(updateRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "manage webhooks");
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      if (body.url) checkUrl(body.url);
      const at = now().toISOString();
      const updated = await withWriteTransaction(deps.database, async (tx) => {
        const row = await find(tx, actor, id);
        if (body.filter?.ownerId) await checkOwner(tx, actor, body.filter.ownerId);
        const changes: Partial<EndpointRow> = { updatedAt: at };
        if (body.url) changes.url = body.url;
        if (body.events) changes.events = JSON.stringify([...new Set(body.events)]);
        if (body.filter && "ownerId" in body.filter) changes.filterOwnerId = body.filter.ownerId ?? null;
        if (body.filter && "tag" in body.filter) changes.filterTag = body.filter.tag ?? null;
        if (body.enabled !== undefined) {
          changes.enabled = body.enabled;
          // Turned back on by a person: the reason it was turned off no longer holds.
          if (body.enabled) Object.assign(changes, { disabledReason: null, disabledAt: null, failingSinceMs: null });
        }
        await tx.update(webhookEndpoints).set(changes).where(eq(webhookEndpoints.id, row.id));
        await audit(tx, actor, AUDIT_ACTIONS.webhookUpdated, row.id, at);
        return { ...row, ...changes };
      });
      return c.json(toWebhook(updated), 200);
    })
    .openapi(deleteRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "manage webhooks");
      const { id } = c.req.valid("param");
      const at = now().toISOString();
      await withWriteTransaction(deps.database, async (tx) => {
        await find(tx, actor, id);
        await tx.update(webhookEndpoints).set({ deletedAt: at, updatedAt: at }).where(eq(webhookEndpoints.id, id));
        await audit(tx, actor, AUDIT_ACTIONS.webhookDeleted, id, at);
      });
      return c.body(null, 204);
    })
    .openapi(restoreRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "manage webhooks");
      const { id } = c.req.valid("param");
      const at = now().toISOString();
      const restored = await withWriteTransaction(deps.database, async (tx) => {
        const row = await find(tx, actor, id, true);
        const [live] = await tx
          .select({ n: count() })
          .from(webhookEndpoints)
          .where(and(eq(webhookEndpoints.workspaceId, actor.workspaceId), isNull(webhookEndpoints.deletedAt)));
        if ((live?.n ?? 0) >= MAX_ENDPOINTS)
          throw new ApiError(409, ERROR_CODES.conflict, `At most ${MAX_ENDPOINTS} webhooks per workspace`);
        await tx.update(webhookEndpoints).set({ deletedAt: null, updatedAt: at }).where(eq(webhookEndpoints.id, id));
        await audit(tx, actor, AUDIT_ACTIONS.webhookRestored, id, at);
        return { ...row, deletedAt: null, updatedAt: at };
      });
      return c.json(toWebhook(restored), 200);
    })
    .openapi(rotateRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "manage webhooks");
      const { id } = c.req.valid("param");
      const at = now();
      const rotated = await withWriteTransaction(deps.database, async (tx) => {
        const row = await find(tx, actor, id);
        const changes = {
          secret: newSecret(),
          previousSecret: row.secret,
          previousSecretUntil: new Date(at.getTime() + ROTATION_OVERLAP_MS).toISOString(),
          updatedAt: at.toISOString(),
        };
        await tx.update(webhookEndpoints).set(changes).where(eq(webhookEndpoints.id, id));
        await audit(tx, actor, AUDIT_ACTIONS.webhookSecretRotated, id, at.toISOString());
        return { ...row, ...changes };
      });
      return c.json({ ...toWebhook(rotated), secret: rotated.secret }, 200);
    })
    .openapi(deliveriesRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "manage webhooks");
      const { id } = c.req.valid("param");
      const query = c.req.valid("query");
      await find(db, actor, id);
      const conditions = [eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.workspaceId, actor.workspaceId)];
      if (query.cursor) conditions.push(lt(webhookDeliveries.id, query.cursor));
      const rows = await db
        .select()
        .from(webhookDeliveries)
        .where(and(...conditions))
        .orderBy(desc(webhookDeliveries.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return c.json(
        { items: page.map(toDelivery), nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null },
        200,
      );
    })
    .openapi(replayRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "manage webhooks");
      const { id, deliveryId } = c.req.valid("param");
      const at = now();
      const replay = await withWriteTransaction(deps.database, async (tx) => {
        const endpoint = await find(tx, actor, id);
        const [original] = await tx
          .select()
          .from(webhookDeliveries)
          .where(
            and(
              eq(webhookDeliveries.id, deliveryId),
              eq(webhookDeliveries.endpointId, endpoint.id),
              eq(webhookDeliveries.workspaceId, actor.workspaceId),
            ),
          );
        if (!original) throw notFound("Delivery");
        // The same message (payload and webhook-id: it identifies the event, so a receiver that
        // already has it can drop the duplicate), sent as a new delivery with its own log.
        const row: DeliveryRow = {
          id: newId(),
          workspaceId: actor.workspaceId,
          endpointId: endpoint.id,
          messageId: original.messageId,
          eventType: original.eventType,
          payload: original.payload,
          status: "pending",
          attempts: 0,
          nextAttemptMs: at.getTime(),
          createdAt: at.toISOString(),
          createdMs: at.getTime(),
          lastAttemptAt: null,
          responseStatus: null,
          latencyMs: null,
          responseExcerpt: null,
          error: null,
          replayOf: original.id,
        };
        await tx.insert(webhookDeliveries).values(row);
        await writeAudit(
          tx,
          {
            workspaceId: actor.workspaceId,
            memberId: actor.memberId,
            action: AUDIT_ACTIONS.webhookReplayed,
            targetType: "webhook",
            targetId: endpoint.id,
            detail: { delivery: original.id },
          },
          at.toISOString(),
        );
        return row;
      });
      return c.json(toDelivery(replay), 202);
    });
}
