import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareRows,
  EMPTY_FILTER,
  filterRows,
  rowFilter,
  sortRows,
  type ListFilter,
  type ListRow,
  type ListSort,
  type SortKey,
} from "../local-db/list-rows.ts";
import { indexOfRow, patchRows, type RowPatch } from "./list-patch.ts";
import { loadRules } from "../local-db/rules.ts";

// Rows score leads and filters read phones with the rules a page loads on demand (before any row here).
await loadRules();

function row(id: string, fields: Partial<ListRow> = {}): ListRow {
  return {
    type: "lead",
    id,
    name: `n${id}`,
    haystack: `n${id}`,
    phoneDigits: "",
    title: "",
    company: "",
    email: "",
    status: "new",
    ownerId: null,
    tags: [],
    source: "web",
    score: 0,
    createdAt: "2026-01-01",
    updatedAt: "2026-01-01",
    ...fields,
  };
}

/** The list a view shows: the records filtered and sorted from scratch. */
const fromScratch = (rows: readonly ListRow[], filter: ListFilter, sort: ListSort) =>
  sortRows(filterRows(rows, filter), sort);

/** Patches the view of `rows` with `patch`, as the list does when records change elsewhere. */
function patched(rows: readonly ListRow[], patch: RowPatch<ListRow>, filter: ListFilter, sort: ListSort) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return patchRows(fromScratch(rows, filter, sort), patch, compareRows(sort), rowFilter(filter), (id) => byId.get(id));
}

/** The records after the patch: changed ones replaced or added, removed ones gone. */
function applied(rows: readonly ListRow[], patch: RowPatch<ListRow>): ListRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const r of patch.upserts) byId.set(r.id, r);
  for (const id of patch.removals) byId.delete(id);
  return [...byId.values()];
}

const BY_NAME: ListSort = { key: "name", dir: "asc" };

describe("patching a sorted list with changed records", () => {
  it("moves a record whose sort key changed to its new place, and keeps the array otherwise", () => {
    const rows = ["a", "b", "c", "d"].map((id) => row(id, { name: id }));
    const moved = patched(rows, { upserts: [row("a", { name: "z" })], removals: [] }, EMPTY_FILTER, BY_NAME);
    expect(moved.map((r) => r.id)).toEqual(["b", "c", "d", "a"]);
    const list = fromScratch(rows, EMPTY_FILTER, BY_NAME);
    const nothing = patchRows(
      list,
      { upserts: [], removals: ["x"] },
      compareRows(BY_NAME),
      () => true,
      () => undefined,
    );
    expect(nothing).toBe(list);
  });

  it("drops a record the filter no longer keeps, and adds one it now keeps", () => {
    const rows = [row("a", { status: "new" }), row("b", { status: "working" })];
    const filter = { ...EMPTY_FILTER, status: "working" };
    const patch = { upserts: [row("a", { status: "working" }), row("b", { status: "new" })], removals: [] };
    expect(patched(rows, patch, filter, BY_NAME).map((r) => r.id)).toEqual(["a"]);
  });

  it("removes a deleted record and ignores the removal of one never listed", () => {
    const rows = ["a", "b", "c"].map((id) => row(id));
    expect(patched(rows, { upserts: [], removals: ["b", "zz"] }, EMPTY_FILTER, BY_NAME).map((r) => r.id)).toEqual([
      "a",
      "c",
    ]);
  });

  it("finds a row among equal sort keys by its id", () => {
    const rows = ["a", "b", "c", "d", "e"].map((id) => row(id, { name: "same" }));
    const list = fromScratch(rows, EMPTY_FILTER, BY_NAME);
    for (const r of rows) expect(list[indexOfRow(list, r, compareRows(BY_NAME))]?.id).toBe(r.id);
  });

  it("equals filtering and sorting the changed records from scratch (any sort, filter and changes)", () => {
    const ids = fc.integer({ min: 0, max: 90 }).map((n) => `0190-${String(n).padStart(3, "0")}`);
    const rowArb = fc
      .record({
        id: ids,
        name: fc.constantFrom("Ann", "Bob", "ann", "Émile", "Zoe", ""),
        status: fc.constantFrom("new", "working", "qualified"),
        score: fc.integer({ min: 0, max: 5 }),
        createdAt: fc.constantFrom("2026-01-01", "2026-01-02", "2026-01-03"),
        updatedAt: fc.constantFrom("2026-02-01", "2026-02-02"),
        tags: fc.constantFrom<string[][]>([], ["vip"], ["vip", "expo"]),
      })
      .map(({ id, name, ...fields }) => row(id, { ...fields, name, haystack: name.toLowerCase() }));
    const sortArb = fc.record({
      key: fc.constantFrom<SortKey>("name", "company", "status", "score", "createdAt", "updatedAt"),
      dir: fc.constantFrom<"asc" | "desc">("asc", "desc"),
    });
    const filterArb = fc.record({
      ...Object.fromEntries(Object.entries(EMPTY_FILTER).map(([k, v]) => [k, fc.constant(v)])),
      text: fc.constantFrom("", "ann", "zoe"),
      status: fc.constantFrom("", "working"),
      tag: fc.constantFrom("", "vip"),
      minScore: fc.constantFrom(0, 3),
    }) as fc.Arbitrary<ListFilter>;
    fc.assert(
      fc.property(
        fc.uniqueArray(rowArb, { selector: (r) => r.id, maxLength: 60 }),
        // Few changes (placed one by one) or many (merged in one pass).
        fc.oneof(fc.array(rowArb, { maxLength: 10 }), fc.array(rowArb, { minLength: 40, maxLength: 70 })),
        fc.array(ids, { maxLength: 10 }),
        filterArb,
        sortArb,
        (rows, upserts, removals, filter, sort) => {
          const patch = { upserts, removals };
          const expected = fromScratch(applied(rows, patch), filter, sort);
          expect(patched(rows, patch, filter, sort)).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });
});
