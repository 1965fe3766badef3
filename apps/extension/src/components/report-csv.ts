import { CSV_FORMULA_START } from "@leadpane/domain";
import Papa from "papaparse";

/**
 * A report's table as CSV: a header row, then one row per line of the table. A cell a spreadsheet
 * would run as a formula gets a leading `'` (papaparse's escapeFormulae, with the pattern the API's
 * export uses, which also catches a cell with a line break).
 */
export function reportCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return Papa.unparse(
    {
      fields: [...header],
      data: rows.map((row) => row.map((cell) => (typeof cell === "number" ? String(cell) : cell))),
    },
    { escapeFormulae: CSV_FORMULA_START, newline: "\r\n" },
  );
}
