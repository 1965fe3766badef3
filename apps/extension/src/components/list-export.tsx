import { useState } from "preact/hooks";
import type { ListType } from "../local-db/list-rows.ts";
import { saveBlob } from "./download.ts";
import { plainFailure } from "./plain-failure.ts";

/**
 * Export the list as it is on screen (its filters and sort), or just the checked records when some
 * are: CSV for every list, vCard for leads and contacts. Written from this browser's copy, so it
 * works offline and exports exactly the rows shown.
 */
export function ListExport({
  type,
  plural,
  ids,
  selection,
  ready,
}: {
  type: ListType;
  plural: string;
  /** The records to export, in the list's order. */
  ids: readonly string[];
  /** Whether `ids` are the checked records (else every row the filters show). */
  selection: boolean;
  /** False while the whole list is still loading: only then would the export miss rows. */
  ready: boolean;
}) {
  const [problem, setProblem] = useState("");
  const count = ids.length.toLocaleString();
  // With a selection the button says so; without, its name adds how many rows (its words stay first).
  const label = (format: string) =>
    selection
      ? { text: `Export ${count} selected as ${format}`, name: undefined }
      : { text: `Export ${format}`, name: `Export ${format} (${count} ${plural})` };
  const csv = label("CSV");
  const vcard = label("vCard");
  const day = new Date().toISOString().slice(0, 10);
  const save = async (format: "csv" | "vcf") => {
    setProblem("");
    try {
      // The writers (papaparse, ical.js) load on the first export, not with the list.
      const { listCsv, listVcards } = await import("../local-db/list-export.ts");
      const text =
        format === "csv" ? await listCsv(type, ids) : await listVcards(type === "lead" ? "lead" : "contact", ids);
      const mime = format === "csv" ? "text/csv;charset=utf-8" : "text/vcard;charset=utf-8";
      saveBlob(new Blob([text], { type: mime }), `leadpane-${plural}-${day}.${format}`);
    } catch (e) {
      setProblem(`Nothing exported: ${plainFailure(e, "the file could not be written")}`);
    }
  };
  const disabled = !ready || ids.length === 0;
  return (
    <span class="row" data-testid="list-export">
      <button type="button" disabled={disabled} aria-label={csv.name} onClick={() => void save("csv")}>
        {csv.text}
      </button>
      {type !== "company" && (
        <button type="button" disabled={disabled} aria-label={vcard.name} onClick={() => void save("vcf")}>
          {vcard.text}
        </button>
      )}
      {problem && (
        <span class="error small" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}
