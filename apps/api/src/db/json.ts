import { replaceBrokenCharacters } from "@leadpane/domain";
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";

/**
 * A JSON column as JSON functions may read it: its text when SQLite accepts it as JSON, else `{}`.
 * SQLite refuses JSON nested deeper than its limit (1,000 levels) with an error for the whole
 * statement, so one stored value written before the domain capped depth (or by any other
 * writer) would fail every query that reads the column: guarded, such a row simply matches nothing.
 */
export function readableJson(column: SQLWrapper): SQL {
  return sql`(case when json_valid(${column}) then ${column} else '{}' end)`;
}

/**
 * The delete clock of a stored record (empty when it was never deleted), read through the same
 * guard as readableJson: the trash lists by it and the purge selects by it. Raw SQL text over the
 * `records` table's `meta` column, for the purge's hand-written statements and drizzle queries alike.
 */
export const DELETE_CLOCK_SQL = `coalesce(json_extract(case when json_valid(meta) then meta else '{}' end, '$.clocks."$deleted"'), '')`;

/**
 * A JSON argument for `json_each(?)` whose strings SQLite may decode: JSON.stringify writes a lone
 * surrogate as an escape that SQLite's `->>` turns into bytes that are not UTF-8, which libSQL's
 * client cannot read back (it aborts the process). The routes refuse such text; this is the last
 * guard, replacing any that got this far with U+FFFD.
 */
export function storableJson(value: unknown): string {
  // JSON.stringify writes a lone surrogate, and only that, as a `\udXXX` escape (a whole pair stays
  // as is): text without one needs no second pass. (The replacer on every string was a tenth of a
  // push's CPU.) A user's literal backslash-u text only takes the slow path, which is also right.
  const text = JSON.stringify(value);
  if (!LONE_SURROGATE_ESCAPE.test(text)) return text;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? replaceBrokenCharacters(v) : v));
}

/** How JSON.stringify writes a lone surrogate. */
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f]/i;
