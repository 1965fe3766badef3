import { useState } from "preact/hooks";
import { saveBlob } from "./download.ts";
import { ReportChart } from "./report-chart.tsx";
import { reportCsv } from "./report-csv.ts";
import { cellText, type ReportCard } from "../views/report-cards.ts";

/** What a click on a bar (or its table cell) asks to list: the records behind one series of one row. */
export interface Selection {
  card: string;
  title: string;
  recordType: string;
  ids: string[];
}

/**
 * One report as a chart, its table (a real <table>, shown on demand) and a CSV download. Every bar
 * and every figure of the table lists the records behind it.
 */
export function ReportCardView({
  card,
  onSelect,
  controls,
}: {
  card: ReportCard;
  onSelect: (selection: Selection) => void;
  controls?: preact.ComponentChildren;
}) {
  const [table, setTable] = useState(false);
  const select = (series: number, row: number) => {
    const line = card.rows[row];
    const kind = card.series[series];
    if (!line || !kind) return;
    const label = card.series.length > 1 ? `${line.label} · ${kind.label}` : line.label;
    onSelect({
      card: card.key,
      title: `${card.title}: ${label}`,
      recordType: kind.recordType,
      ids: line.ids[series] ?? [],
    });
  };
  const header = [card.category, ...card.series.map((s) => s.label), ...card.extraColumns];
  const download = () => {
    const rows = card.rows.map((row) => [
      row.label,
      ...row.values.map((value, i) => (card.series[i]?.money ? cellText(value, card.series[i]!) : value)),
      ...row.extra,
    ]);
    saveBlob(new Blob([reportCsv(header, rows)], { type: "text/csv;charset=utf-8" }), `leadpane-${card.key}.csv`);
  };
  const headingId = `report-${card.key}`;
  return (
    <section class="card stack report-card" aria-labelledby={headingId} data-testid={`report-${card.key}`}>
      <div class="row report-head">
        <h2 id={headingId}>{card.title}</h2>
        {controls}
        <span class="spacer" />
        <button type="button" aria-pressed={table} onClick={() => setTable(!table)}>
          {table ? "Hide table" : "Show table"}
        </button>
        <button type="button" onClick={download} disabled={!card.rows.length}>
          Download CSV
        </button>
      </div>
      <p class="small muted">{card.note}</p>
      {card.rows.length === 0 ? (
        <p class="muted">Nothing in this period.</p>
      ) : (
        <ReportChart card={card} onSelect={select} />
      )}
      {table && card.rows.length > 0 && (
        <div class="report-table-wrap">
          <table class="report-table">
            <caption class="visually-hidden">{card.title}</caption>
            <thead>
              <tr>
                {header.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {card.rows.map((row, r) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  {row.values.map((value, s) => (
                    <td key={card.series[s]?.label} class="num">
                      {row.ids[s]?.length ? (
                        <button
                          type="button"
                          class="link"
                          aria-label={`${cellText(value, card.series[s]!)}: list the ${row.ids[s]!.length} records behind ${row.label}, ${card.series[s]!.label}`}
                          onClick={() => select(s, r)}
                        >
                          {cellText(value, card.series[s]!)}
                        </button>
                      ) : (
                        cellText(value, card.series[s]!)
                      )}
                    </td>
                  ))}
                  {row.extra.map((text, i) => (
                    <td key={card.extraColumns[i]} class="num">
                      {text}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
