import { and, desc, eq } from "drizzle-orm";
import { forecast, type ForecastReport, weekOf } from "@leadpane/domain/reports";
import type { Database } from "../db/client.ts";
import { forecastSnapshots, workspaces } from "../db/schema.ts";
import { liveRecords, pipelineOfWorkspace } from "./records.ts";

/** The record types a forecast reads. */
const FORECAST_READS = ["deal", "activity", "lead"] as const;
/** How often the API process makes sure every workspace has this week's snapshot. */
const SNAPSHOT_INTERVAL_MS = 60 * 60 * 1000;
/** Most weeks a listing answers (a year). */
const MAX_WEEKS = 53;

/** A forecast as a snapshot keeps it: the figures, not the deals' ids. */
export interface ForecastFigures {
  quarter: ForecastReport["quarter"];
  currencies: Array<{ currency: string; closedWon: number; commit: number; bestCase: number; weighted: number }>;
}

function figures(report: ForecastReport): ForecastFigures {
  return {
    quarter: report.quarter,
    currencies: report.currencies.map(({ currency, closedWon, commit, bestCase, weighted }) => ({
      currency,
      closedWon,
      commit,
      bestCase,
      weighted,
    })),
  };
}

/**
 * Takes this week's forecast snapshot of a workspace unless it has one: the whole workspace's
 * forecast (no owner or source) at `now`. Two takers at once keep the first (the primary key).
 */
export async function ensureForecastSnapshot(database: Database, workspaceId: string, now: string): Promise<void> {
  const { db } = database;
  const week = weekOf(now);
  const [existing] = await db
    .select({ week: forecastSnapshots.week })
    .from(forecastSnapshots)
    .where(and(eq(forecastSnapshots.workspaceId, workspaceId), eq(forecastSnapshots.week, week)));
  if (existing) return;
  const pipeline = await pipelineOfWorkspace(db, workspaceId);
  const report = forecast(await liveRecords(db, workspaceId, [...FORECAST_READS]), {
    from: week,
    to: week,
    now,
    pipeline,
  });
  await db
    .insert(forecastSnapshots)
    .values({ workspaceId, week, takenAt: now, data: JSON.stringify(figures(report)) })
    .onConflictDoNothing();
}

/** A kept week's forecast beside what has actually closed won in its quarter since. */
export interface ForecastSnapshotItem extends ForecastFigures {
  week: string;
  takenAt: string;
  /** Won deals closed in the snapshot's quarter, by currency, as of now. */
  actual: Array<{ currency: string; closedWon: number }>;
}

/** A workspace's weekly snapshots, newest first (this week's taken first if missing), with the actuals. */
export async function forecastSnapshotsOf(
  database: Database,
  workspaceId: string,
  now: string,
): Promise<ForecastSnapshotItem[]> {
  await ensureForecastSnapshot(database, workspaceId, now);
  const { db } = database;
  const rows = await db
    .select()
    .from(forecastSnapshots)
    .where(eq(forecastSnapshots.workspaceId, workspaceId))
    .orderBy(desc(forecastSnapshots.week))
    .limit(MAX_WEEKS);
  const pipeline = await pipelineOfWorkspace(db, workspaceId);
  const records = await liveRecords(db, workspaceId, [...FORECAST_READS]);
  const actuals = new Map<string, ForecastSnapshotItem["actual"]>();
  return rows.map((row) => {
    const kept = JSON.parse(row.data) as ForecastFigures;
    let actual = actuals.get(kept.quarter.from);
    if (!actual) {
      // Closed won depends only on the quarter: the forecast as of its first day gives it.
      const report = forecast(records, {
        from: kept.quarter.from,
        to: kept.quarter.to,
        now: `${kept.quarter.from}T00:00:00.000Z`,
        pipeline,
      });
      actual = report.currencies.map((c) => ({ currency: c.currency, closedWon: c.closedWon }));
      actuals.set(kept.quarter.from, actual);
    }
    return { week: row.week, takenAt: row.takenAt, ...kept, actual };
  });
}

/** Every hour, this week's snapshot for every workspace that lacks one; returns a stop function. */
export function startForecastSnapshotJob(database: Database, now: () => number = Date.now): () => void {
  const run = async () => {
    try {
      const all = await database.db.select({ id: workspaces.id }).from(workspaces);
      for (const { id } of all) await ensureForecastSnapshot(database, id, new Date(now()).toISOString());
    } catch (error) {
      console.error(JSON.stringify({ level: "error", msg: "forecast snapshots failed", error: String(error) }));
    }
  };
  void run();
  const timer = setInterval(run, SNAPSHOT_INTERVAL_MS);
  timer.unref?.();
  return () => clearInterval(timer);
}
