import { createRoute, z } from "@hono/zod-openapi";
import { IdSchema, type RecordType } from "@leadpane/domain";
import {
  REPORT_NAMES,
  ReportDateSchema,
  type ReportName,
  ReportSourceSchema,
  runReport,
} from "@leadpane/domain/reports";
import type { Deps } from "../app-env.ts";
import { forecastSnapshotsOf } from "../reports/forecast-snapshots.ts";
import { liveRecords, pipelineOfWorkspace } from "../reports/records.ts";
import { createRouter, ERROR_RESPONSES, jsonResponse } from "./openapi.ts";

/** Days a report covers when `from` is not given: the 90 days up to `to`. */
const DEFAULT_DAYS = 90;

/** Query of `GET /v1/reports/<name>`. */
const ReportQuerySchema = z
  .strictObject({
    from: ReportDateSchema.optional().meta({
      description: `First day (UTC), included; default ${DEFAULT_DAYS} days before \`to\``,
    }),
    to: ReportDateSchema.optional().meta({ description: "Last day (UTC), included; default today" }),
    owner: IdSchema.optional().meta({
      description: "A member id: records they own (activities they wrote, tasks assigned to them)",
    }),
    source: ReportSourceSchema.optional().meta({ description: "A lead source kind; deals by their lead's source" }),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: "from must be on or before to",
    path: ["from"],
  });

/** The record types each report reads (the fewer, the faster). */
const READS: Record<ReportName, RecordType[]> = {
  "lead-funnel": ["lead", "activity"],
  "lead-conversion": ["lead", "activity"],
  pipeline: ["deal", "lead"],
  forecast: ["deal", "activity", "lead"],
  "win-loss": ["deal", "activity", "lead"],
  activity: ["activity", "task", "lead"],
};

const DESCRIPTIONS: Record<ReportName, string> = {
  "lead-funnel":
    "Leads created in the range by status in lifecycle order (new, working, qualified, converted), in both of " +
    "HubSpot's modes: `inOrder` (through every earlier step first) and `anyTime` (ever reached); each step with " +
    "`count`, `fromPrevious`, `fromFirst`, `dropOff` and the lead `ids`; and `unqualified`.",
  "lead-conversion":
    "Over leads created in the range: `bySource` and `byOwner` (leads, converted, rate, medianDays, ids), " +
    "`weekly` new leads by source, `unqualifiedReasons`.",
  pipeline: "Open deals created in the range: `stages` with count, value and weighted value per stage and currency.",
  forecast:
    "This quarter's forecast (the quarter of today; from/to do not apply): per currency closedWon, commit " +
    "(stages ≥ 75 %), bestCase and weighted, over won deals closed this quarter and open deals expected to close in it.",
  "win-loss":
    "Deals won and lost in the range by month of closing, with win rate; per currency average won size and days to close.",
  activity:
    "Per rep per week: captures, notes, emails, calls, meetings and tasks done in the range; `overdue` open tasks per assignee now.",
};

function reportRoute(name: ReportName) {
  return createRoute({
    method: "get",
    path: `/reports/${name}`,
    summary: `Report: ${name} (any role; the same numbers the extension computes offline)`,
    description: DESCRIPTIONS[name],
    request: { query: ReportQuerySchema },
    responses: {
      200: jsonResponse(
        "The report, amounts in minor units, rates as fractions (0–1)",
        z.record(z.string(), z.unknown()).meta({ description: DESCRIPTIONS[name] }),
      ),
      ...ERROR_RESPONSES,
    },
  });
}

const SnapshotSchema = z
  .object({
    week: z.string().meta({ description: "The week's Monday (UTC), YYYY-MM-DD" }),
    takenAt: z.string(),
    quarter: z.object({ from: z.string(), to: z.string(), label: z.string() }),
    currencies: z.array(
      z.object({
        currency: z.string(),
        closedWon: z.number(),
        commit: z.number(),
        bestCase: z.number(),
        weighted: z.number(),
      }),
    ),
    actual: z
      .array(z.object({ currency: z.string(), closedWon: z.number() }))
      .meta({ description: "Won deals closed in the snapshot's quarter, as of now" }),
  })
  .meta({ id: "ForecastSnapshot" });

const snapshotsRoute = createRoute({
  method: "get",
  path: "/reports/forecast/snapshots",
  summary:
    "The forecast as it stood each week (up to a year, newest first) beside what has closed won since (any role)",
  description:
    "One snapshot per ISO week of the whole workspace's forecast, taken the first time a week's snapshots are read " +
    "or by the API process's hourly job; `actual` is what has since closed won in the snapshot's quarter.",
  responses: { 200: jsonResponse("The snapshots", z.object({ items: z.array(SnapshotSchema) })), ...ERROR_RESPONSES },
});

/** `GET /v1/reports/<name>`: the domain's report over this workspace's live records (any role may read). */
export function reportRoutes(deps: Deps) {
  const { db } = deps.database;
  const router = createRouter().openapi(snapshotsRoute, async (c) => {
    const now = new Date(deps.now?.() ?? Date.now()).toISOString();
    return c.json({ items: await forecastSnapshotsOf(deps.database, c.get("actor").workspaceId, now) }, 200);
  });
  for (const name of REPORT_NAMES) {
    router.openapi(reportRoute(name), async (c) => {
      const workspaceId = c.get("actor").workspaceId;
      const query = c.req.valid("query");
      const now = new Date(deps.now?.() ?? Date.now()).toISOString();
      const to = query.to ?? now.slice(0, 10);
      const from =
        query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - DEFAULT_DAYS * 86_400_000).toISOString().slice(0, 10);
      const pipeline = await pipelineOfWorkspace(db, workspaceId);
      const live = await liveRecords(db, workspaceId, READS[name]);
      const report = runReport(name, live, {
        from,
        to,
        owner: query.owner ?? null,
        source: query.source ?? null,
        now,
        pipeline,
      });
      return c.json({ report: name, from, to, ...report } as Record<string, unknown>, 200);
    });
  }
  return router;
}
