import { createRoute, z } from "@hono/zod-openapi";
import {
  IdSchema,
  IsoDateTimeSchema,
  newId,
  RecordTypeSchema,
  TagSchema,
  WorkspaceSettingsSchema,
} from "@leadpane/domain";
import {
  draftKeys,
  guessMapping,
  IMPORT_FIELDS,
  type ImportAction,
  type ImportPart,
  type ImportTarget,
  importChanges,
  mapRow,
  matchSource,
  parseVcards,
  planImport,
  planImportUndo,
  type RowPlan,
  type RowResult,
  VCARD_HEADERS,
  VCARD_MAPPING,
  vcardRows,
} from "@leadpane/domain/import";
import type { SyncedRecord } from "@leadpane/domain/sync";
import Papa from "papaparse";
import type { Deps } from "../app-env.ts";
import type { Actor } from "../auth/actor.ts";
import { RECORD_COLUMNS, rowToSynced, storedRecordFromSql } from "../db/mappers.ts";
import { ApiError, ERROR_CODES, notFound } from "../errors.ts";
import { assertCanWrite } from "../middleware/auth.ts";
import { applyServerPlan } from "../sync/push.ts";
import { forEachTypeChunk, placeholders, rawTx, type SqlTx } from "../sync/raw-tx.ts";
import { createRouter, ERROR_RESPONSES, jsonBody, jsonResponse } from "./openapi.ts";

/** Most characters of file text one request takes (the body limit is 2 MB). */
export const MAX_IMPORT_CHARS = 1_500_000;
/** Most rows one request imports: a bigger file is sent in parts. */
export const MAX_IMPORT_ROWS = 5_000;
/** Keys per `IN (…)` list when finding existing records. */
const KEY_CHUNK = 400;

const ImportTargetSchema = z
  .union([z.enum(IMPORT_FIELDS), z.templateLiteral(["custom:", z.string().regex(/^[a-z][a-z0-9_]{0,63}$/)])])
  .meta({ description: `A column's destination: ${IMPORT_FIELDS.join(", ")}, or custom:<key> (a lead custom field)` });

const ImportRequestSchema = z
  .object({
    format: z.enum(["csv", "vcard"]),
    /** The file's text: CSV with a header row, or vCards. */
    text: z
      .string()
      .meta({ description: `The file's text, at most ${MAX_IMPORT_CHARS.toLocaleString("en")} characters` }),
    fileName: z.string().trim().max(200).optional(),
    mapping: z.array(ImportTargetSchema).max(200).optional().meta({
      description: "One target per CSV column; guessed from the headers when absent (vCards have a fixed one)",
    }),
    defaults: z
      .object({
        status: z.enum(["new", "working", "qualified"]).optional(),
        ownerId: IdSchema.nullable().optional(),
        tags: z.array(TagSchema).max(50).optional(),
      })
      .strict()
      .optional(),
    onMatch: z
      .enum(["update", "create", "skip"])
      .optional()
      .meta({ description: "For rows matching an existing record (default update)" }),
    choices: z
      .record(z.string().regex(/^[1-9]\d{0,5}$/, "must be a row number"), z.enum(["create", "update", "skip"]))
      .optional()
      .meta({
        description: "Per row number (1 = first data row): what to do instead of the plan, where the row allows it",
      }),
    dryRun: z.boolean().optional().meta({ description: "Answer the plan and write nothing" }),
  })
  .strict();

const RowPlanSchema = z
  .object({
    row: z.number().int(),
    action: z.enum(["create", "update", "skip", "error"]),
    reason: z.string(),
    choices: z.array(z.enum(["create", "update", "skip", "error"])),
    name: z.string().optional(),
    target: z.object({ type: RecordTypeSchema, id: IdSchema, name: z.string() }).optional(),
    changes: z.array(z.record(z.string(), z.unknown())).optional(),
    duplicateOf: z.number().int().optional(),
    errors: z.array(z.string()).optional(),
  })
  .meta({ id: "ImportRowPlan" });

const CountsSchema = z.object({ created: z.number(), updated: z.number(), skipped: z.number(), failed: z.number() });

const ImportEntrySchema = z
  .object({
    id: IdSchema,
    fileName: z.string(),
    format: z.enum(["csv", "vcard"]),
    createdAt: IsoDateTimeSchema,
    memberId: IdSchema.nullable(),
    memberName: z.string().nullable(),
    counts: CountsSchema,
    undoneAt: IsoDateTimeSchema.nullable(),
    undoneBy: IdSchema.nullable(),
  })
  .meta({ id: "Import" });
type ImportEntry = z.infer<typeof ImportEntrySchema>;

const importRoute = createRoute({
  method: "post",
  path: "/imports",
  summary: "Import leads from CSV or vCard text: the per-row plan (dryRun), or the import itself",
  description:
    "Rows matching an existing lead or contact (same email, same name and phone) update it, are created anyway " +
    "or skipped (`onMatch`, `choices`); rows repeating an earlier row are skipped; rows with errors are listed. " +
    "The writes go through the sync engine in one transaction (clients receive them at their next pull) and " +
    "the import is one entry of `GET /v1/imports`. Members and above; 413 past the size or row cap.",
  request: { body: jsonBody(ImportRequestSchema) },
  responses: {
    200: jsonResponse(
      "The plan (dryRun)",
      z.object({
        headers: z.array(z.string()),
        mapping: z.array(z.string()),
        counts: CountsSchema,
        rows: z.array(RowPlanSchema),
      }),
    ),
    201: jsonResponse(
      "Imported",
      z.object({
        import: ImportEntrySchema,
        headers: z.array(z.string()),
        mapping: z.array(z.string()),
        rows: z.array(RowPlanSchema),
      }),
    ),
    ...ERROR_RESPONSES,
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/imports",
  summary: "The workspace's import history, newest first",
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
  responses: { 200: jsonResponse("The imports", z.object({ items: z.array(ImportEntrySchema) })), ...ERROR_RESPONSES },
});

const UndoOutcomeSchema = z.object({
  type: RecordTypeSchema,
  id: IdSchema,
  name: z.string(),
  outcome: z.enum(["removed", "reverted", "partly", "kept", "gone"]),
  message: z.string(),
});

const undoRoute = createRoute({
  method: "post",
  path: "/imports/{id}/undo",
  summary: "Undo an import: what it created goes to the trash, what it changed goes back unless changed since",
  description:
    "Per record, the answer says what happened; a field someone changed after the import keeps its value. " +
    "409 when the import was already undone. Members and above.",
  request: { params: z.object({ id: IdSchema }) },
  responses: {
    200: jsonResponse("Undone", z.object({ import: ImportEntrySchema, records: z.array(UndoOutcomeSchema) })),
    ...ERROR_RESPONSES,
  },
});

/** The file's header and rows, or a 4xx saying what is wrong with it. */
function readFile(
  format: "csv" | "vcard",
  text: string,
): { headers: string[]; rows: string[][]; fixed: ImportTarget[] | null } {
  if (text.length > MAX_IMPORT_CHARS)
    throw new ApiError(
      413,
      ERROR_CODES.payloadTooLarge,
      `The file is larger than ${MAX_IMPORT_CHARS.toLocaleString("en")} characters: split it`,
    );
  let headers: string[];
  let rows: string[][];
  let fixed: ImportTarget[] | null = null;
  if (format === "vcard") {
    const { cards } = parseVcards(text);
    headers = VCARD_HEADERS;
    rows = vcardRows(cards);
    fixed = VCARD_MAPPING;
    if (!rows.length) throw new ApiError(400, ERROR_CODES.invalidInput, "The text holds no vCard with a name");
  } else {
    const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ""), { skipEmptyLines: "greedy" });
    const broken = parsed.errors.find((e) => e.type === "Quotes");
    if (broken)
      throw new ApiError(
        400,
        ERROR_CODES.invalidInput,
        `The CSV is not valid near row ${(broken.row ?? 0) + 1}: ${broken.message}`,
      );
    [headers = [], ...rows] = parsed.data;
    if (!headers.some((h) => h.trim())) throw new ApiError(400, ERROR_CODES.invalidInput, "The CSV has no header row");
  }
  if (!rows.length) throw new ApiError(400, ERROR_CODES.invalidInput, "The file has no rows to import");
  if (rows.length > MAX_IMPORT_ROWS)
    throw new ApiError(
      413,
      ERROR_CODES.payloadTooLarge,
      `The file has ${rows.length.toLocaleString("en")} rows; at most ${MAX_IMPORT_ROWS.toLocaleString("en")} per request: split it`,
    );
  return { headers, rows, fixed };
}

/** The live leads and contacts the rows' emails and phones find, with converted leads' contacts. */
async function loadSource(sql: SqlTx, workspaceId: string, results: readonly RowResult[]) {
  const keys = [...new Set(results.flatMap((r) => (r.ok ? draftKeys(r.draft) : [])))];
  const refs: Array<{ type: string; id: string }> = [];
  for (let i = 0; i < keys.length; i += KEY_CHUNK) {
    const chunk = keys.slice(i, i + KEY_CHUNK);
    const rows = await sql.execute({
      sql: `SELECT DISTINCT type, id FROM record_keys WHERE workspace_id = ? AND key IN (${placeholders(chunk.length)})`,
      args: [workspaceId, ...chunk],
    });
    for (const row of rows.rows) refs.push({ type: String(row.type), id: String(row.id) });
  }
  const records: SyncedRecord[] = [];
  const load = (wanted: Array<{ type: string; id: string }>) =>
    forEachTypeChunk(wanted, async (type, ids) => {
      const rows = await sql.execute({
        sql: `SELECT ${RECORD_COLUMNS} FROM records WHERE workspace_id = ? AND type = ? AND id IN (${placeholders(ids.length)})`,
        args: [workspaceId, type, ...ids],
      });
      for (const row of rows.rows) records.push(rowToSynced(storedRecordFromSql(row)));
    });
  await load(refs);
  const contacts = records.flatMap((r) =>
    r.type === "lead" && r.data.convertedContactId ? [{ type: "contact", id: r.data.convertedContactId }] : [],
  );
  await load(contacts);
  return matchSource(records);
}

/** The workspace's phone region, lead custom fields and members: what reading rows needs. */
async function rowContext(sql: SqlTx, workspaceId: string) {
  const row = (await sql.execute({ sql: "SELECT settings FROM workspaces WHERE id = ?", args: [workspaceId] })).rows[0];
  const settings = WorkspaceSettingsSchema.parse(JSON.parse(String(row?.settings ?? "{}")));
  const members = (
    await sql.execute({
      sql: "SELECT id, name, email FROM members WHERE workspace_id = ? AND removed_at IS NULL",
      args: [workspaceId],
    })
  ).rows.map((m) => ({ id: String(m.id), name: String(m.name), email: String(m.email) }));
  return { defaultRegion: settings.defaultRegion, customFields: settings.customFields, members };
}

/** A plan as the API answers it: without the draft, with the row's name. */
function publicPlan(plan: RowPlan) {
  const { draft, ...rest } = plan;
  return { ...rest, ...(draft ? { name: draft.name } : {}) };
}

async function readEntries(
  sql: SqlTx,
  workspaceId: string,
  where: string,
  args: unknown[],
  limit: number,
): Promise<ImportEntry[]> {
  const rows = await sql.execute({
    sql:
      "SELECT i.id, i.file_name, i.format, i.created_at, i.member_id, m.name AS member_name, i.created, i.updated, " +
      "i.skipped, i.failed, i.undone_at, i.undone_by FROM imports i LEFT JOIN members m ON m.id = i.member_id " +
      `WHERE i.workspace_id = ? ${where} ORDER BY i.created_at DESC, i.id DESC LIMIT ?`,
    args: [workspaceId, ...(args as string[]), limit],
  });
  return rows.rows.map((r) => ({
    id: String(r.id),
    fileName: String(r.file_name),
    format: r.format === "vcard" ? "vcard" : "csv",
    createdAt: String(r.created_at),
    memberId: r.member_id === null ? null : String(r.member_id),
    memberName: r.member_name === null ? null : String(r.member_name),
    counts: {
      created: Number(r.created),
      updated: Number(r.updated),
      skipped: Number(r.skipped),
      failed: Number(r.failed),
    },
    undoneAt: r.undone_at === null ? null : String(r.undone_at),
    undoneBy: r.undone_by === null ? null : String(r.undone_by),
  }));
}

/** `POST /v1/imports`, `GET /v1/imports` and `POST /v1/imports/:id/undo`. */
export function importRoutes(deps: Deps) {
  const { database } = deps;
  const plan = async (sql: SqlTx, actor: Actor, body: z.infer<typeof ImportRequestSchema>) => {
    const { headers, rows, fixed } = readFile(body.format, body.text);
    const context = await rowContext(sql, actor.workspaceId);
    const mapping = fixed ?? body.mapping ?? guessMapping(headers, context.customFields);
    if (mapping.length !== headers.length)
      throw new ApiError(
        400,
        ERROR_CODES.invalidInput,
        `The mapping names ${mapping.length} columns; the file has ${headers.length}`,
      );
    const ownerId = body.defaults?.ownerId;
    if (ownerId && !context.members.some((m) => m.id === ownerId))
      throw new ApiError(400, ERROR_CODES.invalidInput, "defaults.ownerId is not a member of this workspace");
    const results = rows.map((cells) => mapRow(cells, mapping, { ...context, defaults: body.defaults ?? {} }));
    const source = await loadSource(sql, actor.workspaceId, results);
    const plans = planImport(results, source, {
      onMatch: body.onMatch ?? "update",
      defaultRegion: context.defaultRegion,
    });
    return { headers, mapping, plans };
  };
  const choicesOf = (body: z.infer<typeof ImportRequestSchema>) =>
    Object.fromEntries(
      Object.entries(body.choices ?? {}).map(([row, action]) => [Number(row), action as ImportAction]),
    );

  return createRouter()
    .openapi(importRoute, async (c) => {
      const actor = c.get("actor");
      assertCanWrite(actor);
      const body = c.req.valid("json");
      if (body.dryRun) {
        const { headers, mapping, plans } = await plan(database.client, actor, body);
        const choices = choicesOf(body);
        const counts = importChanges(plans, choices, {
          importId: newId(),
          fileName: "",
          format: body.format,
          newId,
          now: new Date().toISOString(),
        }).counts;
        return c.json({ headers, mapping, counts, rows: plans.map(publicPlan) }, 200);
      }
      const importId = newId();
      const { result } = await applyServerPlan(database, actor, async (_reader, tx) => {
        const planned = await plan(rawTx(tx), actor, body);
        const commit = importChanges(planned.plans, choicesOf(body), {
          importId,
          fileName: body.fileName ?? "",
          format: body.format,
          newId,
          now: new Date().toISOString(),
        });
        return { mutations: commit.chunks.flat(), result: planned };
      });
      const [entry] = await readEntries(database.client, actor.workspaceId, "AND i.id = ?", [importId], 1);
      return c.json(
        { import: entry!, headers: result.headers, mapping: result.mapping, rows: result.plans.map(publicPlan) },
        201,
      );
    })
    .openapi(listRoute, async (c) => {
      const actor = c.get("actor");
      const items = await readEntries(database.client, actor.workspaceId, "", [], c.req.valid("query").limit);
      return c.json({ items }, 200);
    })
    .openapi(undoRoute, async (c) => {
      const actor = c.get("actor");
      assertCanWrite(actor);
      const { id } = c.req.valid("param");
      const { result } = await applyServerPlan(database, actor, async (reader, tx) => {
        const sql = rawTx(tx);
        const row = (
          await sql.execute({
            sql: "SELECT changes, undone_at FROM imports WHERE workspace_id = ? AND id = ?",
            args: [actor.workspaceId, id],
          })
        ).rows[0];
        if (!row) throw notFound("import");
        if (row.undone_at !== null) throw new ApiError(409, ERROR_CODES.conflict, "This import was already undone");
        const parts = JSON.parse(String(row.changes)) as Array<Pick<ImportPart, "created" | "updated">>;
        const undo = await planImportUndo(
          parts.map((p) => ({
            ...p,
            id,
            fileName: "",
            format: "csv",
            counts: { created: 0, updated: 0, skipped: 0, failed: 0 },
          })),
          reader,
        );
        return {
          mutations: undo.changes,
          result: undo.records,
          written: async () => {
            await sql.execute({
              sql: "UPDATE imports SET undone_at = ?, undone_by = ? WHERE workspace_id = ? AND id = ?",
              args: [new Date().toISOString(), actor.memberId, actor.workspaceId, id],
            });
          },
        };
      });
      const [entry] = await readEntries(database.client, actor.workspaceId, "AND i.id = ?", [id], 1);
      return c.json(
        { import: entry!, records: result.map((r) => ({ ...r, type: RecordTypeSchema.parse(r.type) })) },
        200,
      );
    });
}
