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

/** Half of a surrogate pair with no other half: not a character, and not encodable as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A JSON argument for `json_each(?)` whose strings SQLite may decode: JSON.stringify writes a lone
 * surrogate as an escape that SQLite's `->>` turns into bytes that are not UTF-8, which libSQL's
 * client cannot read back (it aborts the process). The routes refuse such text; this is the last
 * guard, replacing any that got this far with U+FFFD.
 */
export function storableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? v.replace(LONE_SURROGATE, "\ufffd") : v));
}
