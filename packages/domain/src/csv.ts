import Papa from "papaparse";

/** What a spreadsheet runs as a formula at the start of a cell. */
export const CSV_FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Records as CSV: columns are the union of their fields (id first), in first-seen order; list
 * fields joined by "; ", nested objects as JSON. Every cell that starts with what a spreadsheet
 * reads as a formula (=, +, -, @, tab or carriage return) gets a leading `'`, however many lines it
 * has: papaparse's default pattern (`^….*$`) misses a cell with a line break, which `.` does not cross.
 * The API's export and the dashboard's list exports both write with it.
 */
export function toCsv(rows: ReadonlyArray<Record<string, unknown>>): string {
  const fields = ["id"];
  const seen = new Set(fields);
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        fields.push(key);
      }
    }
  }
  const data = rows.map((row) => fields.map((field) => cell(row[field])));
  return Papa.unparse({ fields, data }, { escapeFormulae: CSV_FORMULA_START, newline: "\r\n" });
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number"))
    return value.join("; ");
  return JSON.stringify(value);
}
