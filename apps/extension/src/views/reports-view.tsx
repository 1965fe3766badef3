import { recordLabel, type Member, type RecordType, type WorkspaceSettings } from "@leadpane/domain";
import {
  activityReport,
  forecast,
  type FunnelMode,
  leadConversion,
  leadFunnel,
  pipelineReport,
  ReportDateSchema,
  type ReportOptions,
  type ReportSource,
  winLoss,
} from "@leadpane/domain/reports";
import type { SyncedRecord } from "@leadpane/domain/sync";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { formatDay, recordHref, statusLabel } from "../components/format.ts";
import { type ForecastSnapshot, readForecastSnapshots } from "../components/forecast-snapshots-api.ts";
import { ReportCardView, type Selection } from "../components/report-card.tsx";
import type { Session } from "../chrome-storage.ts";
import { useLiveQuery } from "../hooks/use-live-query.ts";
import { recordsByIds, reportRecords } from "../local-db/queries.ts";
import {
  activityCards,
  conversionCards,
  forecastCard,
  forecastVsActualCard,
  funnelCard,
  pipelineCard,
  type ReportCard,
  type SnapshotLine,
  winLossCards,
} from "./report-cards.ts";

const SOURCES: ReportSource[] = ["web", "email", "manual", "import"];
/** Days the view covers when opened: the 90 days up to today (as the API's default). */
const DEFAULT_DAYS = 90;
/** Most records listed behind one bar (the list says how many more there are). */
const MAX_LISTED = 200;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Reports over the local copy of the workspace (so they work offline): the lead funnel, conversion,
 * pipeline, forecast, win-loss and activity, for a period, a rep and a source. The numbers are the
 * API's (`GET /v1/reports/<name>`): both run the domain's report functions over the same records.
 */
export function ReportsView({
  session,
  members,
  settings,
}: {
  session: Session;
  members: Map<string, Member>;
  settings: WorkspaceSettings;
}) {
  const [from, setFrom] = useState(() => day(Date.now() - DEFAULT_DAYS * 86_400_000));
  const [to, setTo] = useState(() => day(Date.now()));
  const [owner, setOwner] = useState("");
  const [source, setSource] = useState("");
  const [mode, setMode] = useState<FunnelMode>("in-order");
  const [selection, setSelection] = useState<Selection | null>(null);
  const records = useLiveQuery<SyncedRecord[] | undefined>(() => reportRecords(), [], undefined);
  // Weekly snapshots live on the server: read once when the view opens (null: not reachable now).
  const [snapshots, setSnapshots] = useState<ForecastSnapshot[] | null | undefined>(undefined);
  useEffect(() => {
    readForecastSnapshots(session).then(setSnapshots, () => setSnapshots(null));
  }, [session]);

  const fromError = ReportDateSchema.safeParse(from).success ? null : "Enter a start date.";
  const toError = ReportDateSchema.safeParse(to).success
    ? !fromError && from > to
      ? "The end date is before the start date."
      : null
    : "Enter an end date.";
  // The last period that made sense: a half-typed date keeps the reports as they were.
  const [period, setPeriod] = useState({ from, to });
  useEffect(() => {
    if (!fromError && !toError) setPeriod({ from, to });
  }, [from, to, fromError, toError]);

  const cards = useMemo<ReportCard[] | null>(() => {
    if (!records) return null;
    const options: ReportOptions = {
      ...period,
      owner: owner || null,
      source: (source || null) as ReportSource | null,
      now: new Date().toISOString(),
      pipeline: settings.pipeline,
    };
    return [
      funnelCard(leadFunnel(records, options), mode),
      ...conversionCards(leadConversion(records, options), members),
      pipelineCard(pipelineReport(records, options), settings.currency),
      forecastCard(forecast(records, options), settings.currency),
      ...(snapshots
        ? [forecastVsActualCard(snapshotLines(snapshots, records, options, settings.currency), settings.currency)]
        : []),
      ...winLossCards(winLoss(records, options)),
      ...activityCards(activityReport(records, options), members),
    ];
  }, [records, period, owner, source, mode, members, settings, snapshots]);

  const listRef = useRef<HTMLElement>(null);
  const select = (next: Selection) => {
    setSelection(next);
    requestAnimationFrame(() => listRef.current?.focus());
  };

  return (
    <div class="stack reports">
      <form class="row toolbar report-filters" aria-label="Report filters" onSubmit={(e) => e.preventDefault()}>
        <label class="field">
          <span>From</span>
          <input
            type="date"
            value={from}
            aria-invalid={fromError ? true : undefined}
            aria-describedby={fromError ? "from-error" : undefined}
            onInput={(e) => setFrom(e.currentTarget.value)}
          />
          {fromError && (
            <span id="from-error" class="error small">
              {fromError}
            </span>
          )}
        </label>
        <label class="field">
          <span>To</span>
          <input
            type="date"
            value={to}
            aria-invalid={toError ? true : undefined}
            aria-describedby={toError ? "to-error" : undefined}
            onInput={(e) => setTo(e.currentTarget.value)}
          />
          {toError && (
            <span id="to-error" class="error small">
              {toError}
            </span>
          )}
        </label>
        <label class="field">
          <span>Rep</span>
          <select value={owner} onChange={(e) => setOwner(e.currentTarget.value)}>
            <option value="">Everyone</option>
            {[...members.values()].map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Source</span>
          <select value={source} onChange={(e) => setSource(e.currentTarget.value)}>
            <option value="">Any source</option>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {selection && <RecordsBehind selection={selection} listRef={listRef} onClose={() => setSelection(null)} />}
      {snapshots === null && (
        <p class="small muted" data-testid="snapshots-offline">
          Forecast vs actual needs a connection to the server, which keeps a forecast snapshot each week.
        </p>
      )}
      {cards === null ? (
        <div class="empty" aria-busy="true">
          Computing reports…
        </div>
      ) : (
        <div class="report-grid">
          {cards.map((card) => (
            <ReportCardView
              key={card.key}
              card={card}
              onSelect={select}
              controls={
                card.key === "lead-funnel" ? (
                  <fieldset class="segmented">
                    <legend class="visually-hidden">Funnel mode</legend>
                    <button type="button" aria-pressed={mode === "in-order"} onClick={() => setMode("in-order")}>
                      In order
                    </button>
                    <button type="button" aria-pressed={mode === "any-time"} onClick={() => setMode("any-time")}>
                      Reached at any time
                    </button>
                  </fieldset>
                ) : undefined
              }
            />
          ))}
        </div>
      )}
    </div>
  );
}

/**
 * The kept weeks in the workspace's currency, oldest first, with each quarter's actual closed won
 * as the server counted it and the won deals behind it from the local copy.
 */
function snapshotLines(
  snapshots: ForecastSnapshot[],
  records: readonly SyncedRecord[],
  options: ReportOptions,
  currency: string,
): SnapshotLine[] {
  const wonIds = new Map<string, string[]>();
  return [...snapshots].reverse().map((snapshot) => {
    const figures = snapshot.currencies.find((c) => c.currency === currency);
    let ids = wonIds.get(snapshot.quarter.from);
    if (!ids) {
      const quarter = forecast(records, {
        ...options,
        owner: null,
        source: null,
        now: `${snapshot.quarter.from}T00:00:00.000Z`,
      });
      ids = quarter.currencies.find((c) => c.currency === currency)?.wonIds ?? [];
      wonIds.set(snapshot.quarter.from, ids);
    }
    return {
      week: snapshot.week,
      quarter: snapshot.quarter.label,
      weighted: figures?.weighted ?? 0,
      commit: figures?.commit ?? 0,
      actual: snapshot.actual.find((c) => c.currency === currency)?.closedWon ?? 0,
      actualIds: ids,
    };
  });
}

/** The records behind the bar clicked last, each a link to its page. */
function RecordsBehind({
  selection,
  listRef,
  onClose,
}: {
  selection: Selection;
  listRef: preact.RefObject<HTMLElement>;
  onClose: () => void;
}) {
  const shown = selection.ids.slice(0, MAX_LISTED);
  const rows = useLiveQuery<SyncedRecord[] | undefined>(
    () => recordsByIds(selection.recordType, shown),
    [selection],
    undefined,
  );
  return (
    <section
      class="card stack records-behind"
      ref={listRef}
      tabIndex={-1}
      aria-labelledby="records-behind-title"
      data-testid="records-behind"
    >
      <div class="row">
        <h2 id="records-behind-title">
          {selection.title} ({selection.ids.length})
        </h2>
        <span class="spacer" />
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {selection.ids.length === 0 ? (
        <p class="muted">No records.</p>
      ) : (
        <ul class="plain-list">
          {(rows ?? []).map((record) => (
            <li key={record.id}>
              <RecordLink record={record} />
            </li>
          ))}
        </ul>
      )}
      {selection.ids.length > MAX_LISTED && (
        <p class="small muted">
          The first {MAX_LISTED} of {selection.ids.length} are listed.
        </p>
      )}
    </section>
  );
}

function RecordLink({ record }: { record: SyncedRecord }) {
  if (record.type === "activity") {
    const activity = record.data;
    return (
      <span>
        {statusLabel(activity.type)} · {formatDay(activity.occurredAt)} ·{" "}
        <a href={recordHref(activity.subject.type, activity.subject.id)}>open what it is about</a>
      </span>
    );
  }
  const label =
    recordLabel(record.type as RecordType, record.data as unknown as Record<string, unknown>) || "(unnamed)";
  const detail =
    record.type === "lead"
      ? statusLabel(record.data.status)
      : record.type === "deal"
        ? record.data.stage
        : record.type === "task"
          ? record.data.dueAt
            ? `due ${formatDay(record.data.dueAt)}`
            : ""
          : "";
  const href =
    record.type === "task"
      ? record.data.subject
        ? recordHref(record.data.subject.type, record.data.subject.id)
        : "#/tasks"
      : recordHref(record.type, record.id);
  return (
    <span>
      <a href={href}>{label}</a> {detail && <span class="small muted">· {detail}</span>}
    </span>
  );
}
