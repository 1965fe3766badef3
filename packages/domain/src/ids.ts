import { uuidv7 } from "uuidv7";

/** A new record or client id: a UUIDv7, ordered by creation time. */
export function newId(): string {
  return uuidv7();
}

/** A UUID (version 8, RFC 9562 custom) derived from a string: the same input gives the same id on every replica. */
export function deterministicId(input: string): string {
  let hex = "";
  for (let seed = 1; hex.length < 32; seed++) {
    // FNV-style mixing with a murmur finalizer per seed: spreading, not security — inputs are not adversarial.
    let hash = Math.imul(0x811c9dc5, seed) >>> 0;
    for (let i = 0; i < input.length; i++) {
      hash = Math.imul(hash ^ input.charCodeAt(i), 0x01000193);
      hash ^= hash >>> 15;
    }
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    hash ^= hash >>> 16;
    hex += (hash >>> 0).toString(16).padStart(8, "0");
  }
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return (
    `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}` +
    `-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  );
}
