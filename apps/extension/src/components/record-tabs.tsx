import type { ComponentChildren } from "preact";

interface Tabbed {
  type: string;
  id: string;
  data: { name?: unknown; status?: unknown };
}

/**
 * The records a page is about, as tabs over one panel: one Tab stop for the whole list, arrow keys
 * (and Home/End) move between records and show the one reached, as the ARIA tabs pattern has it.
 * With one record there is nothing to choose: the panel alone.
 */
export function RecordTabs<R extends Tabbed>({
  records,
  current,
  onChoose,
  children,
}: {
  records: readonly R[];
  current: R | undefined;
  onChoose: (record: R) => void;
  children: ComponentChildren;
}) {
  if (records.length < 2 || !current) return <>{children}</>;
  const tabId = (r: R) => `record-tab-${r.type}-${r.id}`;
  const choose = (r: R | undefined) => {
    if (!r) return;
    onChoose(r);
    // Tabs are keyed by record, so the button outlives the re-draw: focus can move with the choice now.
    document.getElementById(tabId(r))?.focus();
  };
  return (
    <>
      <div class="row" role="tablist" aria-label="Records on this page">
        {records.map((r, index) => (
          <button
            type="button"
            key={`${r.type}:${r.id}`}
            id={tabId(r)}
            role="tab"
            aria-selected={r === current}
            aria-controls="record-tabpanel"
            tabIndex={r === current ? 0 : -1}
            class={r === current ? "tab active" : "tab"}
            onClick={() => onChoose(r)}
            onKeyDown={(e) => {
              const last = records.length - 1;
              const to =
                e.key === "ArrowRight" || e.key === "ArrowDown"
                  ? index === last
                    ? 0
                    : index + 1
                  : e.key === "ArrowLeft" || e.key === "ArrowUp"
                    ? index === 0
                      ? last
                      : index - 1
                    : e.key === "Home"
                      ? 0
                      : e.key === "End"
                        ? last
                        : null;
              if (to === null) return;
              e.preventDefault();
              choose(records[to]);
            }}
          >
            {String(r.data.name ?? "")} ·{" "}
            {r.type === "lead" && r.data.status === "converted" ? "converted lead" : r.type}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="record-tabpanel" aria-labelledby={tabId(current)}>
        {children}
      </div>
    </>
  );
}
