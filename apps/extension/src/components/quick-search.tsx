import { useState } from "preact/hooks";
import { useLiveQuery } from "../hooks/use-live-query.ts";
import { searchRecords } from "../store/queries.ts";

/** Search the whole local workspace as you type. */
export function QuickSearch() {
  const [text, setText] = useState("");
  const results = useLiveQuery(() => searchRecords(text, 8), [text], []);
  return (
    <div class="stack">
      <input type="search" placeholder="Search leads, contacts, companies…" aria-label="Search the workspace" value={text} onInput={(e) => setText(e.currentTarget.value)} />
      {text && (
        <ul class="stack" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Search results" data-testid="search-results">
          {results.length === 0 && <li class="muted small">No matches.</li>}
          {results.map((r) => (
            <li key={`${r.type}:${r.id}`} class="row">
              <strong>{String(r.data.name)}</strong>
              <span class={`pill ${r.type}`}>{r.type}</span>
              <span class="muted small">{((r.data.emails as string[] | undefined) ?? [])[0] ?? ""}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
