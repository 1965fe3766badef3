import { uuidv7 } from "uuidv7";

/** A new record or client id: a UUIDv7, ordered by creation time. */
export function newId(): string {
  return uuidv7();
}
