import { createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import {
  type Contact,
  EmailSchema,
  IdSchema,
  IsoDateTimeSchema,
  type Lead,
  RECORD_PATHS,
  RecordTypeSchema,
  RoleSchema,
  ShortText,
  toCsv,
} from "@leadpane/domain";
import type { Deps } from "../app-env.ts";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import { contactToVcard, leadToVcard, serializeVcards, type VcardRecord } from "@leadpane/domain/vcard";
import { rowToSynced, type StoredRecord, toPublicRecord } from "../db/mappers.ts";
import { members, records, workspaces } from "../db/schema.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";
import { assertOwner } from "../middleware/auth.ts";
import { withWriteTransaction } from "../sync/transaction.ts";
import { createRouter, ERROR_RESPONSES } from "./openapi.ts";

/** Query of `GET /v1/export`. */
const ExportQuerySchema = z.strictObject({
  format: z.enum(["json", "csv", "vcf"]).default("json"),
  type: RecordTypeSchema.optional(),
});

/** A whole-workspace export as JSON: records grouped by their path name (`leads`, `contacts`…). */
const WorkspaceExportSchema = z.object({
  exportedAt: IsoDateTimeSchema,
  workspace: z.object({ id: IdSchema, name: ShortText, createdAt: IsoDateTimeSchema }),
  members: z.array(
    z.object({ id: IdSchema, name: ShortText, email: EmailSchema, role: RoleSchema, createdAt: IsoDateTimeSchema }),
  ),
  records: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

const exportRoute = createRoute({
  method: "get",
  path: "/export",
  summary: "Whole-workspace export as JSON, one record type as CSV, or contacts or leads as vCard 4.0 (owner; audited)",
  request: { query: ExportQuerySchema },
  responses: {
    200: {
      description: "The export, as a file (Content-Disposition)",
      content: {
        "application/json": { schema: WorkspaceExportSchema },
        "text/csv": { schema: z.string() },
        "text/vcard": { schema: z.string() },
      },
    },
    ...ERROR_RESPONSES,
  },
});

/**
 * `GET /v1/export?format=json|csv|vcf&type=`: the whole workspace (owner only). JSON holds every record
 * type (or the one asked for) and the members; CSV holds one record type, one row per record, with
 * list fields joined by "; " and nested objects as JSON; vCard holds contacts or leads, one vCard 4.0
 * card each (UID = the record's id), contacts with their company's name. Deleted and merged-away
 * records are left out. Audited.
 */
export function exportRoutes(deps: Deps) {
  const { db } = deps.database;
  return createRouter().openapi(exportRoute, async (c) => {
    const actor = c.get("actor");
    assertOwner(actor, "export the workspace");
    const { format, type } = c.req.valid("query");
    if (format === "csv" && !type)
      throw new ApiError(
        400,
        ERROR_CODES.invalidInput,
        "A CSV export holds one record type: add type=lead (or contact, company, deal, activity, task)",
      );
    if (format === "vcf" && type !== "contact" && type !== "lead")
      throw new ApiError(400, ERROR_CODES.invalidInput, "A vCard export holds people: add type=contact or type=lead");
    const conditions = [eq(records.workspaceId, actor.workspaceId), eq(records.deleted, false)];
    if (type) conditions.push(eq(records.type, type));
    const rows = await db
      .select()
      .from(records)
      .where(and(...conditions))
      .orderBy(asc(records.type), asc(records.createdAt), asc(records.id));
    const items = rows.map((row) => ({ type: row.type, record: toPublicRecord(rowToSynced(row)) }));
    const exportedAt = new Date().toISOString();
    await withWriteTransaction(deps.database, (tx) =>
      writeAudit(
        tx,
        {
          workspaceId: actor.workspaceId,
          memberId: actor.memberId,
          action: AUDIT_ACTIONS.workspaceExported,
          targetType: type ?? null,
          detail: { format, records: items.length },
        },
        exportedAt,
      ),
    );
    const filename = `leadpane-${type ? RECORD_PATHS[type] : "workspace"}-${exportedAt.slice(0, 10)}.${format}`;
    c.header("Content-Disposition", `attachment; filename="${filename}"`);

    if (format === "csv") {
      c.header("Content-Type", "text/csv; charset=utf-8");
      return c.body(toCsv(items.map((item) => item.record)), 200);
    }
    if (format === "vcf") {
      c.header("Content-Type", "text/vcard; charset=utf-8");
      return c.body(serializeVcards(await peopleAsVcards(deps, actor.workspaceId, rows)), 200);
    }
    const [workspace] = await db
      .select({ id: workspaces.id, name: workspaces.name, createdAt: workspaces.createdAt })
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId));
    const team = await db
      .select({
        id: members.id,
        name: members.name,
        email: members.email,
        role: members.role,
        createdAt: members.createdAt,
      })
      .from(members)
      .where(and(eq(members.workspaceId, actor.workspaceId), isNull(members.removedAt)));
    const grouped: Record<string, Array<Record<string, unknown>>> = {};
    for (const t of type ? [type] : RecordTypeSchema.options) grouped[RECORD_PATHS[t]] = [];
    for (const item of items) grouped[RECORD_PATHS[item.type]]!.push(item.record);
    return c.json({ exportedAt, workspace: workspace!, members: team, records: grouped }, 200);
  });
}

/** Live leads or contacts as vCards; contacts get their company's name (merged-away records are left out). */
async function peopleAsVcards(deps: Deps, workspaceId: string, rows: StoredRecord[]): Promise<VcardRecord[]> {
  const leads: Lead[] = [];
  const contacts: Contact[] = [];
  for (const record of rows.map(rowToSynced)) {
    if (record.type === "lead" && !record.data.mergedIntoId) leads.push(record.data);
    if (record.type === "contact" && !record.data.mergedIntoId) contacts.push(record.data);
  }
  const companyIds = [...new Set(contacts.flatMap((contact) => (contact.companyId ? [contact.companyId] : [])))];
  const companyNames = new Map<string, string>();
  for (let i = 0; i < companyIds.length; i += 500) {
    const companies = await deps.database.db
      .select({ id: records.id, data: records.data })
      .from(records)
      .where(
        and(
          eq(records.workspaceId, workspaceId),
          eq(records.type, "company"),
          eq(records.deleted, false),
          inArray(records.id, companyIds.slice(i, i + 500)),
        ),
      );
    for (const company of companies) companyNames.set(company.id, String(JSON.parse(company.data).name ?? ""));
  }
  return [
    ...leads.map(leadToVcard),
    ...contacts.map((contact) => contactToVcard(contact, companyNames.get(contact.companyId ?? "") ?? null)),
  ];
}
