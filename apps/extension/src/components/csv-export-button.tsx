import { saveBlob } from "./download.ts";

/**
 * "Export CSV" for a view whose rows are already in memory (as shown, in their order), written by
 * the same function as the API's CSV export (formula cells neutralised).
 */
export function CsvExportButton({
  rows,
  name,
  what,
}: {
  rows: () => ReadonlyArray<Record<string, unknown>>;
  /** The file's name before the date, e.g. `tasks`. */
  name: string;
  /** What is exported, for the button's accessible name, e.g. "5 tasks". */
  what: string;
}) {
  const exportCsv = async () => {
    // The rows are read when clicked; the CSV writer (papaparse) loads on the first export.
    const shown = rows();
    const { toCsv } = await import("./csv-text.ts");
    saveBlob(
      new Blob([toCsv(shown)], { type: "text/csv;charset=utf-8" }),
      `leadpane-${name}-${new Date().toISOString().slice(0, 10)}.csv`,
    );
  };
  return (
    <button type="button" aria-label={`Export CSV (${what})`} onClick={() => void exportCsv()}>
      Export CSV
    </button>
  );
}
