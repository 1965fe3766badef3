// Narrowing records by type, without the record schemas (and zod) of record.ts: what light users
// (the extension's service worker, each time it starts) need.

/** Whether a record is of `type`: narrows it, and so its data, to that type's. */
export function isRecordOf<R extends { type: string }, T extends string>(
  record: R,
  type: T,
): record is Extract<R, { type: T }> {
  return record.type === type;
}

/** The records of one type among these, in their order. */
export function recordsOf<R extends { type: string }, T extends string>(
  records: readonly R[],
  type: T,
): Array<Extract<R, { type: T }>> {
  return records.filter((record) => isRecordOf(record, type));
}
