import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { EmailSchema, IdSchema, IsoDateTimeSchema, WorkspaceSchema } from "@leadpane/domain";
import type { Deps } from "../app-env.ts";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import { rowToSynced } from "../db/mappers.ts";
import { type records, workspaces } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { assertCanManage } from "../middleware/auth.ts";
import { validate } from "../middleware/validate.ts";
import { withWriteTransaction } from "../sync/transaction.ts";
import { erasePerson } from "../privacy/erase.ts";
import { findPerson, type PersonQuery } from "../privacy/person.ts";
import { createRouter, ERROR_RESPONSES, jsonBody, jsonResponse } from "./openapi.ts";

type RecordRow = typeof records.$inferSelect;

/** Whom a privacy request is about: `email`, or `type` (lead or contact) with `id`. */
const PersonQuerySchema = z.union([
  z.strictObject({ email: EmailSchema }),
  z.strictObject({ type: z.enum(["lead", "contact"]), id: IdSchema }),
]);

/**
 * The query parameters of a privacy export, one by one (a query is documented per parameter, so
 * not as a union). `PersonQuerySchema` checks the request first; these then always pass.
 */
const PersonQueryParamsSchema = z.object({
  email: EmailSchema.optional(),
  type: z.enum(["lead", "contact"]).optional(),
  id: IdSchema.optional(),
});

/** One stored record as exported: its fields, whether it is deleted, and the values it held before. */
const ExportedRecordSchema = z.object({
  type: z.string(),
  id: IdSchema,
  deleted: z.boolean(),
  data: z.record(z.string(), z.unknown()),
  history: z.array(z.record(z.string(), z.unknown())),
});

/** Everything the workspace holds about one person. */
const PersonExportSchema = z.object({
  subject: z.union([z.object({ email: z.string() }), z.object({ type: z.enum(["lead", "contact"]), id: IdSchema })]),
  exportedAt: IsoDateTimeSchema,
  workspace: WorkspaceSchema,
  emails: z.array(z.string()),
  leads: z.array(ExportedRecordSchema),
  contacts: z.array(ExportedRecordSchema),
  activities: z.array(ExportedRecordSchema),
  tasks: z.array(ExportedRecordSchema),
  mentions: z.array(ExportedRecordSchema).describe("Other records that name the person (notes, activities)"),
  provenance: z.array(
    z.object({
      recordType: z.string(),
      recordId: IdSchema,
      field: z.string(),
      url: z.string().nullable(),
      method: z.string(),
      at: z.string().nullable(),
      by: z.string().nullable(),
    }),
  ),
});

const exportPersonRoute = createRoute({
  method: "get",
  path: "/privacy/export",
  summary: "Everything held about one person, with provenance (owner, admin; audited): give email, or type with id",
  middleware: validate("query", PersonQuerySchema),
  request: { query: PersonQueryParamsSchema },
  responses: { 200: jsonResponse("The person's data, as a JSON file", PersonExportSchema), ...ERROR_RESPONSES },
});

const erasePersonRoute = createRoute({
  method: "post",
  path: "/privacy/erase",
  summary: "Erase a person: hard delete, scrub mentions, propagate to every client (owner, admin; audited)",
  request: { body: jsonBody(PersonQuerySchema) },
  responses: {
    200: jsonResponse(
      "What was erased",
      z.object({
        erased: z.record(z.string(), z.number()).describe("Records deleted, by type"),
        scrubbed: z.number().describe("Records whose mentions of the person were removed"),
        version: z.number().describe("The workspace version at which clients learn of it"),
      }),
    ),
    ...ERROR_RESPONSES,
  },
});

/**
 * Data-subject requests (owners and admins): `GET /v1/privacy/export` returns everything the
 * workspace holds about one person, with where each piece came from; `POST /v1/privacy/erase`
 * deletes it for good, on the server and (through pull) on every synced client. Both are audited.
 */
export function privacyRoutes(deps: Deps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(exportPersonRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "export a person's data");
      const query = c.req.valid("query") as PersonQuery;
      const found = await findPerson(db, actor.workspaceId, query);
      if (!found) throw notFound("type" in query ? query.type : "Record");
      const [workspace] = await db
        .select({ id: workspaces.id, name: workspaces.name })
        .from(workspaces)
        .where(eq(workspaces.id, actor.workspaceId));
      const exportedAt = new Date().toISOString();
      const ofType = (rows: RecordRow[], type: string) => rows.filter((row) => row.type === type).map(exportItem);
      const body = {
        subject: "email" in query ? { email: query.email } : { type: query.type, id: query.id },
        exportedAt,
        workspace: workspace!,
        emails: found.emails,
        leads: ofType(found.people, "lead"),
        contacts: ofType(found.people, "contact"),
        activities: ofType(found.about, "activity"),
        tasks: ofType(found.about, "task"),
        mentions: found.mentions.map(exportItem),
        provenance: provenanceOf([...found.people, ...found.about]),
      };
      // Ids only: the audit row says what was exported, not the personal data itself.
      const audited = {
        workspaceId: actor.workspaceId,
        memberId: actor.memberId,
        action: AUDIT_ACTIONS.personExported,
        targetType: "type" in query ? query.type : null,
        targetId: "type" in query ? query.id : null,
        detail: {
          records: [...found.people, ...found.about].slice(0, 500).map((row) => ({ type: row.type, id: row.id })),
          mentions: found.mentions.length,
        },
      };
      await withWriteTransaction(deps.database, (tx) => writeAudit(tx, audited, exportedAt));
      c.header("Content-Disposition", `attachment; filename="leadpane-person-${exportedAt.slice(0, 10)}.json"`);
      return c.json(body, 200);
    })
    .openapi(erasePersonRoute, async (c) => {
      const actor = c.get("actor");
      assertCanManage(actor, "erase a person's data");
      const summary = await erasePerson(deps.database, actor, c.req.valid("json") as PersonQuery);
      return c.json(summary, 200);
    });
}

/** One stored record as exported: its fields, whether it is deleted, and the values it held before. */
function exportItem(row: RecordRow) {
  const record = rowToSynced(row);
  return { type: record.type, id: record.id, deleted: record.deleted, data: record.data, history: record.meta.history };
}

/** Where each piece of a person's data came from: per-field provenance, lead sources and captures. */
function provenanceOf(rows: RecordRow[]) {
  const out: Array<{
    recordType: string;
    recordId: string;
    field: string;
    url: string | null;
    method: string;
    at: string | null;
    by: string | null;
  }> = [];
  for (const row of rows) {
    const record = rowToSynced(row);
    if (record.type === "lead" || record.type === "contact") {
      for (const [field, entries] of Object.entries(record.data.provenance ?? {})) {
        for (const entry of entries) {
          out.push({
            recordType: row.type,
            recordId: row.id,
            field,
            url: str(entry.url),
            method: str(entry.method) ?? "unknown",
            at: str(entry.at),
            by: str(entry.by),
          });
        }
      }
    }
    if (record.type === "lead" && record.data.source) {
      const { source } = record.data;
      out.push({
        recordType: row.type,
        recordId: row.id,
        field: "*",
        url: str(source.url),
        method: `source:${str(source.kind) ?? "unknown"}`,
        at: str(record.data.createdAt),
        by: null,
      });
    }
    if (record.type === "activity" && record.data.type === "capture") {
      const details = record.data.data ?? {};
      out.push({
        recordType: row.type,
        recordId: row.id,
        field: "*",
        url: str(details.url),
        method: "capture",
        at: str(record.data.occurredAt),
        by: str(record.data.authorId),
      });
    }
  }
  return out;
}

function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}
