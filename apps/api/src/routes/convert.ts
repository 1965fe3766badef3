import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { conversionResult, CurrencySchema, IdSchema, newId, ShortText, type RecordType } from "@leadpane/domain";
import type { RecordReader } from "@leadpane/domain/sync";
import type { AppEnv, Deps } from "../app-env.ts";
import { rowToSynced, toPublicRecord } from "../db/mappers.ts";
import { records } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { validate } from "../middleware/validate.ts";
import { applyServerMutations } from "../sync/push.ts";

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

/**
 * `POST /v1/leads/:id/convert`: the lead becomes a contact (an existing one with the same email is
 * reused), a company by its registrable domain (never for free-mail), and optionally a deal.
 * Converting again the same way returns the same records; differently, 409.
 */
export function convertRoutes(deps: Deps) {
  const { db } = deps.database;
  const reader = (workspaceId: string): RecordReader => ({
    async get(type: RecordType, id: string) {
      const [row] = await db
        .select()
        .from(records)
        .where(and(eq(records.workspaceId, workspaceId), eq(records.type, type), eq(records.id, id)));
      return row ? rowToSynced(row) : undefined;
    },
  });

  return new Hono<AppEnv>().post("/leads/:id/convert", validate("param", z.object({ id: IdSchema })), validate("json", ConvertBodySchema), async (c) => {
    const actor = c.get("actor");
    const { id } = c.req.valid("param");
    const { deal } = c.req.valid("json");
    const lead = await reader(actor.workspaceId).get("lead", id);
    if (!lead || lead.deleted) throw notFound("lead");
    await applyServerMutations(deps.database, actor, [
      {
        name: "convertLead",
        args: { leadId: id, contactId: newId(), companyId: newId(), activityId: newId(), ...(deal ? { deal, dealId: newId() } : {}) },
      },
    ]);
    const result = await conversionResult(reader(actor.workspaceId), id);
    if (!result) throw notFound("lead");
    const view = (record: typeof result.contact) => (record ? toPublicRecord(record) : null);
    return c.json({ lead: toPublicRecord(result.lead), contact: view(result.contact), company: view(result.company), deal: view(result.deal) }, 200);
  });
}
