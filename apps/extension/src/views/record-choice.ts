/** A record as the side panel lists it: enough to tell one from another. */
interface Listed {
  type: string;
  id: string;
}

/** The key a choice is remembered by: the record itself, never its place in a list. */
export function choiceKey(record: Listed): string {
  return `${record.type}:${record.id}`;
}

/**
 * The record a rep chose among several, found again by its key after the list re-sorted or
 * changed (a status change, a conversion, a teammate's edit): an action then lands on the person
 * the rep picked, not on whoever took their place. Without a choice, or when the chosen record
 * left the list, the first one.
 */
export function chosenRecord<R extends Listed>(records: readonly R[], key: string | null): R | undefined {
  return (key === null ? undefined : records.find((r) => choiceKey(r) === key)) ?? records[0];
}
