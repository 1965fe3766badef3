import type { SyncedRecord } from "./record.ts";

// What a record's metadata says, apart from the write rules of fields.ts: those normalize phones
// (libphonenumber), and the extension's pages read these on their first screen.

/**
 * Pseudo-field whose clock orders delete and restore; its history entries (the state a delete or
 * restore replaced, with who and when) tell the trash who deleted a record.
 */
export const DELETED_CLOCK = "$deleted";

/** The current value-clock pairs of one set-valued field, for building a `remove`. */
export function observedAdds(
  record: Pick<SyncedRecord, "meta">,
  field: string,
  values: string[],
): Record<string, string[]> {
  const set = record.meta.sets[field] ?? {};
  return Object.fromEntries(values.map((value) => [value, [...(Object.hasOwn(set, value) ? set[value]! : [])]]));
}
