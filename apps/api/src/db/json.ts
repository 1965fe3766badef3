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
