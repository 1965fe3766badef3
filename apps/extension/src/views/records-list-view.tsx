import {
  CONTACT_LIFECYCLES,
  isReadOnlyRecord,
  LEAD_STATUSES,
  newId,
  PLAIN_LEAD_STATUSES,
  plainStatusChange,
  joinTraces,
  type ActionTrace,
  type LeadStatus,
  type Member,
} from "@leadpane/domain";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { ListExport } from "../components/list-export.tsx";
import { formatDay, recordHref, statusLabel } from "../components/format.ts";
import { VirtualList } from "../components/virtual-list.tsx";
import { useWorkspace } from "../hooks/use-workspace.ts";
import { applyChanges } from "../hooks/apply-changes.ts";
import { offerUndo } from "../hooks/use-undo.ts";
import { getSavedViews, setSavedViews, type SavedView, type Session } from "../chrome-storage.ts";
import {
  changedListRows,
  loadAllRows,
  newestRows,
  onRecordChanges,
  type ListRowChanges,
  type RecordKey,
} from "../local-db/list-query.ts";
import {
  compareRows,
  EMPTY_FILTER,
  filterRows,
  isFiltering,
  rowFilter,
  sortRows,
  tagsOf,
  UNASSIGNED,
  type ListFilter,
  type ListRow,
  type ListSort,
  type ListType,
  type SortKey,
} from "../local-db/list-rows.ts";
import type { LocalChange } from "../local-db/local-mutations.ts";
import { markTiming } from "../test-seam.ts";
import { checkedAmong, withoutGone, withoutIds } from "./list-selection.ts";
import { patchRows } from "./list-patch.ts";
import { plainFailure } from "../components/plain-failure.ts";

const ROW_HEIGHT = 44;
const FIRST_SCREEN = 60;
const PLURAL: Record<ListType, string> = { lead: "leads", contact: "contacts", company: "companies" };
const SORTS: Array<{ key: SortKey; label: string }> = [
  { key: "createdAt", label: "Created" },
  { key: "updatedAt", label: "Updated" },
  { key: "name", label: "Name" },
  { key: "company", label: "Company" },
  { key: "status", label: "Status" },
  { key: "score", label: "Score" },
];
const DEFAULT_SORT: ListSort = { key: "createdAt", dir: "desc" };
/** The order the whole list is kept in (the default sort's), whatever the rep sorts by. */
const ALL_ORDER = compareRows(DEFAULT_SORT);
/** How many patches a list keeps for a view that has not drawn the last ones yet. */
const KEEP_PATCHES = 16;
type BulkKind = "status" | "owner" | "tag" | "delete";

/** The undo toast's words for a bulk change: what happened to how many. */
function bulkLabel(kind: BulkKind, value: string, count: string, members: Map<string, Member>): string {
  if (kind === "delete") return `${count} deleted`;
  if (kind === "status") return `${count} set to ${statusLabel(value)}`;
  if (kind === "tag") return `${count} tagged ${value.trim()}`;
  return `${count} assigned to ${value === UNASSIGNED ? "nobody" : (members.get(value)?.name ?? "a teammate")}`;
}

/**
 * The leads, contacts or companies of the workspace as one long virtualized list: filter, sort,
 * save the view, select and change many at once. The newest screenful is read first by key, so
 * the list is on screen before the whole table is read; filters run in memory on flat rows.
 */
export function RecordsListView({
  type,
  session,
  members,
}: {
  type: ListType;
  session: Session;
  members: Map<string, Member>;
}) {
  const rows = useRows(type);
  const region = useWorkspace().settings.defaultRegion;
  const [filter, setFilter] = useState<ListFilter>(EMPTY_FILTER);
  const [sort, setSort] = useState<ListSort>(DEFAULT_SORT);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [views, setViews] = useState<SavedView[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => void getSavedViews().then(setViews), []);

  const visible = useShownRows(rows, filter, sort, region);

  // Checks belong to records, not places: a record deleted elsewhere leaves the selection, the rest
  // stay checked through any re-sort, filter or teammate's change.
  const seenAll = useRef<readonly ListRow[] | null>(null);
  useEffect(() => {
    const seen = seenAll.current;
    seenAll.current = rows.all;
    if (!rows.all || selected.size === 0) return;
    // After patches, only the records they removed can have left; after a reload, any.
    const gone = seen && removedBetween(rows.patches, seen, rows.all);
    const kept = gone ? withoutIds(selected, gone) : withoutGone(selected, rows.all);
    if (kept !== selected) setSelected(new Set(kept));
  }, [rows.all]);
  const focus = useRowFocus(visible);
  const { shown: shownSelected, hidden: hiddenSelected } = useMemo(
    () => checkedAmong(visible, selected),
    [visible, selected],
  );

  const tags = useMemo(() => tagsOf(rows.all ?? rows.first), [rows.all, rows.first]);
  const statuses: readonly string[] = type === "lead" ? LEAD_STATUSES : type === "contact" ? CONTACT_LIFECYCLES : [];
  const plural = PLURAL[type];
  const set = (patch: Partial<ListFilter>) => setFilter({ ...filter, ...patch });
  const allSelected = visible.length > 0 && visible.every((r) => selected.has(r.id));
  const columns = type === "lead" ? 8 : 7;
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  const [naming, setNaming] = useState<string | null>(null);
  // The name field appears because the user chose "Save this view": typing the name is the next step.
  const viewName = useRef<HTMLInputElement>(null);
  const namingOpen = naming !== null;
  useEffect(() => {
    if (namingOpen) viewName.current?.focus();
  }, [namingOpen]);
  const saveView = async (name: string) => {
    if (!name.trim()) return;
    const next = [
      ...views.filter((v) => !(v.type === type && v.name === name.trim())),
      { id: newId(), name: name.trim(), type, filter, sort },
    ];
    await setSavedViews(next);
    setViews(next);
    setNaming(null);
  };
  const applyView = (id: string) => {
    const view = views.find((v) => v.id === id);
    if (!view) return;
    setFilter({ ...EMPTY_FILTER, ...view.filter });
    setSort(view.sort as ListSort);
  };
  const deleteView = async (id: string) => {
    const next = views.filter((v) => v.id !== id);
    await setSavedViews(next);
    setViews(next);
  };

  const bulk = async (kind: BulkKind, value: string) => {
    // Exactly the checked records the rep sees: checked ones a filter hides are not changed.
    const targets = shownSelected;
    const changes: LocalChange[] = [];
    let skipped = 0;
    for (const row of targets) {
      if (kind === "delete") {
        changes.push({ name: "delete", args: { type, id: row.id } });
      } else if (kind === "status" && type === "lead") {
        // Only what the lifecycle allows from each lead's own status; the rest are reported.
        const status = value as LeadStatus;
        const outcome = plainStatusChange(row.status, status);
        if (outcome === "unchanged") continue;
        if (outcome === "refused") {
          skipped++;
          continue;
        }
        changes.push({ name: "setLeadStatus", args: { leadId: row.id, status, activityId: newId() } });
      } else if (kind === "status" && type === "contact") {
        changes.push({ name: "update", args: { type: "contact", id: row.id, set: { lifecycle: value } } });
      } else if (kind === "owner" || (kind === "tag" && value.trim())) {
        if (isReadOnlyRecord(type, row)) {
          skipped++;
          continue;
        }
        if (kind === "owner")
          changes.push({
            name: "update",
            args: { type, id: row.id, set: { ownerId: value === UNASSIGNED ? null : value } },
          });
        else changes.push({ name: "add", args: { type, id: row.id, field: "tags", values: [value.trim()] } });
      }
    }
    try {
      // In chunks so one transaction never holds thousands of writes; undone as one action.
      const traces: ActionTrace[] = [];
      for (let i = 0; i < changes.length; i += 500) traces.push(await applyChanges(session, changes.slice(i, i + 500)));
      const count = `${changes.length} ${changes.length === 1 ? type : plural}`;
      offerUndo(
        session,
        { label: bulkLabel(kind, value, count, members), action: "the bulk change" },
        joinTraces(traces),
      );
      setNotice(
        `${kind === "delete" ? "Deleted" : "Changed"} ${count}` +
          `${skipped ? `; ${skipped} skipped (not allowed from their status)` : ""}.`,
      );
      // The selection stays for the next bulk step (tag, then assign…); deleted records leave it by themselves.
      if (kind === "delete") {
        setSelected(new Set());
        // The deleted rows, the bulk bar and its dialog are gone after the re-draw: focus goes to the
        // toast's Undo (as after a single delete), not to <body>.
        requestAnimationFrame(() => {
          const focus = document.activeElement;
          if (!focus || focus === document.body)
            document.querySelector<HTMLElement>('[data-testid="undo-button"]')?.focus();
        });
      }
    } catch (e) {
      setNotice(`Nothing changed: ${plainFailure(e, "the change could not be saved")}`);
    }
  };

  return (
    <section class="stack list-view" aria-label={`${statusLabel(plural)} list`}>
      <search class="toolbar row" aria-label={`Filter ${plural}`}>
        <input
          type="search"
          aria-label={`Filter ${plural} by text`}
          placeholder={`Filter ${plural}…`}
          value={filter.text}
          onInput={(e) => set({ text: e.currentTarget.value })}
          style={{ flex: "2 1 200px" }}
        />
        {statuses.length > 0 && (
          <select aria-label="Status" value={filter.status} onChange={(e) => set({ status: e.currentTarget.value })}>
            <option value="">Any status</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        )}
        <select aria-label="Owner" value={filter.ownerId} onChange={(e) => set({ ownerId: e.currentTarget.value })}>
          <option value="">Any owner</option>
          <option value={UNASSIGNED}>Unassigned</option>
          {[...members.values()].map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <select aria-label="Tag" value={filter.tag} onChange={(e) => set({ tag: e.currentTarget.value })}>
          <option value="">Any tag</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        {type === "lead" && (
          <>
            <select aria-label="Source" value={filter.source} onChange={(e) => set({ source: e.currentTarget.value })}>
              <option value="">Any source</option>
              {["web", "email", "manual", "import"].map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
            </select>
            <select
              aria-label="Minimum score"
              value={String(filter.minScore)}
              onChange={(e) => set({ minScore: Number(e.currentTarget.value) })}
            >
              <option value="0">Any score</option>
              {[30, 50, 70, 90].map((n) => (
                <option key={n} value={n}>
                  Score ≥ {n}
                </option>
              ))}
            </select>
          </>
        )}
        <select
          aria-label="Sort by"
          value={sort.key}
          onChange={(e) => setSort({ ...sort, key: e.currentTarget.value as SortKey })}
        >
          {SORTS.filter((s) => type === "lead" || s.key !== "score").map((s) => (
            <option key={s.key} value={s.key}>
              Sort: {s.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          aria-label={sort.dir === "asc" ? "Ascending; switch to descending" : "Descending; switch to ascending"}
          onClick={() => setSort({ ...sort, dir: sort.dir === "asc" ? "desc" : "asc" })}
        >
          {sort.dir === "asc" ? "↑" : "↓"}
        </button>
      </search>
      <div class="row small">
        <label class="row" style={{ flexDirection: "row", alignItems: "center" }}>
          Saved views
          <select
            aria-label="Saved views"
            value=""
            onChange={(e) => applyView(e.currentTarget.value)}
            style={{ width: "auto" }}
          >
            <option value="">Choose…</option>
            {views
              .filter((v) => v.type === type)
              .map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
          </select>
        </label>
        {naming === null ? (
          <button type="button" onClick={() => setNaming("")}>
            Save this view
          </button>
        ) : (
          <form
            class="row"
            aria-label="Save this view"
            onSubmit={(e) => {
              e.preventDefault();
              void saveView(naming);
            }}
          >
            <input
              ref={viewName}
              aria-label="View name"
              placeholder="e.g. Hot web leads"
              value={naming}
              onInput={(e) => setNaming(e.currentTarget.value)}
              onKeyDown={(e) => e.key === "Escape" && setNaming(null)}
              style={{ width: "180px" }}
            />
            <button type="submit" class="primary" disabled={!naming.trim()}>
              Save view
            </button>
            <button type="button" class="link" onClick={() => setNaming(null)}>
              Cancel
            </button>
          </form>
        )}
        {views
          .filter((v) => v.type === type)
          .map((v) => (
            <span class="pill" key={v.id}>
              <button type="button" class="link" onClick={() => applyView(v.id)}>
                {v.name}
              </button>
              <button
                type="button"
                class="link"
                aria-label={`Delete view ${v.name}`}
                onClick={() => void deleteView(v.id)}
              >
                ×
              </button>
            </span>
          ))}
        {isFiltering(filter) && (
          <button type="button" class="link" onClick={() => setFilter(EMPTY_FILTER)}>
            Clear filters
          </button>
        )}
        {type !== "company" && (
          // Imports create leads and update the leads and contacts they match (the import view says so).
          <a class="button" href={`#/import/${plural}`} data-testid="list-import">
            Import
          </a>
        )}
        <ListExport
          type={type}
          plural={plural}
          ids={(shownSelected.length > 0 ? shownSelected : visible).map((row) => row.id)}
          selection={shownSelected.length > 0}
          ready={rows.all !== null}
        />
        <span class="muted" role="status" aria-live="polite" data-testid="list-count" style={{ marginLeft: "auto" }}>
          {rows.all
            ? `${visible.length.toLocaleString()} of ${rows.all.length.toLocaleString()} ${plural}`
            : `Loading all ${plural}… ${rows.loaded ? rows.loaded.toLocaleString() : ""}`}
        </span>
      </div>
      {shownSelected.length > 0 && (
        <BulkBar
          type={type}
          count={shownSelected.length}
          hidden={hiddenSelected}
          members={members}
          statuses={type === "lead" ? PLAIN_LEAD_STATUSES : type === "contact" ? CONTACT_LIFECYCLES : []}
          onApply={bulk}
          onClear={() => setSelected(new Set())}
        />
      )}
      {notice && (
        <p class="small" role="status">
          {notice}
        </p>
      )}
      <table
        class="table"
        aria-rowcount={visible.length + 1}
        aria-label={statusLabel(plural)}
        onFocusIn={focus.onFocusIn}
        onFocusOut={focus.onFocusOut}
      >
        <thead>
          <tr class="vrow head" aria-rowindex={1}>
            <th scope="col" class="cell check">
              <input
                type="checkbox"
                aria-label={`Select all ${visible.length} shown`}
                checked={allSelected}
                onChange={(e) => setSelected(e.currentTarget.checked ? new Set(visible.map((r) => r.id)) : new Set())}
              />
            </th>
            <th scope="col" class="cell name">
              Name
            </th>
            <th scope="col" class="cell company">
              {type === "company" ? "Domain" : "Title · Company"}
            </th>
            <th scope="col" class="cell status">
              {type === "company" ? "" : "Status"}
            </th>
            <th scope="col" class="cell owner">
              Owner
            </th>
            <th scope="col" class="cell tags">
              Tags
            </th>
            {type === "lead" && (
              <th scope="col" class="cell score">
                Score
              </th>
            )}
            <th scope="col" class="cell date">
              Created
            </th>
          </tr>
        </thead>
        {rows.first.length === 0 && rows.all === null ? (
          <tbody aria-busy="true">
            <tr class="message">
              <td class="empty" colSpan={columns}>
                Loading {plural}…
              </td>
            </tr>
          </tbody>
        ) : visible.length === 0 ? (
          <tbody>
            <tr class="message">
              <td class="empty" colSpan={columns} data-testid="list-empty">
                {isFiltering(filter) ? (
                  <>
                    No {plural} match these filters.{" "}
                    <button type="button" class="link" onClick={() => setFilter(EMPTY_FILTER)}>
                      Clear filters
                    </button>
                  </>
                ) : type === "company" ? (
                  "No companies yet: they are created when leads are converted, or captured with a company page."
                ) : (
                  `No ${plural} yet. Capture people from any page with the toolbar button (Alt+Shift+L).`
                )}
              </td>
            </tr>
          </tbody>
        ) : (
          <VirtualList
            items={visible}
            rowHeight={ROW_HEIGHT}
            label={`${statusLabel(plural)} rows`}
            testId="list-rows"
            keyOf={rowKey}
            renderRow={(row: ListRow) => (
              <>
                <td class="cell check">
                  <input
                    type="checkbox"
                    aria-label={`Select ${row.name}`}
                    checked={selected.has(row.id)}
                    onChange={() => toggle(row.id)}
                  />
                </td>
                <td class="cell name">
                  <a href={recordHref(row.type, row.id)} data-testid="list-row-name">
                    {row.name}
                  </a>
                  <span class="muted small ellipsis">{row.email}</span>
                </td>
                <td class="cell company ellipsis">{[row.title, row.company].filter(Boolean).join(" · ")}</td>
                <td class="cell status">
                  {row.status && <span class={`pill st-${row.status}`}>{statusLabel(row.status)}</span>}
                </td>
                <td class="cell owner ellipsis">
                  {row.ownerId ? (members.get(row.ownerId)?.name ?? "—") : <span class="muted">—</span>}
                </td>
                <td class="cell tags ellipsis">
                  {row.tags.slice(0, 3).map((t) => (
                    <span class="pill tag" key={t}>
                      {t}
                    </span>
                  ))}
                </td>
                {type === "lead" && (
                  <td class="cell score">
                    <span class={`score-badge ${row.score >= 60 ? "hot" : row.score >= 30 ? "warm" : "cold"}`}>
                      {row.score}
                    </span>
                  </td>
                )}
                <td class="cell date muted small">{formatDay(row.createdAt)}</td>
              </>
            )}
          />
        )}
      </table>
    </section>
  );
}

/** One patch of the whole list: the list before, the changes, the changed records' old rows, the list after. */
interface ListPatch {
  base: readonly ListRow[];
  changes: ListRowChanges;
  before: ReadonlyMap<string, ListRow>;
  result: readonly ListRow[];
}

/** A list's rows as loaded and patched since. */
interface Rows {
  first: ListRow[];
  /** Every row, in ALL_ORDER; null until read whole. */
  all: readonly ListRow[] | null;
  loaded: number;
  /** The last patches of `all`, oldest first, so the shown list follows them without a re-sort. */
  patches: readonly ListPatch[];
}

/**
 * The rows of one list: the newest screenful first (read by key, on screen in milliseconds), then
 * all of them in chunks. When records change (a teammate's edit pulled by the worker, a bulk change
 * here) only those records are read again and patched in; a change not known record by record
 * reloads the whole list, the old rows staying on screen meanwhile, so nothing flashes.
 */
function useRows(type: ListType): Rows {
  const [rows, setRows] = useState<Rows>({ first: [], all: null, loaded: 0, patches: [] });
  useEffect(() => {
    let controller = new AbortController();
    // The list as last set (the state's, without waiting for a render) and its rows by id.
    let current: readonly ListRow[] | null = null;
    let byId = new Map<string, ListRow>();
    let pending: RecordKey[] | "all" | null = null;
    let working = false;
    setRows({ first: [], all: null, loaded: 0, patches: [] });
    markTiming(`list-start:${type}`);
    const loadAll = async (signal: AbortSignal) => {
      try {
        const loaded = await loadAllRows(type, {
          signal,
          onProgress: (n) => setRows((r) => ({ ...r, loaded: n })),
        });
        if (signal.aborted) return;
        // Nearly in order already (ids are time-ordered): sorting by the default order is one cheap pass.
        const all = loaded.sort(ALL_ORDER);
        current = all;
        byId = new Map(all.map((r) => [r.id, r]));
        setRows((r) => ({ ...r, all, patches: [] }));
        markTiming(`list-all:${type}`);
        void work();
      } catch (e) {
        if (!signal.aborted) console.error("list query failed", e);
      }
    };
    const reload = () => {
      controller.abort();
      controller = new AbortController();
      void loadAll(controller.signal);
    };
    // One change at a time; changes arriving meanwhile are read together in the next step.
    const work = async () => {
      if (working) return;
      working = true;
      try {
        while (pending && current) {
          const keys = pending;
          pending = null;
          if (keys === "all") return reload();
          const signal = controller.signal;
          const changes = await changedListRows(type, keys);
          const base = current;
          if (signal.aborted || !base) continue;
          const before = new Map<string, ListRow>();
          for (const id of [...changes.removals, ...changes.upserts.map((r) => r.id)]) {
            const old = byId.get(id);
            if (old) before.set(id, old);
          }
          const result = patchRows(
            base,
            changes,
            ALL_ORDER,
            () => true,
            (id) => before.get(id),
          );
          if (result === base) continue;
          for (const id of changes.removals) byId.delete(id);
          for (const row of changes.upserts) byId.set(row.id, row);
          current = result;
          const patch = { base, changes, before, result };
          setRows((r) => ({ ...r, all: result, patches: [...r.patches, patch].slice(-KEEP_PATCHES) }));
        }
      } catch (e) {
        console.error("list patch failed; reloading", e);
        reload();
      } finally {
        working = false;
      }
    };
    void (async () => {
      const signal = controller.signal;
      const rows = await newestRows(type, FIRST_SCREEN);
      if (signal.aborted) return;
      setRows((r) => ({ ...r, first: rows }));
      markTiming(`list-first:${type}`);
      // The whole list starts after the first screen is painted, so it never delays it.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      await loadAll(signal);
    })();
    const unsubscribe = onRecordChanges((change) => {
      if (change.all || pending === "all") pending = "all";
      else pending = [...(pending ?? []), ...change.keys];
      // Before the whole list is read, the read itself sees the change; after, it is patched in.
      if (current) void work();
    });
    return () => {
      controller.abort();
      unsubscribe();
    };
  }, [type]);
  return rows;
}

/**
 * The rows shown: the whole list filtered and sorted, from scratch when the filter or sort changes
 * or the list was reloaded, and otherwise patched with the list's own patches (a changed record
 * leaves its old place and takes its new one by binary search), so one teammate's change costs
 * the few rows it touches rather than a filter and sort of 100,000.
 */
function useShownRows(rows: Rows, filter: ListFilter, sort: ListSort, region: string): readonly ListRow[] {
  const last = useRef<{
    all: readonly ListRow[];
    filter: ListFilter;
    sort: ListSort;
    region: string;
    shown: readonly ListRow[];
  } | null>(null);
  return useMemo(() => {
    const all = rows.all;
    if (!all) return rows.first;
    const prev = last.current;
    let shown: readonly ListRow[] | null = null;
    if (prev && prev.filter === filter && prev.sort === sort && prev.region === region) {
      const from = rows.patches.findIndex((p) => p.base === prev.all);
      if (prev.all === all) shown = prev.shown;
      else if (from >= 0 && rows.patches.at(-1)?.result === all) {
        const order = compareRows(sort);
        const keep = rowFilter(filter, region);
        shown = prev.shown;
        for (const patch of rows.patches.slice(from))
          shown = patchRows(shown, patch.changes, order, keep, (id) => patch.before.get(id));
      }
    }
    if (!shown) {
      const filtered = filterRows(all, filter, region);
      shown = sort.key === DEFAULT_SORT.key && sort.dir === DEFAULT_SORT.dir ? filtered : sortRows(filtered, sort);
      markTiming(`list-ready:${filtered.length}`);
    }
    last.current = { all, filter, sort, region, shown };
    return shown;
  }, [rows.all, rows.first, filter, sort, region]);
}

/** The ids the patches from `seen` to `all` removed; null when `all` is not reached by patches from `seen`. */
function removedBetween(
  patches: readonly ListPatch[],
  seen: readonly ListRow[],
  all: readonly ListRow[],
): string[] | null {
  if (seen === all) return [];
  const from = patches.findIndex((p) => p.base === seen);
  if (from < 0 || patches.at(-1)?.result !== all) return null;
  return patches.slice(from).flatMap((p) => p.changes.removals);
}

/** A list row's identity: its record. */
function rowKey(row: ListRow): string {
  return `${row.type}:${row.id}`;
}

/**
 * Keeps the keyboard focus on the same record's control when the list re-draws (a sort, a filter,
 * a teammate's change): the row is found again by its record, and the control inside it by its
 * place in the row (the checkbox, the name link). A focus the rep moved elsewhere is left alone.
 */
function useRowFocus(visible: readonly ListRow[]) {
  const last = useRef<{ key: string; control: number } | null>(null);
  useLayoutEffect(() => {
    const at = last.current;
    if (!at) return;
    const active = document.activeElement;
    const row = active?.closest("tr[data-key]");
    if (row && row.getAttribute("data-key") === at.key) return;
    // Only a focus the re-draw took away (to <body>, or onto another record's row) is given back.
    if (active && active !== document.body && !row) return;
    if (!visible.some((r) => rowKey(r) === at.key)) return;
    const target = document.querySelector(`tr[data-key="${CSS.escape(at.key)}"]`);
    const control = target?.querySelectorAll<HTMLElement>("input, a, button, select")[at.control];
    control?.focus();
  }, [visible]);
  return {
    onFocusOut(e: FocusEvent) {
      // Focus the rep moves out of the list is theirs; a row removed by a re-draw gives no new target.
      const next = e.relatedTarget as Node | null;
      if (next && !(e.currentTarget as HTMLElement).contains(next)) last.current = null;
    },
    onFocusIn(e: FocusEvent) {
      const control = e.target as HTMLElement;
      const row = control.closest("tr[data-key]");
      if (!row) return;
      const controls = [...row.querySelectorAll("input, a, button, select")];
      last.current = { key: row.getAttribute("data-key") ?? "", control: Math.max(0, controls.indexOf(control)) };
    },
  };
}

function BulkBar({
  type,
  count,
  hidden,
  members,
  statuses,
  onApply,
  onClear,
}: {
  type: ListType;
  count: number;
  /** Checked records a filter hides: kept checked, not changed. */
  hidden: number;
  members: Map<string, Member>;
  statuses: readonly string[];
  onApply: (kind: BulkKind, value: string) => Promise<void>;
  onClear: () => void;
}) {
  const [tag, setTag] = useState("");
  const [confirming, setConfirming] = useState(false);
  const noun = count === 1 ? type : PLURAL[type];
  return (
    <div class="bulk row card soft" role="toolbar" aria-label="Change selected" data-testid="bulk-bar">
      <strong data-testid="bulk-count">{count.toLocaleString()} selected</strong>
      {hidden > 0 && (
        <span class="small muted">({hidden.toLocaleString()} more checked but hidden by the filters: not changed)</span>
      )}
      {statuses.length > 0 && (
        <select
          aria-label="Set status of selected"
          value=""
          onChange={(e) => e.currentTarget.value && void onApply("status", e.currentTarget.value)}
          style={{ width: "auto" }}
        >
          <option value="">Set status…</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      )}
      <select
        aria-label="Set owner of selected"
        value=""
        onChange={(e) => e.currentTarget.value && void onApply("owner", e.currentTarget.value)}
        style={{ width: "auto" }}
      >
        <option value="">Assign to…</option>
        <option value={UNASSIGNED}>Nobody</option>
        {[...members.values()].map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (tag.trim()) void onApply("tag", tag).then(() => setTag(""));
        }}
      >
        <input
          aria-label="Tag to add to selected"
          placeholder="Add tag…"
          value={tag}
          onInput={(e) => setTag(e.currentTarget.value)}
          style={{ width: "140px" }}
        />
        <button type="submit" disabled={!tag.trim()}>
          Tag {type === "company" ? "them" : "them"}
        </button>
      </form>
      <button type="button" class="danger-link" data-testid="bulk-delete" onClick={() => setConfirming(true)}>
        Delete…
      </button>
      <button type="button" class="link" onClick={onClear}>
        Clear selection
      </button>
      {confirming && (
        // A bulk delete asks first, as HubSpot's and Attio's do; a single delete relies on Undo.
        <ConfirmDialog
          title={`Delete ${count.toLocaleString()} ${noun}?`}
          confirmLabel={`Delete ${count.toLocaleString()} ${noun}`}
          danger
          onConfirm={() => onApply("delete", "")}
          onClose={() => setConfirming(false)}
        >
          <p>You can undo this for a few seconds after, and restore them from the trash for 30 days.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
