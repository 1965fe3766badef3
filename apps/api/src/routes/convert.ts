import { createRoute, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { conversionResult, CurrencySchema, IdSchema, newId, ShortText, type RecordType } from "@leadpane/domain";
import { isRecordOf, type RecordReader, type SyncedRecord } from "@leadpane/domain/sync";
import type { Deps } from "../app-env.ts";
import { rowToSynced, toPublicRecord } from "../db/mappers.ts";
import { records } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { applyServerMutations } from "../sync/push.ts";
import { createRouter, ERROR_RESPONSES, jsonBody, jsonResponse } from "./openapi.ts";
import { publicRecordSchema } from "./records.ts";

const ConvertBodySchema = z
  .object({
    deal: z
      .object({
        title: ShortText,
        amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        currency: CurrencySchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const convertRoute = createRoute({
  method: "post",
  path: "/leads/{id}/convert",
  summary: "Convert a lead into a contact, a company and optionally a deal",
  request: { params: z.object({ id: IdSchema }), body: jsonBody(ConvertBodySchema) },
  responses: {
    200: jsonResponse(
      "The lead and what it became (the same records when converted again the same way)",
      z.object({
        lead: publicRecordSchema("lead"),
        contact: publicRecordSchema("contact").nullable(),
        company: publicRecordSchema("company").nullable(),
        deal: publicRecordSchema("deal").nullable(),
      }),
    ),
    ...ERROR_RESPONSES,
  },
});

/**
 * `POST /v1/leads/:id/convert`: the lead becomes a contact (an existing one with the same email is
 * reused), a company by its registrable domain (never for free-mail), and optionally a deal.
 * Converting again the same way returns the same records; differently, 409.
 */
export function convertRoutes(deps: Deps) {
  const { db } = deps.database;
  const reader = (workspaceId: string): RecordReader => ({
    async get<T extends RecordType>(type: T, id: string) {
      const [row] = await db
        .select()
        .from(records)
        .where(and(eq(records.workspaceId, workspaceId), eq(records.type, type), eq(records.id, id)));
      const record = row && rowToSynced(row);
      return record && isRecordOf(record, type) ? record : undefined;
    },
  });

  return createRouter().openapi(convertRoute, async (c) => {
    const actor = c.get("actor");
    const { id } = c.req.valid("param");
    const { deal } = c.req.valid("json");
    const lead = await reader(actor.workspaceId).get("lead", id);
    if (!lead || lead.deleted) throw notFound("lead");
    await applyServerMutations(deps.database, actor, [
      {
        name: "convertLead",
        args: {
          leadId: id,
          contactId: newId(),
          companyId: newId(),
          activityId: newId(),
          ...(deal ? { deal, dealId: newId() } : {}),
        },
      },
    ]);
    const result = await conversionResult(reader(actor.workspaceId), id);
    if (!result) throw notFound("lead");
    const view = (record: SyncedRecord | null) => (record ? toPublicRecord(record) : null);
    return c.json(
      {
        lead: toPublicRecord(result.lead),
        contact: view(result.contact),
        company: view(result.company),
        deal: view(result.deal),
      },
      200,
    );
  });
}
