import type { ImportAction, OnMatch, RowPlan } from "@leadpane/domain/import";
import { useState } from "preact/hooks";
import { saveBlob } from "./download.ts";
import { ACTION_LABELS } from "./import-words.ts";

/** Rows shown at once in the preview (the counts cover all of them). */
const SHOWN = 200;

type Filter = "all" | ImportAction;

/** The action each row will take, with the user's choices applied. */
export function finalAction(plan: RowPlan, choices: Readonly<Record<number, ImportAction>>): ImportAction {
  const choice = choices[plan.row];
  return choice && plan.choices.includes(choice) ? choice : plan.action;
}

/**
 * The preview before anything is written: how many rows each action takes, what to do with every
 * row matching an existing record, and per row its action (changeable where the row allows) and
 * the reason in words. Rows with errors are listed with their problems and can be downloaded.
 */
export function ImportPreview({
  plans,
  headers,
  rows,
  choices,
  onMatch,
  fileName,
  onChoose,
  onMatchChange,
}: {
  plans: readonly RowPlan[];
  headers: readonly string[];
  rows: readonly string[][];
  choices: Readonly<Record<number, ImportAction>>;
  onMatch: OnMatch;
  fileName: string;
  onChoose: (row: number, action: ImportAction) => void;
  onMatchChange: (onMatch: OnMatch) => void;
}) {
  const [filter, setFilter] = useState<Filter>("all");
  const counts = { create: 0, update: 0, skip: 0, error: 0 };
  for (const plan of plans) counts[finalAction(plan, choices)] += 1;
  const shown = plans.filter((p) => filter === "all" || finalAction(p, choices) === filter);
  const errors = plans.filter((p) => p.action === "error");
  const downloadErrors = async () => {
    // papaparse (its writer) loads when the errors are downloaded; the file was parsed in a worker.
    const { default: Papa } = await import("papaparse");
    const csv = Papa.unparse([
      [...headers, "Row", "Problem"],
      ...errors.map((p) => [...(rows[p.row - 1] ?? []), String(p.row), (p.errors ?? [p.reason]).join(" ")]),
    ]);
    saveBlob(new Blob([csv], { type: "text/csv" }), `${fileName.replace(/\.[^.]+$/, "") || "import"}-errors.csv`);
  };
  return (
    <div class="stack" data-testid="import-preview">
      <p class="import-counts" data-testid="import-counts">
        {counts.create.toLocaleString()} to create · {counts.update.toLocaleString()} to update ·{" "}
        {counts.skip.toLocaleString()} to skip · {counts.error.toLocaleString()} with errors
      </p>
      <div class="row import-controls">
        <label>
          Rows matching an existing record{" "}
          <select
            value={onMatch}
            onChange={(e) => onMatchChange(e.currentTarget.value as OnMatch)}
            data-testid="import-on-match"
          >
            <option value="update">Update existing</option>
            <option value="create">Create anyway</option>
            <option value="skip">Skip</option>
          </select>
        </label>
        <label>
          Show{" "}
          <select value={filter} onChange={(e) => setFilter(e.currentTarget.value as Filter)}>
            <option value="all">All rows</option>
            <option value="create">To create</option>
            <option value="update">To update</option>
            <option value="skip">To skip</option>
            <option value="error">With errors</option>
          </select>
        </label>
      </div>
      {errors.length > 0 && (
        <div class="notice stack" data-testid="import-errors">
          <p>
            {errors.length === 1
              ? "1 row has errors and will not be imported:"
              : `${errors.length.toLocaleString()} rows have errors and will not be imported:`}
          </p>
          <ul class="small">
            {errors.slice(0, 20).map((p) => (
              <li key={p.row}>
                Row {p.row}: {(p.errors ?? [p.reason]).join(" ")}
              </li>
            ))}
          </ul>
          <div>
            <button type="button" onClick={() => void downloadErrors()} data-testid="import-download-errors">
              Download rows with errors (CSV)
            </button>
          </div>
        </div>
      )}
      <table class="import-table">
        <caption class="visually-hidden">What the import does with each row</caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Name</th>
            <th scope="col">Action</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {shown.slice(0, SHOWN).map((plan) => (
            <tr key={plan.row} data-row={plan.row} data-action={finalAction(plan, choices)}>
              <td>{plan.row}</td>
              <td class="import-name">{plan.draft?.name ?? "—"}</td>
              <td>
                {plan.choices.length > 1 ? (
                  <select
                    aria-label={`Action for row ${plan.row}`}
                    value={finalAction(plan, choices)}
                    onChange={(e) => onChoose(plan.row, e.currentTarget.value as ImportAction)}
                  >
                    {plan.choices.map((choice) => (
                      <option key={choice} value={choice}>
                        {ACTION_LABELS[choice]}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span class={plan.action === "error" ? "error" : ""}>{ACTION_LABELS[plan.action]}</span>
                )}
              </td>
              <td class="small import-reason">{plan.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length > SHOWN && (
        <p class="small muted">
          Showing the first {SHOWN} of {shown.length.toLocaleString()} rows; the import takes them all.
        </p>
      )}
    </div>
  );
}
