import { foldForSearch, phoneDigits, type Activity } from "@leadpane/domain";
import { fieldsOf, type RecordOf } from "@leadpane/domain/sync";
import { loadedRules } from "./rules.ts";

/** The record types the dashboard lists. */
export type ListType = "lead" | "contact" | "company";

/**
 * One row of a dashboard list: only what the list shows, filters and sorts by, flattened once
 * when loaded so that filtering 100,000 rows is a tight loop over plain objects.
 */
export interface ListRow {
  type: ListType;
  id: string;
  name: string;
  /** Name, title, company and emails folded (lower case, no accents): what the text filter searches. */
  haystack: string;
  /** The digits of each phone, space-separated: what a phone typed in the text filter is found in. */
  phoneDigits: string;
  title: string;
  company: string;
  email: string;
  /** Lead status, contact lifecycle, or "" for companies. */
  status: string;
  ownerId: string | null;
  tags: string[];
  /** Lead source kind (web, email, manual, import), or "" when not a lead. */
  source: string;
  /** Lead score 0–100, or -1 when not a lead. */
  score: number;
  createdAt: string;
  updatedAt: string;
}

/** A list filter as the dashboard and saved views hold it; empty values mean "any". */
export interface ListFilter {
  text: string;
  status: string;
  ownerId: string;
  tag: string;
  source: string;
  /** Lowest score to show (0 = any). */
  minScore: number;
}

/** The columns a list can be sorted by. */
export type SortKey = "name" | "company" | "status" | "score" | "createdAt" | "updatedAt";

/** A sort: column and direction. */
export interface ListSort {
  key: SortKey;
  dir: "asc" | "desc";
}

/** The filter that keeps every row. */
export const EMPTY_FILTER: ListFilter = { text: "", status: "", ownerId: "", tag: "", source: "", minScore: 0 };

/** Sentinel owner filter for rows nobody owns. */
export const UNASSIGNED = "__unassigned__";

/**
 * The list row of a lead, contact or company; `activities` are the lead's, for its score;
 * `companyName` is a contact's company, which the contact holds only by id.
 */
export function toListRow(
  record: RecordOf<ListType>,
  activities: ReadonlyArray<Pick<Activity, "type" | "occurredAt">> = [],
  now = new Date(),
  companyName: string | null = null,
): ListRow {
  const d = fieldsOf(record);
  const emails = record.data.emails ?? [];
  const name = String(d.name ?? "");
  const title = String(d.title ?? "");
  const company = String(record.type === "company" ? (d.domain ?? "") : (d.companyName ?? companyName ?? ""));
  const type = record.type;
  return {
    type,
    id: record.id,
    name,
    haystack: foldForSearch([name, title, company, ...emails].join(" ")),
    phoneDigits: (record.data.phones ?? []).map(phoneDigits).join(" "),
    title,
    company,
    email: emails[0] ?? "",
    status: type === "lead" ? String(d.status ?? "new") : type === "contact" ? String(d.lifecycle ?? "") : "",
    ownerId: record.data.ownerId ?? null,
    tags: record.data.tags ?? [],
    source: record.type === "lead" ? String(record.data.source?.kind ?? "") : "",
    score: record.type === "lead" ? loadedRules().scoreLead(record.data, activities, now).score : -1,
    createdAt: String(d.createdAt ?? ""),
    updatedAt: String(d.updatedAt ?? ""),
  };
}

/** Whether a filter keeps anything out (used to label the list "filtered"). */
export function isFiltering(filter: ListFilter): boolean {
  return Boolean(
    filter.text.trim() || filter.status || filter.ownerId || filter.tag || filter.source || filter.minScore > 0,
  );
}

/**
 * The rows a filter keeps, in their order. The text ignores accents and finds phones however they
 * are typed, read through the workspace's `region`.
 */
export function filterRows(rows: readonly ListRow[], filter: ListFilter, region = "US"): ListRow[] {
  if (!isFiltering(filter)) return rows.slice();
  return rows.filter(rowFilter(filter, region));
}

/** Whether one row passes a filter: what filterRows asks of each row, for patching a list row by row. */
export function rowFilter(filter: ListFilter, region = "US"): (row: ListRow) => boolean {
  if (!isFiltering(filter)) return () => true;
  const query = loadedRules().prepareSearch(filter.text, region);
  const owner = filter.ownerId === UNASSIGNED ? null : filter.ownerId;
  const tag = filter.tag.trim().toLowerCase();
  return (row) => {
    if (filter.status && row.status !== filter.status) return false;
    if (filter.ownerId && row.ownerId !== owner) return false;
    if (filter.source && row.source !== filter.source) return false;
    if (filter.minScore > 0 && row.score < filter.minScore) return false;
    if (tag && !row.tags.some((t) => t.toLowerCase() === tag)) return false;
    return (
      !query ||
      row.haystack.includes(query.text) ||
      query.phoneDigits.some((digits) => row.phoneDigits.includes(digits))
    );
  };
}

/** The rows sorted (a new array), in the order of compareRows. */
export function sortRows(rows: readonly ListRow[], sort: ListSort): ListRow[] {
  return rows.slice().sort(compareRows(sort));
}

/**
 * The order of a sort as a comparator. A total order: ties go newest first (createdAt, then id, which
 * is time-ordered), so every row has exactly one place and a changed row's place can be found by
 * binary search.
 */
export function compareRows(sort: ListSort): (a: ListRow, b: ListRow) => number {
  const sign = sort.dir === "asc" ? 1 : -1;
  const key = sort.key;
  const compare =
    key === "score"
      ? (a: ListRow, b: ListRow) => a.score - b.score
      : (a: ListRow, b: ListRow) => {
          const x = a[key];
          const y = b[key];
          return x < y ? -1 : x > y ? 1 : 0;
        };
  return (a, b) =>
    sign * compare(a, b) ||
    (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0) ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** The distinct tags across rows, sorted, for the tag filter's choices. */
export function tagsOf(rows: readonly ListRow[], limit = 200): string[] {
  const tags = new Set<string>();
  for (const row of rows) {
    for (const tag of row.tags) tags.add(tag);
    if (tags.size >= limit) break;
  }
  return [...tags].sort((a, b) => a.localeCompare(b));
}
