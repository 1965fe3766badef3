import type { CustomFieldDefinition } from "@leadpane/domain";
import type { ImportMapping, ImportTarget } from "@leadpane/domain/import";
import { targetOptions } from "./import-words.ts";

/** The column mapping: each column of the file with two sample values and where it goes, editable. */
export function ImportMappingTable({
  headers,
  rows,
  mapping,
  customFields,
  onChange,
}: {
  headers: readonly string[];
  rows: readonly string[][];
  mapping: ImportMapping;
  customFields: readonly CustomFieldDefinition[];
  onChange: (mapping: ImportMapping) => void;
}) {
  const options = targetOptions(customFields);
  return (
    <table class="import-table" data-testid="import-mapping">
      <caption class="visually-hidden">Columns of the file and the fields they fill</caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Sample values</th>
          <th scope="col">Imports as</th>
        </tr>
      </thead>
      <tbody>
        {headers.map((header, column) => (
          <tr key={`${column}:${header}`}>
            <th scope="row">{header || `Column ${column + 1}`}</th>
            <td class="small muted import-samples">
              {rows
                .slice(0, 3)
                .map((row) => row[column] ?? "")
                .filter(Boolean)
                .join(" · ") || "(empty)"}
            </td>
            <td>
              <select
                aria-label={`Imports “${header || `column ${column + 1}`}” as`}
                data-column={column}
                value={mapping[column] ?? "ignore"}
                onChange={(e) => {
                  const next = [...mapping];
                  next[column] = e.currentTarget.value as ImportTarget;
                  onChange(next);
                }}
              >
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
