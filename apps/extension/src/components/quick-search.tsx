import { recordLabel } from "@leadpane/domain";
import { useRef, useState } from "preact/hooks";
import { useLiveQuery } from "../hooks/use-live-query.ts";
import type { LocalRecord } from "../local-db/db.ts";
import { searchRecords } from "../local-db/queries.ts";
import { loadRules } from "../local-db/rules.ts";
import { useWorkspace } from "../hooks/use-workspace.ts";
import { openInDashboard, phoneRegion, statusLabel } from "./format.ts";

/** A search result, and the phone it was found by (as people write it), if any. */
interface SearchHit {
  record: LocalRecord;
  phone: string | null;
}

/**
 * The results of a search, each with the phone that says why it is there when found by a phone;
 * worded here, with the results, by the domain's phone rules that searchRecords loaded on demand.
 */
async function searchWithPhones(text: string, region: string): Promise<SearchHit[]> {
  const records = await searchRecords(text, 8);
  if (!records.length) return [];
  const { displayPhone, phoneDigits, prepareSearch } = await loadRules();
  const digits = prepareSearch(text, region)?.phoneDigits ?? [];
  return records.map((record) => {
    const phones = (record.data as { phones?: string[] }).phones;
    const phone = digits.length ? phones?.find((p) => digits.some((q) => phoneDigits(p).includes(q))) : undefined;
    return { record, phone: phone ? displayPhone(phone, region).text : null };
  });
}

/**
 * Search the whole local workspace as you type (no server round trip). Arrow keys move through
 * the results and Enter opens one; by default a result opens in the dashboard.
 */
export function QuickSearch({
  onOpen = (r) => openInDashboard(r.type, r.id),
}: {
  onOpen?: (record: LocalRecord) => void;
}) {
  const [text, setText] = useState("");
  const region = phoneRegion(useWorkspace().settings);
  const hits = useLiveQuery(() => searchWithPhones(text, region), [text, region], [] as SearchHit[]);
  const results = hits.map((hit) => hit.record);
  const matchedPhone = (i: number) => hits[i]?.phone ?? null;
  const list = useRef<HTMLUListElement>(null);
  const focusResult = (index: number) =>
    list.current?.querySelectorAll<HTMLButtonElement>("button.result")[index]?.focus();
  // Opening a result closes the search: the result is now on screen.
  const open = (record: LocalRecord) => {
    setText("");
    onOpen(record);
  };
  return (
    <search class="stack search">
      <input
        type="search"
        placeholder="Search leads, contacts, companies, deals…"
        aria-label="Search the workspace"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            focusResult(0);
          } else if (e.key === "Enter" && results[0]) open(results[0]);
          else if (e.key === "Escape") setText("");
        }}
      />
      {text.trim() && (
        <ul class="results" ref={list} aria-label="Search results" data-testid="search-results">
          {results.length === 0 && <li class="muted small empty-result">No matches in your workspace.</li>}
          {results.map((r, i) => {
            const d = r.data as {
              name?: string;
              title?: string;
              emails?: string[];
              status?: string;
              lifecycle?: string;
              companyName?: string;
              stage?: string;
              phones?: string[];
            };
            return (
              <li key={`${r.type}:${r.id}`}>
                <button
                  type="button"
                  class="result"
                  onClick={() => open(r)}
                  onKeyDown={(e) => {
                    if (e.key === "Escape") setText("");
                    if (e.key === "ArrowDown") {
                      e.preventDefault();
                      focusResult(i + 1);
                    }
                    if (e.key === "ArrowUp") {
                      e.preventDefault();
                      i === 0
                        ? (
                            e.currentTarget.closest(".search")?.querySelector("input") as HTMLInputElement | null
                          )?.focus()
                        : focusResult(i - 1);
                    }
                  }}
                >
                  <strong>{recordLabel(r.type, r.data)}</strong>
                  <span class={`pill ${r.type}`}>
                    {r.type}
                    {d.status
                      ? ` · ${statusLabel(d.status)}`
                      : d.lifecycle
                        ? ` · ${statusLabel(d.lifecycle)}`
                        : d.stage
                          ? ` · ${statusLabel(d.stage)}`
                          : ""}
                  </span>
                  <span class="muted small">{matchedPhone(i) ?? d.emails?.[0] ?? d.companyName ?? ""}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </search>
  );
}
